#pragma once
/// One valid request body generated from an API's request schema, for an API that has no valid
/// request fixture: replay builds its probes on it.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "validate/catalog.hpp"

namespace conform {

/// A small value of the acceptance core of `channel`'s request schema ("" when the API has no
/// channels), the same on every run; std::nullopt when the API has no such channel or the
/// value the generator made does not validate.
std::optional<nlohmann::json> generated_valid_body(const ApiEntry& api, const std::string& channel);

}  // namespace conform
