#pragma once
/// Requirements read off derived schemas, with summaries conform writes (page sentences are not
/// copied): one per `x-requirement` (and `x-requirements` entry), in document order.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform::derive {

/// The requirements the schemas name, first occurrence first: id, summary, locator, inferred.
nlohmann::ordered_json schema_requirements(
    const std::vector<std::pair<std::string, nlohmann::ordered_json>>& schemas);

/// "name is a path parameter: one of a, b or c".
std::string parameter_summary(const std::string& name, const std::vector<std::string>& values);

}  // namespace conform::derive
