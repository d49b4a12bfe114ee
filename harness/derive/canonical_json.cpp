#include "derive/canonical_json.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace conform::derive {
namespace {

// Schema keywords in the order a reader wants them; any other key follows, by name.
constexpr std::array<std::string_view, 24> kKeywordOrder = {
    "$schema",   "title",         "description",    "type",       "format",      "enum",
    "const",     "default",       "minItems",       "maxItems",   "minLength",   "$comment",
    "x-locator", "x-requirement", "x-requirements", "x-inferred", "required",    "anyOf",
    "oneOf",     "allOf",         "$ref",           "items",      "definitions", "properties"};

size_t rank_of(const std::string& key) {
  auto it = std::find(kKeywordOrder.begin(), kKeywordOrder.end(), key);
  return static_cast<size_t>(it - kKeywordOrder.begin());
}

enum class Mode { kSchema, kNameMap, kData };

// How the value of `key` inside a schema object is printed.
Mode child_mode(const std::string& key) {
  if (key == "properties" || key == "definitions" || key == "x-requirements") return Mode::kNameMap;
  if (key == "enum" || key == "const" || key == "default" || key == "examples") return Mode::kData;
  return Mode::kSchema;
}

void dump_value(const nlohmann::ordered_json& v, int indent, Mode mode, std::string& out);

std::vector<std::string> ordered_keys(const nlohmann::ordered_json& v, Mode mode) {
  std::vector<std::string> keys;
  for (auto it = v.begin(); it != v.end(); ++it) keys.push_back(it.key());
  if (mode == Mode::kSchema) {
    std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
      size_t ra = rank_of(a), rb = rank_of(b);
      return ra != rb ? ra < rb : (ra == kKeywordOrder.size() && a < b);
    });
  }
  return keys;
}

void dump_object(const nlohmann::ordered_json& v, int indent, Mode mode, std::string& out) {
  if (v.empty()) {
    out += "{}";
    return;
  }
  auto keys = ordered_keys(v, mode);
  std::string pad(static_cast<size_t>(indent + 2), ' ');
  out += "{\n";
  for (size_t i = 0; i < keys.size(); ++i) {
    out += pad + nlohmann::ordered_json(keys[i]).dump() + ": ";
    Mode next = mode == Mode::kSchema    ? child_mode(keys[i])
                : mode == Mode::kNameMap ? Mode::kSchema
                                         : Mode::kData;
    dump_value(v.at(keys[i]), indent + 2, next, out);
    out += i + 1 < keys.size() ? ",\n" : "\n";
  }
  out += std::string(static_cast<size_t>(indent), ' ') + "}";
}

void dump_value(const nlohmann::ordered_json& v, int indent, Mode mode, std::string& out) {
  if (v.is_object()) {
    dump_object(v, indent, mode, out);
  } else if (v.is_array()) {
    if (v.empty()) {
      out += "[]";
      return;
    }
    std::string pad(static_cast<size_t>(indent + 2), ' ');
    out += "[\n";
    for (size_t i = 0; i < v.size(); ++i) {
      out += pad;
      dump_value(v[i], indent + 2, mode == Mode::kNameMap ? Mode::kSchema : mode, out);
      out += i + 1 < v.size() ? ",\n" : "\n";
    }
    out += std::string(static_cast<size_t>(indent), ' ') + "]";
  } else {
    out += v.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
}

}  // namespace

std::string canonical_dump(const nlohmann::ordered_json& value, bool schema) {
  std::string out;
  dump_value(value, 0, schema ? Mode::kSchema : Mode::kData, out);
  return out + "\n";
}

void merge_patch(nlohmann::ordered_json& target, const nlohmann::ordered_json& patch) {
  if (!patch.is_object()) {
    target = patch;
    return;
  }
  if (!target.is_object()) target = nlohmann::ordered_json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) {
      target.erase(it.key());
    } else {
      merge_patch(target[it.key()], it.value());
    }
  }
}

}  // namespace conform::derive
