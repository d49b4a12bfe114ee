#pragma once
/// How each vendor words its answers: error bodies and success bodies, in one table.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.hpp"

namespace conform {

/// Why the mock refuses a request.
struct Problem {
  int status = 400;
  std::string code;     ///< machine-readable: invalid_data, authentication_failure, ...
  std::string message;  ///< a sentence for people
  std::vector<Violation> violations;  ///< each carries the JSON pointer of the offending value
  std::string parameter;              ///< the path or query parameter at fault, when it is one
};

/// What a success builder echoes: the accepted body and its resolved channel ("" when none).
struct Accepted {
  const nlohmann::json& body;
  const std::string& channel;
};

/// One vendor's wording. Builders never throw, whatever JSON they are given.
struct VendorStyle {
  const char* api;  ///< API id; "" for the fallback row
  nlohmann::json (*error)(const Problem& problem);
  nlohmann::json (*success)(const Accepted& accepted);
};

/// Every vendor's style; the last row (api "") serves contracts that have none.
const std::vector<VendorStyle>& vendor_styles();

/// The style of an API, or the fallback row.
const VendorStyle& style_for(const std::string& api_id);

/// One violation as JSON: pointer, keyword, message, requirement, locator (and parameter).
nlohmann::json violation_json(const Violation& violation, const std::string& parameter);

/// Every violation of a problem as a JSON array.
nlohmann::json violations_json(const Problem& problem);

/// Capillary's email time style from RFC 3339: `2026-05-01 10:00:00::+05:30`; now when unusable.
std::string capillary_time(const nlohmann::json& value);

/// Where one capillary-message channel's items live in the request and in the response.
struct CapillaryChannelShape {
  const char* channel;
  const char* request_key;  ///< array in the request body
  const char* list_key;     ///< array in the response body
  const char* item_key;     ///< the echoed item inside each list element
};

/// The shape of a resolved channel key (sms for an unknown one).
const CapillaryChannelShape& capillary_channel_shape(const std::string& channel);

/// Builds the capillary-message success body (status block and per-channel echo list).
nlohmann::json capillary_message_success(const Accepted& accepted);

/// Builds the capillary-email success body (`response.status`, `response.email[]`).
nlohmann::json capillary_email_success(const Accepted& accepted);

}  // namespace conform
