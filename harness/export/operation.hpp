#pragma once
/// The pieces of one OpenAPI operation built from a contract (used by openapi.cpp), in
/// insertion order: the first example of a body is the one Prism and Dredd pick.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "export/openapi.hpp"

namespace conform {

/// Path and query parameters, with enums, defaults, examples and locators.
nlohmann::ordered_json operation_parameters(const Contract& contract);

/// The request body: one schema, or `oneOf` the channel schemas, with the page examples.
nlohmann::ordered_json operation_request_body(const ApiEntry& api,
                                              const std::vector<PageExample>& examples);

/// One response per documented status; success statuses carry the response schema and examples.
nlohmann::ordered_json operation_responses(const ApiEntry& api,
                                           const std::vector<PageExample>& examples);

/// The security requirement list (alternatives) for the API's auth scheme; adds the schemes
/// it needs to `schemes` (components.securitySchemes).
nlohmann::ordered_json operation_security(const Contract& contract,
                                          nlohmann::ordered_json& schemes);

}  // namespace conform
