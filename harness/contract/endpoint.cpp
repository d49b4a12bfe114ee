#include "contract/endpoint.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace conform {
namespace {

size_t segment_count(std::string_view path) {
  size_t slashes = static_cast<size_t>(std::count(path.begin(), path.end(), '/'));
  return path.starts_with('/') ? slashes : slashes + 1;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  out.reserve(segment_count(path));
  size_t start = path.starts_with('/') ? 1 : 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_placeholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// What a case sends for a path parameter it was not given: the example, else the first enum
/// value (the contract meta-schema requires one of them).
std::string sent_value(const Parameter& p) {
  if (p.example.empty() && !p.allowed.empty()) return p.allowed.front();
  return p.example;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int high = hex_value(text[i + 1]);
    int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string build_path(const Contract& contract, const PathValues& values) {
  std::string out;
  for (auto segment : segments(contract.path)) {
    out += '/';
    if (!is_placeholder(segment)) {
      out += segment;
      continue;
    }
    std::string name(segment.substr(1, segment.size() - 2));
    auto given = values.find(name);
    std::string value = given != values.end() ? given->second : std::string();
    if (given == values.end()) {
      for (const auto& p : contract.path_params) {
        if (p.name == name) value = sent_value(p);
      }
    }
    out += percent_encode(value);
  }
  return out;
}

std::optional<PathValues> match_path(const Contract& contract, std::string_view path,
                                     std::string_view prefix) {
  if (!path.starts_with(prefix)) return std::nullopt;
  path.remove_prefix(prefix.size());
  if (segment_count(contract.path) != segment_count(path))
    return std::nullopt;  // cheap, no allocation
  auto wanted = segments(contract.path);
  auto given = segments(path);
  PathValues values;
  for (size_t i = 0; i < wanted.size(); ++i) {
    if (!is_placeholder(wanted[i])) {
      if (wanted[i] != given[i]) return std::nullopt;
      continue;
    }
    std::optional<std::string> decoded = percent_decode(given[i]);
    if (!decoded || decoded->empty()) return std::nullopt;
    values[std::string(wanted[i].substr(1, wanted[i].size() - 2))] = *decoded;
  }
  return values;
}

}  // namespace conform
