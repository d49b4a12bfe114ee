#pragma once
/// The mock's request pipeline: route, auth, content type, size, JSON, parameters, contract.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "contract/endpoint.hpp"
#include "mock/faults.hpp"
#include "mock/outbox.hpp"
#include "mock/variants.hpp"
#include "mock/vendor_style.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// One routable API and the statuses the mock derives from its contract once, at start.
struct MockApi {
  const ApiEntry* entry = nullptr;     ///< contract, schemas and validators (from the Catalog)
  const VendorStyle* style = nullptr;  ///< how this vendor words its answers
  int error_status = 400;    ///< for a broken contract: the one exact documented 4xx, else 400
  int success_status = 200;  ///< the one exact documented 2xx, else 200
  /// True when the page's own sample sends its JSON body without a JSON Content-Type (Bigin's
  /// curl -d): a body that parses as JSON is then taken whatever its Content-Type.
  bool json_of_any_type = false;
};

/// Everything a request handler reads. Built once by MockServer, then shared read-only.
struct MockContext {
  std::shared_ptr<const Catalog> catalog;     ///< keeps the entries below alive
  std::vector<MockApi> apis;                  ///< one per contract, in catalog order
  std::string prefix;                         ///< "" or "/some/prefix" (no trailing slash)
  FaultSet faults;                            ///< switched-on faults
  VariantSet variants;                        ///< switched-on variants
  Outbox* outbox = nullptr;                   ///< owned by the server state
  size_t max_body = 0;                        ///< bytes; larger bodies get 413
  size_t max_depth = 0;                       ///< JSON nesting levels before parsing is refused
  std::chrono::milliseconds slow_delay{300};  ///< the delay of the slow-responses fault
};

/// The routable APIs of a catalog, with their derived statuses.
std::vector<MockApi> mock_apis(const Catalog& catalog);

/// Answers one request whose body is `body` (read by the server, not httplib, for a POST).
/// Never throws for any input; 5xx only when a fault asks for it.
void handle_request(const MockContext& context, const httplib::Request& request,
                    const std::string& body, httplib::Response& response);

/// Gives an error that httplib produced itself (413, a bad request line, ...) a JSON body
/// in the style of the API its path names. Leaves responses that have a body alone.
void fill_library_error(const MockContext& context, const httplib::Request& request,
                        httplib::Response& response);

// The steps, exposed for the pipeline's own files (request_checks.cpp).

/// True when the request carries a credential in the scheme: the header is present, starts
/// with one of the prefixes (letter case ignored) and has something after the prefix.
bool has_credentials(const AuthScheme& auth, const httplib::Request& request);

/// True for `application/json`, with or without parameters such as `charset`.
bool is_json_media_type(const std::string& content_type);

/// True when the API's page sends its own sample body without a JSON Content-Type.
bool sample_sends_untyped_json(const std::string& api_id);

/// Checks path and query parameters and resolves the channel. Returns the problem, if any;
/// on success `channel` holds the resolved channel key ("" for an API without channels).
std::optional<Problem> check_parameters(const MockContext& context, const Contract& contract,
                                        const PathValues& path_values,
                                        const httplib::Request& request, std::string& channel);

/// The status for a body that breaks the contract: a status documented for one of the
/// violated requirements (e.g. 422 for whippy's sender_email), else the API's error status.
int invalid_status(const MockContext& context, const MockApi& api,
                   const std::vector<Violation>& violations);

/// Applies the response-shape faults to a success body.
void break_success_body(const MockContext& context, const std::string& api_id,
                        nlohmann::json& body);

/// True when the server-error-on-long-text fault answers this body with a 500.
bool long_text_server_error(const MockContext& context, const std::string& api_id,
                            const nlohmann::json& body);

// The variants (variant_request.cpp, variant_rejections.cpp, variant_items.cpp,
// variant_effects.cpp).

/// The request schema document of a resolved channel, or nullptr.
const nlohmann::json* request_schema(const MockApi& api, const std::string& channel);

/// Rereads the body as the variants ask before it is validated: drops null optional members
/// (null-as-absent) and folds enum values to their documented spelling (case-insensitive-enums).
void reread_request(const MockContext& context, const MockApi& api, const std::string& channel,
                    nlohmann::json& body);

/// Removes the violations a fault or variant forgives (genesys-operation-name-optional,
/// lenient-open, loose-address).
void forgive_violations(const MockContext& context, const MockApi& api,
                        const SchemaValidator& validator, std::vector<Violation>& violations);

/// The violations the rejecting variants add (empty lists, unknown members, strict addresses,
/// past schedules, empty strings, long strings), each with settled = false and its open point.
std::vector<Violation> variant_violations(const MockContext& context, const MockApi& api,
                                          const std::string& channel, const nlohmann::json& body);

/// Unicode code points in UTF-8 text (bytes that are not continuation bytes).
size_t code_point_count(std::string_view text);

/// A success answer that reports some items as failed.
struct PartialResult {
  int status = 200;                    ///< 207 for bigin, the success status for capillary
  nlohmann::json body;                 ///< the vendor's success body with the failed items marked
  std::vector<size_t> rejected_items;  ///< indexes of the items that were not sent
};

/// The partial-results answer when the variant is on and only some of two or more items are
/// invalid; nullopt otherwise.
std::optional<PartialResult> partial_result(const MockContext& context, const MockApi& api,
                                            const std::string& channel, const nlohmann::json& body,
                                            const std::vector<Violation>& violations);

/// The 200 body that says "rejected" (capillary-reject-in-body), or nullopt. `body` is the
/// parsed request, or nullptr when it was not JSON or a parameter was at fault.
std::optional<nlohmann::json> rejection_in_body(const MockContext& context, const MockApi& api,
                                                const std::string& channel,
                                                const nlohmann::json* body, const Problem& problem);

/// The status of a success: the success-202 fault, status-201/202 where the contract leaves
/// the exact code open, else the documented one.
int success_status(const MockContext& context, const MockApi& api);

/// Applies the variants' changes to a success body (numeric-ids, extra-response-fields).
void vary_success_body(const MockContext& context, const std::string& api_id, nlohmann::json& body);

}  // namespace conform
