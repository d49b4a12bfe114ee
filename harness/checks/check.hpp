#pragma once
/// Checks: small pure functions over (contract, case, exchange) that return findings.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/replay_case.hpp"
#include "core/run_types.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// Everything a check may read. The response is present: the engine judges transport
/// trouble (no response, a timeout, a body over the cap) before any check runs.
struct CheckInput {
  const ApiEntry& api;
  const ReplayCase& replay_case;
  const Exchange& exchange;
  const HttpResponse& response;
  const std::optional<nlohmann::json>& body;  ///< the response body parsed, when it is JSON
  const std::string& body_error;              ///< why it did not parse ("" when it did)
  double max_response_ms = 0;                 ///< 0 = no response-time budget
};

/// One failure a check found. `settled` false means the page does not settle the verdict:
/// the case is OBSERVED, never FAIL (CONTRACTS.md, ground rules).
struct Finding {
  Failure failure;
  bool settled = true;
};

/// A named check.
struct Check {
  const char* name;
  const char* summary;
  void (*run)(const CheckInput& input, std::vector<Finding>& out);
};

/// Every check, in the order they run. The one table: nothing registers itself.
const std::vector<Check>& check_table();

/// Media type without parameters, lower-cased: `Application/JSON; charset=utf-8` →
/// `application/json`.
std::string media_type(const std::string& content_type);

/// The first header with this name (case-insensitive), or "".
std::string header_value(const Headers& headers, const std::string& name);

/// True when a 2xx body matches one of the API's rejection body forms (Capillary's item errors).
bool body_says_rejected(const Contract& contract, const std::optional<nlohmann::json>& body);

// The checks themselves (checks/*.cpp); listed in check_table().
void check_not_a_server_error(const CheckInput& in, std::vector<Finding>& out);
void check_status_code_conformance(const CheckInput& in, std::vector<Finding>& out);
void check_documented_status(const CheckInput& in, std::vector<Finding>& out);
void check_content_type_conformance(const CheckInput& in, std::vector<Finding>& out);
void check_response_schema_conformance(const CheckInput& in, std::vector<Finding>& out);
void check_response_matchers(const CheckInput& in, std::vector<Finding>& out);
void check_positive_data_acceptance(const CheckInput& in, std::vector<Finding>& out);
void check_negative_data_rejection(const CheckInput& in, std::vector<Finding>& out);
void check_auth_required(const CheckInput& in, std::vector<Finding>& out);
void check_response_time(const CheckInput& in, std::vector<Finding>& out);

}  // namespace conform
