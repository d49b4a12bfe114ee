#pragma once
/// Parsing JSON text with errors that name the line and the column.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace conform {

/// The outcome of parsing JSON text: a value, or an error with its position.
struct JsonParse {
  std::optional<nlohmann::json> value;
  std::string error;  ///< "line 3, column 7: ..." when value is empty
};

/// Parses JSON text. Never throws. Depth is capped (`max_depth`) before nlohmann recurses.
JsonParse parse_json(std::string_view text, size_t max_depth = 512);

/// Deepest nesting of arrays and objects in the text, counted without parsing (strings skipped).
size_t json_nesting_depth(std::string_view text);

}  // namespace conform
