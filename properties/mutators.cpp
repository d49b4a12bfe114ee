#include "properties/mutators.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "core/json_pointer.hpp"
#include "properties/value_generators.hpp"

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

/// Marks the last mutant open at `open_point`.
void mark_open(MutationWalk& walk, std::string open_point) {
  walk.out.back().settled = false;
  walk.out.back().open_point = std::move(open_point);
}

/// The mutant just added breaks the node's `keyword`; when `x-accept` owns it, it is open.
void settle_by_node(MutationWalk& walk, const json& node, const std::string& pattern_of,
                    const char* keyword) {
  if (accept_only(node, keyword))
    mark_open(walk, "x-accept:" + pointer_pattern(pattern_of) + ":" + keyword);
}

void mutate_type(MutationWalk& walk, const json& node, const std::string& pointer,
                 const json& value, bool optional) {
  std::set<std::string> types = allowed_types(node, walk.root);
  if (types.empty()) return;
  if (!types.contains("null")) {
    add(walk, MutationKind::null_value, pointer, nullptr, "type", "null");
    if (optional)
      mark_open(walk, "null-as-absent");
    else
      settle_by_node(walk, node, pointer, "type");
  }
  if (!types.contains("integer")) {
    add(walk, MutationKind::wrong_type, pointer, 12345, "type", "a number");
    settle_by_node(walk, node, pointer, "type");
  } else if (!types.contains("string")) {
    add(walk, MutationKind::wrong_type, pointer, "wrong-type", "type", "a string");
    settle_by_node(walk, node, pointer, "type");
  }
  if (value.is_array() && !types.contains("object")) {
    add(walk, MutationKind::wrong_container, pointer, json::object(), "type",
        "an object instead of an array");
    settle_by_node(walk, node, pointer, "type");
  }
  if (value.is_object() && !types.contains("array")) {
    add(walk, MutationKind::wrong_container, pointer, json::array(), "type",
        "an array instead of an object");
    settle_by_node(walk, node, pointer, "type");
  }
}

/// The value in upper case, when that differs from it and from every allowed value.
std::optional<std::string> other_case(const json& node, const std::string& value) {
  std::string upper = value;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  if (upper == value) return std::nullopt;
  for (const auto& allowed : node["enum"]) {
    if (allowed == upper) return std::nullopt;
  }
  return upper;
}

void mutate_enum(MutationWalk& walk, const json& node, const std::string& pointer,
                 const std::string& value) {
  add(walk, MutationKind::outside_enum, pointer, "not-one-of-the-allowed-values", "enum",
      "a value outside the enum");
  settle_by_node(walk, node, pointer, "enum");
  if (accept_only(node, "enum")) return;  // the whole enum is open; outside_enum probes it
  if (auto spelled = other_case(node, value)) {
    add(walk, MutationKind::enum_letter_case, pointer, *spelled, "enum",
        "an allowed value in another letter case");
    mark_open(walk, "enum-letter-case");
  }
}

void mutate_format(MutationWalk& walk, const json& node, const std::string& pointer,
                   const std::string& format) {
  if (format == "email") {
    add(walk, MutationKind::malformed_email, pointer, "not-an-email", "format",
        "an address without @");
    settle_by_node(walk, node, pointer, "format");
    if (walk.policy.require_domain_dot) {
      add(walk, MutationKind::malformed_email, pointer, "invalid@something", "format",
          "a domain without a dot");
      settle_by_node(walk, node, pointer, "format");
    }
  } else if (format == "date-time") {
    add(walk, MutationKind::non_iso_date_time, pointer, "22/02/2024 00:25", "format",
        "a date-time that is not ISO 8601");
    settle_by_node(walk, node, pointer, "format");
    if (accept_only(node, "future")) {
      add(walk, MutationKind::past_date_time, pointer, "2020-01-02T03:04:05+05:30", "future",
          "a scheduling time in the past");
      mark_open(walk, "past-schedule");
    }
  } else if (format == "phone" || format == "url" || format == "mime-type" || format == "base64") {
    add(walk, MutationKind::off_kind_value, pointer, "not a " + format, "format",
        "a value that is not a " + format);
    settle_by_node(walk, node, pointer, "format");
  }
}

void mutate_string(MutationWalk& walk, const json& node, const std::string& pointer,
                   const json& value) {
  if (!value.is_string()) return;
  bool has_enum = node.contains("enum") && node["enum"].is_array();
  if (has_enum) mutate_enum(walk, node, pointer, value.get<std::string>());
  if (node.contains("const")) {
    add(walk, MutationKind::outside_enum, pointer, "not-the-documented-constant", "const",
        "a value other than the constant");
  }
  std::string format = node.value("format", "");
  mutate_format(walk, node, pointer, format);
  if (!has_enum && !node.contains("const") && format.empty() && !node.contains("minLength") &&
      !value.get_ref<const std::string&>().empty()) {
    add(walk, MutationKind::empty_string, pointer, "", "minLength", "an empty string");
    mark_open(walk, "empty-values");
  }
}

void walk_node(MutationWalk& walk, const json& raw, const std::string& pointer, const json& value,
               int depth, bool optional);

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

void walk_children(MutationWalk& walk, const json& node, const std::string& pointer,
                   const json& value, int depth) {
  if (value.is_object()) {
    std::vector<std::string> required = node.value("required", std::vector<std::string>{});
    bool settled_required = !accept_only(node, "required");
    for (const auto& name : required) {
      if (value.contains(name)) {
        add(walk, MutationKind::drop_required, append_pointer(pointer, name), nullptr, "required",
            "without " + name);
        settle_by_node(walk, node, pointer, "required");
      }
    }
    if (!node.contains("properties")) return;
    for (const auto& [name, sub] : node["properties"].items()) {
      bool listed = std::find(required.begin(), required.end(), name) != required.end();
      if (value.contains(name))
        walk_node(walk, sub, append_pointer(pointer, name), value[name], depth + 1,
                  !(listed && settled_required));
    }
  }
  if (value.is_array() && !value.empty() && node.contains("items") && node["items"].is_object()) {
    add(walk, MutationKind::empty_array, pointer, json::array(), "minItems", "an empty array");
    if (node.value("minItems", 0) < 1)
      mark_open(walk, "empty-values");
    else
      settle_by_node(walk, node, pointer, "minItems");
    walk_node(walk, node["items"], pointer + "/0", value[0], depth + 1, false);
  }
}

void walk_node(MutationWalk& walk, const json& raw, const std::string& pointer, const json& value,
               int depth, bool optional) {
  const json& node = dereference(raw, walk.root);
  if (!node.is_object() || depth > 24 || value.is_null()) return;
  mutate_type(walk, node, pointer, value, optional);
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
  static const char* names[] = {"drop_required",    "wrong_type",      "null_value",
                                "outside_enum",     "malformed_email", "non_iso_date_time",
                                "empty_array",      "wrong_container", "off_kind_value",
                                "enum_letter_case", "past_date_time",  "empty_string"};
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

std::vector<Mutant> mutation_sites_of(const json& schema, const json& value,
                                      const EmailPolicy& policy) {
  std::vector<Mutant> out;
  MutationWalk walk{schema, policy, out};
  walk_node(walk, schema, "", value, 0, false);
  // The root keeps its type: a body that is not even an object tests the parser, not the contract.
  out.erase(
      std::remove_if(out.begin(), out.end(), [](const Mutant& m) { return m.pointer.empty(); }),
      out.end());
  return out;
}

}  // namespace conform
