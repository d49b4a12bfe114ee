#include "validate/schema_index.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "core/json_pointer.hpp"
#include "validate/subschemas.hpp"

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

/// Walks a schema into its index. A node already on the path (a recursive $ref) is not
/// entered again, and the walk stops with an error past kMaxLocations visits (a tree of $refs
/// that expands exponentially).
class IndexWalk {
 public:
  IndexWalk(const json& root, SchemaIndex& out) : root_(root), out_(out) {}

  void walk(const json& node, const std::string& pattern, int depth) {
    if (depth > kMaxDepth || !node.is_object() || on_path_.contains(&node)) return;
    if (++visits_ > kMaxLocations) {
      throw std::length_error("the schema expands, through its $refs, to more than " +
                              std::to_string(kMaxLocations) + " locations");
    }
    on_path_.insert(&node);
    record(node, out_[pattern]);
    children(node, pattern, depth);
    on_path_.erase(&node);
  }

 private:
  static constexpr long kMaxLocations = 200000;

  void children(const json& node, const std::string& pattern, int depth) {
    if (node.contains("$ref") && node["$ref"].is_string()) {
      if (const json* target = resolve_local_ref(root_, node["$ref"].get<std::string>()))
        walk(*target, pattern, depth + 1);
    }
    if (node.contains("properties") && node["properties"].is_object()) {
      for (const auto& [name, sub] : node["properties"].items()) {
        std::string child = pattern + "/" + escape_pointer_token(name);
        if (settled_required(node, name)) out_[child].required_by_parent = true;
        walk(sub, child, depth + 1);
      }
    }
    if (node.contains("items")) {
      const json& items = node["items"];
      if (items.is_object()) walk(items, pattern + "/*", depth + 1);
      if (items.is_array()) {
        for (const auto& sub : items) walk(sub, pattern + "/*", depth + 1);
      }
    }
    for (const char* combinator : {"allOf", "anyOf", "oneOf"}) {
      if (node.contains(combinator) && node[combinator].is_array()) {
        for (const auto& sub : node[combinator]) walk(sub, pattern, depth + 1);
      }
    }
  }

  const json& root_;
  SchemaIndex& out_;
  std::set<const json*> on_path_;
  long visits_ = 0;
};

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
  IndexWalk(schema, index).walk(schema, "", 0);
  return index;
}

const std::vector<std::string>& acceptance_keywords() {
  static const std::vector<std::string> keywords = {
      "required", "minItems", "minLength", "maxLength", "format", "type", "enum", "pattern"};
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
    if (!hint && !keyword)
      return where +
             ": not an acceptance keyword (required, minItems, minLength, maxLength, format, type, "
             "enum, pattern) or hint (future, omit, include)";
    if (keyword && !node.contains(key))
      return where + ": the node has no '" + key + "' for the acceptance core to own";
    if (!reason.is_string() || reason.get<std::string>().size() < 10)
      return where + ": needs a reason (a sentence of 10 or more characters)";
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

std::string acceptance_annotation_problem(const json& schema) {
  return first_problem(schema, "", 0);
}

namespace {

/// The subschemas that apply to the same instance value as `node`: a $ref's target, the
/// branches of allOf/anyOf/oneOf, not, if/then/else and schema dependencies.
template <class Visit>
void for_each_in_place(const json& root, const json& node, Visit&& visit) {
  if (!node.is_object()) return;
  auto ref = node.find("$ref");
  if (ref != node.end() && ref->is_string()) {
    if (const json* target = resolve_local_ref(root, ref->get<std::string>())) visit(*target);
  }
  for_each_subschema(node, [&](const std::string& at, const json& sub) {
    std::string keyword = at.substr(0, at.find('/'));
    bool same_value = keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf" ||
                      keyword == "not" || keyword == "if" || keyword == "then" ||
                      keyword == "else" || keyword == "dependencies";
    if (same_value) visit(sub);
  });
}

/// Depth-first search for a node that reaches itself without moving to another value:
/// validating it would never end (valijson, and any engine, recurses until the stack overflows).
class InPlaceCycleFinder {
 public:
  explicit InPlaceCycleFinder(const json& root) : root_(root) {}

  bool loops_from(const json& node) {
    auto [it, fresh] = state_.emplace(&node, State::on_path);
    if (!fresh) return it->second == State::on_path;
    bool loops = false;
    for_each_in_place(root_, node, [&](const json& next) { loops = loops || loops_from(next); });
    state_[&node] = State::done;
    return loops;
  }

 private:
  enum class State { on_path, done };
  const json& root_;
  std::map<const json*, State> state_;
};

std::string in_place_cycle_at(InPlaceCycleFinder& finder, const json& node,
                              const std::string& pointer) {
  if (finder.loops_from(node)) {
    return pointer +
           ": a subschema that applies itself again to the same value (through $ref, allOf, anyOf, "
           "oneOf, not, if/then/else or dependencies), so validation would never end";
  }
  std::string found;
  for_each_subschema(node, [&](const std::string& at, const json& sub) {
    if (found.empty()) found = in_place_cycle_at(finder, sub, pointer + "/" + at);
  });
  return found;
}

void strip_formats(json& node) {
  if (!node.is_object()) return;
  auto format = node.find("format");
  if (format != node.end() && format->is_string()) node.erase(format);
  for_each_subschema(node, [](const std::string&, json& sub) { strip_formats(sub); });
}

}  // namespace

std::string ref_cycle_problem(const json& schema) {
  InPlaceCycleFinder finder(schema);
  return in_place_cycle_at(finder, schema, "");
}

json without_formats(const json& schema) {
  json out = schema;
  strip_formats(out);
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
