#include "validate/schema_index.hpp"

#include <set>

#include <algorithm>

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

bool settled_required(const json& node, const std::string& name) {
  auto required = node.find("required");
  if (required == node.end() || !required->is_array()) return false;
  auto accept = node.find("x-accept");
  if (accept != node.end() && accept->is_object() && accept->contains("required")) return false;
  for (const auto& entry : *required) {
    if (entry.is_string() && entry.get<std::string>() == name) return true;
  }
  return false;
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
  if (node.contains("x-accept") && node["x-accept"].is_object()) {
    for (const auto& [keyword, reason] : node["x-accept"].items()) {
      if (reason.is_string()) rules.accept_only.emplace(keyword, reason.get<std::string>());
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
      std::string child = pattern + "/" + escape_pointer_token(name);
      if (settled_required(node, name)) out[child].required_by_parent = true;
      walk(root, sub, child, out, depth + 1);
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

const std::vector<std::string>& acceptance_keywords() {
  static const std::vector<std::string> keywords = {"required", "minItems", "minLength", "maxLength",
                                                    "format",   "type",     "enum",      "pattern"};
  return keywords;
}

namespace {

std::string annotation_problem(const json& node, const std::string& at) {
  const json& accept = node["x-accept"];
  if (!accept.is_object()) return at + "/x-accept: must be an object of keyword -> reason";
  const auto& keywords = acceptance_keywords();
  for (const auto& [key, reason] : accept.items()) {
    std::string where = at + "/x-accept/" + escape_pointer_token(key);
    bool hint = key == "future" || key == "omit" || key == "include";
    bool keyword = std::find(keywords.begin(), keywords.end(), key) != keywords.end();
    if (!hint && !keyword) return where + ": not an acceptance keyword (required, minItems, minLength, maxLength, format, type, enum, pattern) or hint (future, omit, include)";
    if (keyword && !node.contains(key)) return where + ": the node has no '" + key + "' for the acceptance core to own";
    if (!reason.is_string() || reason.get<std::string>().size() < 10) return where + ": needs a reason (a sentence of 10 or more characters)";
  }
  return "";
}

std::string first_problem(const json& node, const std::string& at, int depth) {
  if (depth > kMaxDepth) return "";
  if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      std::string p = first_problem(node[i], at + "/" + std::to_string(i), depth + 1);
      if (!p.empty()) return p;
    }
    return "";
  }
  if (!node.is_object()) return "";
  if (node.contains("x-accept")) {
    std::string p = annotation_problem(node, at);
    if (!p.empty()) return p;
  }
  for (const auto& [key, value] : node.items()) {
    if (key.rfind("x-", 0) == 0) continue;
    std::string p = first_problem(value, at + "/" + escape_pointer_token(key), depth + 1);
    if (!p.empty()) return p;
  }
  return "";
}

}  // namespace

std::string acceptance_annotation_problem(const json& schema) { return first_problem(schema, "", 0); }

namespace {

/// Follows a chain of nodes that hold only a `$ref`; true when it comes back to a node it saw.
bool ref_chain_loops(const json& root, const json& start) {
  std::set<const json*> seen;
  const json* node = &start;
  while (node->is_object() && node->contains("$ref") && (*node)["$ref"].is_string()) {
    if (!seen.insert(node).second) return true;
    const json* next = resolve_local_ref(root, (*node)["$ref"].get<std::string>());
    if (!next) return false;
    node = next;
  }
  return false;
}

std::string ref_cycle_at(const json& root, const json& node, const std::string& pointer) {
  if (ref_chain_loops(root, node)) return pointer + ": a $ref that leads back to itself through $refs alone";
  if (node.is_object()) {
    for (const auto& [key, sub] : node.items()) {
      if (key.rfind("x-", 0) == 0 || key == "enum" || key == "const" || key == "default" || key == "examples") continue;
      std::string found = ref_cycle_at(root, sub, append_pointer(pointer, key));
      if (!found.empty()) return found;
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      std::string found = ref_cycle_at(root, node[i], pointer + "/" + std::to_string(i));
      if (!found.empty()) return found;
    }
  }
  return "";
}

}  // namespace

std::string ref_cycle_problem(const json& schema) { return ref_cycle_at(schema, schema, ""); }

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
    // Values are data, not schemas: an enum member {"format": "x"} stays as it is.
    bool data = key.rfind("x-", 0) == 0 || key == "enum" || key == "const" || key == "default" || key == "examples";
    out[key] = data ? value : without_formats(value);
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
