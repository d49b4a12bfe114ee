#include "core/json_text.hpp"

#include <algorithm>

namespace conform {
namespace {

std::string position_of(std::string_view text, size_t byte) {
  byte = std::min(byte, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string reason_of(const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  auto colon = what.rfind(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

size_t json_nesting_depth(std::string_view text) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

JsonParse parse_json(std::string_view text, size_t max_depth) {
  JsonParse result;
  if (json_nesting_depth(text) > max_depth) {
    result.error = "nesting deeper than " + std::to_string(max_depth) + " levels";
    return result;
  }
  try {
    result.value = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // byte is 1-based and points just past the offending character.
    size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    result.error = position_of(text, byte) + ": " + reason_of(e);
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range 406 for a number like 1e99999: no position, but never an abort.
    result.error = e.what();
  }
  return result;
}

}  // namespace conform
