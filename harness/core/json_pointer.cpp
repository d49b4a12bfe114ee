#include "core/json_pointer.hpp"

#include <algorithm>
#include <cctype>

namespace conform {

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string append_pointer(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  out += escape_pointer_token(token);
  return out;
}

static std::string unescape_token(std::string_view token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  size_t start = pointer.front() == '/' ? 1 : 0;
  while (true) {
    size_t slash = pointer.find('/', start);
    tokens.push_back(unescape_token(pointer.substr(start, slash - start)));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return tokens;
}

std::string pointer_from_context(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& element : context) {
    if (element.size() >= 2 && element.front() == '[' && element.back() == ']') {
      pointer = append_pointer(pointer, std::string_view(element).substr(1, element.size() - 2));
    }
  }
  return pointer;
}

static bool all_digits(std::string_view token) {
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string pointer_pattern(std::string_view pointer) {
  std::string out;
  for (const auto& token : split_pointer(pointer)) {
    out += '/';
    out += all_digits(token) ? std::string("*") : escape_pointer_token(token);
  }
  return out;
}

namespace {

void collect_child_pointers(const nlohmann::json& value, const std::string& at,
                            std::vector<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [name, child] : value.items()) {
      std::string pointer = append_pointer(at, name);  // a copy: `out` may grow below
      out.push_back(pointer);
      collect_child_pointers(child, pointer, out);
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      std::string pointer = at + "/" + std::to_string(i);
      out.push_back(pointer);
      collect_child_pointers(value[i], pointer, out);
    }
  }
}

}  // namespace

std::vector<std::string> child_pointers(const nlohmann::json& value) {
  std::vector<std::string> out;
  collect_child_pointers(value, "", out);
  return out;
}

nlohmann::json without_child(const nlohmann::json& value, const std::string& pointer) {
  nlohmann::json copy = value;
  nlohmann::json::json_pointer where(pointer);
  nlohmann::json& parent = copy.at(where.parent_pointer());
  if (parent.is_object()) {
    parent.erase(where.back());
  } else {
    parent.erase(parent.begin() + static_cast<std::ptrdiff_t>(std::stoul(where.back())));
  }
  return copy;
}

}  // namespace conform
