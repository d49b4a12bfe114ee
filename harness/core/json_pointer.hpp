#pragma once
/// RFC 6901 JSON pointers: building, splitting and turning them into schema patterns.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform {

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
std::string escape_pointer_token(std::string_view token);

/// Appends one unescaped token to a pointer.
std::string append_pointer(std::string_view pointer, std::string_view token);

/// Splits a pointer into unescaped tokens; "" gives no tokens.
std::vector<std::string> split_pointer(std::string_view pointer);

/// Turns valijson's context (`<root>`, `[data]`, `[0]`, ...) into a pointer (`/data/0`).
std::string pointer_from_context(const std::vector<std::string>& context);

/// Replaces every all-digit token with `*`, so `/data/3/to/0` matches schema pattern
/// `/data/*/to/*`.
std::string pointer_pattern(std::string_view pointer);

/// Pointers of every object member and array item in the value, parents before children.
std::vector<std::string> child_pointers(const nlohmann::json& value);

/// The value without the member or array item at `pointer` (which must exist and not be "").
nlohmann::json without_child(const nlohmann::json& value, const std::string& pointer);

}  // namespace conform
