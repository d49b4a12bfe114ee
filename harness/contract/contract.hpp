#pragma once
/// The endpoint manifest of one API (`schemas/<api>/contract.json`) as plain values.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/recipients.hpp"
#include "core/types.hpp"

namespace conform {

/// A contract, schema or fixture file that cannot be used; the message names the file.
class ContractError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A `{name}` segment of the path template, or a query parameter.
struct Parameter {
  std::string name;
  std::vector<std::string> allowed;  ///< enum values; empty means any value
  bool case_insensitive = false;
  std::optional<std::string> default_value;
  bool selects_channel = false;  ///< the value picks the channel's schemas
  std::string example;
  std::string requirement;
  std::string locator;
};

/// How a client proves who it is: one header whose value starts with one of the prefixes.
struct AuthScheme {
  std::string header;
  std::vector<std::string> prefixes;
  std::string placeholder;  ///< sent by default; the mock accepts it
  std::string requirement;
  std::string locator;
  std::string inferred;
};

/// A documented status: an exact code ("422") or a class ("2xx").
struct DocumentedStatus {
  std::string code;
  std::string when;
  std::string requirement;
  std::string locator;
  bool inferred = false;  ///< the page does not state this code: only its class is settled
};

/// A 2xx body that still says "rejected": a flag equal to a value, or a non-empty list.
struct RejectionBodyForm {
  std::string pointer;    ///< with `equals`
  nlohmann::json equals;  ///< the value that means rejection
  std::string nonempty;   ///< pointer pattern (`*` for every element) of an error list
};

/// How the API says no to an invalid request.
struct Rejection {
  std::string status_class;  ///< "4xx"
  std::vector<RejectionBodyForm> body_forms;
  std::string requirement;
  std::string locator;
};

/// Schema file names for one channel ("" when the API has no channels).
struct SchemaFiles {
  std::string request;
  std::string response;
};

/// One API's contract.
struct Contract {
  std::string id;
  std::string title;
  std::string snapshot;
  std::string method;
  std::string path;  ///< template, e.g. `/api/v2/me/emails/{id}`
  std::string locator;
  std::vector<Parameter> path_params;
  std::vector<Parameter> query_params;
  AuthScheme auth;
  EmailPolicy email_policy;
  std::map<std::string, SchemaFiles> channels;  ///< key "" for an API without channels
  std::vector<DocumentedStatus> statuses;
  Rejection rejection;
  std::vector<Requirement> requirements;
  std::vector<OpenPoint> open_points;           ///< the register of open points (`open_points`)
  std::vector<RecipientField> recipients = {};  ///< the request fields naming who a message goes to

  /// True when the API picks its schemas by a channel parameter.
  bool has_channels() const { return !channels.contains(""); }
  /// The requirement with this id, or nullptr.
  const Requirement* find_requirement(const std::string& requirement_id) const;
  /// The open point with this id, or nullptr.
  const OpenPoint* find_open_point(const std::string& open_point_id) const;
  /// True when every documented 2xx is a class or inferred: the exact success code is open.
  bool success_code_open() const;
  /// The query parameter that selects the channel, or nullptr.
  const Parameter* channel_parameter() const;
};

/// Builds a Contract from its parsed `contract.json`; throws ContractError naming `origin`.
Contract parse_contract(const nlohmann::json& document, const std::string& origin);

/// Resolves a requested channel (any letter case, or none for the default) to a channel key.
/// Returns std::nullopt when the value is not one the contract allows.
std::optional<std::string> resolve_channel(const Contract& contract,
                                           const std::optional<std::string>& requested);

}  // namespace conform
