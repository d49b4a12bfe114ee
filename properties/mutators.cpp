#include "mutators.hpp"

#include <algorithm>
#include <set>

#include "core/json_pointer.hpp"
#include "schema_gen.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// What the walk over a schema and a value carries along.
struct MutationWalk {
  const json& root;
  const EmailPolicy& policy;
  std::vector<Mutant>& out;
};

std::set<std::string> allowed_types(const json& node, const json& root) {
  std::set<std::string> types;
  const json& n = dereference(node, root);
  if (n.contains("type")) {
    if (n["type"].is_string()) types.insert(n["type"].get<std::string>());
    if (n["type"].is_array()) {
      for (const auto& t : n["type"]) types.insert(t.get<std::string>());
    }
  }
  for (const char* alternatives : {"anyOf", "oneOf"}) {
    if (!n.contains(alternatives)) continue;
    for (const auto& branch : n[alternatives]) {
      auto more = allowed_types(branch, root);
      if (more.empty()) return {};  // a branch without a type accepts anything
      types.insert(more.begin(), more.end());
    }
  }
  if (types.contains("number")) types.insert("integer");
  return types;
}

void add(MutationWalk& walk, MutationKind kind, const std::string& pointer, json replacement,
         const std::string& keyword, const std::string& description) {
  walk.out.push_back({json(), kind, pointer, keyword, description, std::move(replacement)});
}

void mutate_type(MutationWalk& walk, const json& node, const std::string& pointer, const json& value) {
  std::set<std::string> types = allowed_types(node, walk.root);
  if (types.empty()) return;
  if (!types.contains("null")) add(walk, MutationKind::null_value, pointer, nullptr, "type", "null");
  if (!types.contains("integer")) {
    add(walk, MutationKind::wrong_type, pointer, 12345, "type", "a number");
  } else if (!types.contains("string")) {
    add(walk, MutationKind::wrong_type, pointer, "wrong-type", "type", "a string");
  }
  if (value.is_array() && !types.contains("object")) {
    add(walk, MutationKind::wrong_container, pointer, json::object(), "type", "an object instead of an array");
  }
  if (value.is_object() && !types.contains("array")) {
    add(walk, MutationKind::wrong_container, pointer, json::array(), "type", "an array instead of an object");
  }
}

void mutate_string(MutationWalk& walk, const json& node, const std::string& pointer, const json& value) {
  if (!value.is_string()) return;
  if (node.contains("enum") && node["enum"].is_array()) {
    add(walk, MutationKind::outside_enum, pointer, "not-one-of-the-allowed-values", "enum", "a value outside the enum");
  }
  std::string format = node.value("format", "");
  if (format == "email") {
    add(walk, MutationKind::malformed_email, pointer, "not-an-email", "format", "an address without @");
    if (walk.policy.require_domain_dot) {
      add(walk, MutationKind::malformed_email, pointer, "invalid@something", "format", "a domain without a dot");
    }
  }
  if (format == "date-time") {
    add(walk, MutationKind::non_iso_date_time, pointer, "22/02/2024 00:25", "format", "a date-time that is not ISO 8601");
  }
}

void walk_node(MutationWalk& walk, const json& raw, const std::string& pointer, const json& value, int depth);

const json* branch_for(const json& node, const json& value, const json& root) {
  for (const char* alternatives : {"anyOf", "oneOf"}) {
    if (!node.contains(alternatives)) continue;
    for (const auto& branch : node[alternatives]) {
      auto types = allowed_types(branch, root);
      std::string type = value.is_number_integer() ? "integer" : value.type_name();
      if (type == "number" && types.contains("number")) return &branch;
      if (types.contains(type)) return &branch;
    }
  }
  return nullptr;
}

void walk_children(MutationWalk& walk, const json& node, const std::string& pointer, const json& value, int depth) {
  if (value.is_object()) {
    for (const auto& name : node.value("required", std::vector<std::string>{})) {
      if (value.contains(name)) {
        add(walk, MutationKind::drop_required, append_pointer(pointer, name), nullptr, "required", "without " + name);
      }
    }
    if (!node.contains("properties")) return;
    for (const auto& [name, sub] : node["properties"].items()) {
      if (value.contains(name)) walk_node(walk, sub, append_pointer(pointer, name), value[name], depth + 1);
    }
  }
  if (value.is_array() && !value.empty() && node.contains("items") && node["items"].is_object()) {
    if (node.value("minItems", 0) >= 1) {
      add(walk, MutationKind::empty_array, pointer, json::array(), "minItems", "an empty array");
    }
    walk_node(walk, node["items"], pointer + "/0", value[0], depth + 1);
  }
}

void walk_node(MutationWalk& walk, const json& raw, const std::string& pointer, const json& value, int depth) {
  const json& node = dereference(raw, walk.root);
  if (!node.is_object() || depth > 24 || value.is_null()) return;
  mutate_type(walk, node, pointer, value);
  if (const json* branch = branch_for(node, value, walk.root)) {
    walk_children(walk, dereference(*branch, walk.root), pointer, value, depth);
    mutate_string(walk, dereference(*branch, walk.root), pointer, value);
    return;
  }
  mutate_string(walk, node, pointer, value);
  walk_children(walk, node, pointer, value, depth);
}

}  // namespace

const char* mutation_kind_name(MutationKind kind) {
  static const char* names[] = {"drop_required",   "wrong_type",        "null_value",  "outside_enum",
                                "malformed_email", "non_iso_date_time", "empty_array", "wrong_container"};
  return names[static_cast<int>(kind)];
}

void materialize(Mutant& m, const json& value) {
  m.body = value;
  if (m.kind == MutationKind::drop_required) {
    std::string parent = m.pointer.substr(0, m.pointer.rfind('/'));
    m.body.at(json::json_pointer(parent)).erase(split_pointer(m.pointer).back());
  } else {
    m.body.at(json::json_pointer(m.pointer)) = m.replacement;
  }
}

std::vector<Mutant> mutants_of(const json& schema, const json& value, const EmailPolicy& policy) {
  std::vector<Mutant> out = mutation_sites_of(schema, value, policy);
  for (auto& m : out) materialize(m, value);
  return out;
}

std::vector<Mutant> mutation_sites_of(const json& schema, const json& value, const EmailPolicy& policy) {
  std::vector<Mutant> out;
  MutationWalk walk{schema, policy, out};
  walk_node(walk, schema, "", value, 0);
  // The root keeps its type: a body that is not even an object tests the parser, not the contract.
  out.erase(std::remove_if(out.begin(), out.end(), [](const Mutant& m) { return m.pointer.empty(); }),
            out.end());
  return out;
}

}  // namespace conform
