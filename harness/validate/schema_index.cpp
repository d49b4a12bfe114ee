#include "validate/schema_index.hpp"

#include "core/json_pointer.hpp"

namespace conform {
namespace {

using nlohmann::json;
constexpr int kMaxDepth = 64;

std::string text(const json& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void keep_first(std::string& slot, const std::string& value) {
  if (slot.empty()) slot = value;
}

void record(const json& node, FieldRules& rules) {
  keep_first(rules.requirement, text(node, "x-requirement"));
  keep_first(rules.locator, text(node, "x-locator"));
  keep_first(rules.format, text(node, "format"));
  if (node.contains("type")) keep_first(rules.expected_type, node["type"].dump());
  if (node.contains("enum")) keep_first(rules.allowed_values, node["enum"].dump());
  if (node.contains("x-requirements") && node["x-requirements"].is_object()) {
    for (const auto& [keyword, id] : node["x-requirements"].items()) {
      if (id.is_string()) rules.by_keyword.emplace(keyword, id.get<std::string>());
    }
  }
}

void walk(const json& root, const json& node, const std::string& pattern, SchemaIndex& out,
          int depth) {
  if (depth > kMaxDepth || !node.is_object()) return;
  record(node, out[pattern]);
  if (node.contains("$ref") && node["$ref"].is_string()) {
    if (const json* target = resolve_local_ref(root, node["$ref"].get<std::string>())) {
      walk(root, *target, pattern, out, depth + 1);
    }
  }
  if (node.contains("properties") && node["properties"].is_object()) {
    for (const auto& [name, sub] : node["properties"].items()) {
      walk(root, sub, pattern + "/" + escape_pointer_token(name), out, depth + 1);
    }
  }
  if (node.contains("items")) {
    const json& items = node["items"];
    if (items.is_object()) walk(root, items, pattern + "/*", out, depth + 1);
    if (items.is_array()) {
      for (const auto& sub : items) walk(root, sub, pattern + "/*", out, depth + 1);
    }
  }
  for (const char* combinator : {"allOf", "anyOf", "oneOf"}) {
    if (node.contains(combinator) && node[combinator].is_array()) {
      for (const auto& sub : node[combinator]) walk(root, sub, pattern, out, depth + 1);
    }
  }
}

}  // namespace

const json* resolve_local_ref(const json& root, const std::string& ref) {
  if (ref.rfind("#", 0) != 0) return nullptr;
  const json* node = &root;
  for (const auto& token : split_pointer(ref.substr(1))) {
    if (!node->is_object() || !node->contains(token)) return nullptr;
    node = &(*node)[token];
  }
  return node;
}

SchemaIndex index_schema(const json& schema) {
  SchemaIndex index;
  walk(schema, schema, "", index, 0);
  return index;
}

json without_formats(const json& schema) {
  if (schema.is_array()) {
    json out = json::array();
    for (const auto& item : schema) out.push_back(without_formats(item));
    return out;
  }
  if (!schema.is_object()) return schema;
  json out = json::object();
  for (const auto& [key, value] : schema.items()) {
    // "format" is a keyword only when its value is a string; a property named "format" is kept,
    // and annotations (`x-requirements: {"format": ...}`) are copied untouched.
    if (key == "format" && value.is_string()) continue;
    out[key] = key.rfind("x-", 0) == 0 ? value : without_formats(value);
  }
  return out;
}

const FieldRules* rules_for(const SchemaIndex& index, const std::string& pointer) {
  std::string pattern = pointer_pattern(pointer);
  while (!pattern.empty()) {
    auto it = index.find(pattern);
    if (it != index.end() && !it->second.requirement.empty()) return &it->second;
    pattern.erase(pattern.rfind('/'));
  }
  auto root = index.find("");
  return root != index.end() ? &root->second : nullptr;
}

}  // namespace conform
