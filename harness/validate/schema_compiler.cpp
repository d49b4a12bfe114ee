#include "validate/schema_compiler.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "core/json_pointer.hpp"
#include "validate/schema_index.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// Thrown inside the compiler only; compile_schema turns it into a refusal.
struct Refusal : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Keywords that never change a verdict.
bool is_annotation(const std::string& key) {
  static const std::set<std::string> annotations = {
      "$schema", "$comment", "title", "description", "default", "examples", "definitions", "$defs",
      "readOnly", "writeOnly", "contentMediaType", "contentEncoding"};
  return key.rfind("x-", 0) == 0 || annotations.contains(key);
}

uint8_t type_bits(const std::string& name, const std::string& where) {
  static const std::map<std::string, uint8_t> bits = {
      {"null", type_null},     {"boolean", type_boolean}, {"integer", type_integer},
      {"number", type_integer | type_fraction}, {"string", type_string}, {"array", type_array},
      {"object", type_object}};
  auto it = bits.find(name);
  if (it == bits.end()) throw Refusal(where + ": unknown type '" + name + "'");
  return it->second;
}

FormatCheck format_check(const std::string& name) {
  static const std::map<std::string, FormatCheck> checks = {
      {"email", FormatCheck::email}, {"date-time", FormatCheck::date_time}, {"phone", FormatCheck::phone},
      {"url", FormatCheck::url},     {"mime-type", FormatCheck::mime_type}, {"base64", FormatCheck::base64}};
  auto it = checks.find(name);
  return it == checks.end() ? FormatCheck::none : it->second;  // unknown formats pass, as in valijson
}

uint32_t count(const json& value, const std::string& key) {
  if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<int64_t>() >= 0)) {
    throw Refusal(key + " is not a non-negative integer");
  }
  return static_cast<uint32_t>(std::min<uint64_t>(value.get<uint64_t>(), unbounded));
}

double number(const json& value, const std::string& key) {
  if (!value.is_number()) throw Refusal(key + " is not a number");
  return value.get<double>();
}

/// Where a subschema sits decides whether a format in it may be compiled: conform's reference
/// path checks formats only where schema_index walks (properties, items, $ref, allOf/anyOf/oneOf).
struct Place {
  std::string pointer;
  bool formats_checked = true;
};

class Compiler {
 public:
  Compiler(const json& root, const EmailPolicy& policy) : root_(root) { program_.email_policy = policy; }

  SchemaProgram run() {
    compile(root_, Place{"", true});
    return std::move(program_);
  }

 private:
  int32_t compile(const json& schema, const Place& place) {
    if (schema.is_boolean()) return add_boolean(schema.get<bool>());
    if (!schema.is_object()) throw Refusal(at(place, "a schema is an object or a boolean"));
    auto known = compiled_.find(&schema);
    if (known != compiled_.end() && known->second.formats_checked == place.formats_checked) return known->second.index;
    if (schema.contains("$ref")) return compile_ref(schema, place);
    int32_t index = static_cast<int32_t>(program_.nodes.size());
    program_.nodes.emplace_back();
    compiled_[&schema] = {index, place.formats_checked};
    ProgramNode node;
    std::map<std::string, PropertySlot> slots;
    for (const auto& [key, value] : schema.items()) {
      if (!is_annotation(key)) keyword(node, slots, key, value, Place{append_pointer(place.pointer, key), place.formats_checked});
    }
    finish_object(node, slots, place);
    program_.nodes[static_cast<size_t>(index)] = std::move(node);
    return index;
  }

  int32_t add_boolean(bool accepts_all) {
    ProgramNode node;
    node.never = !accepts_all;
    program_.nodes.push_back(std::move(node));
    return static_cast<int32_t>(program_.nodes.size() - 1);
  }

  /// draft-07: `$ref` replaces its siblings, so a sibling that is not an annotation is refused.
  int32_t compile_ref(const json& schema, const Place& place) {
    for (const auto& [key, value] : schema.items()) {
      if (key != "$ref" && !is_annotation(key)) throw Refusal(at(place, "'" + key + "' beside $ref"));
    }
    const json& ref = schema["$ref"];
    const json* target = ref.is_string() ? resolve_local_ref(root_, ref.get<std::string>()) : nullptr;
    if (!target) throw Refusal(at(place, "a $ref that is not a local pointer into this schema"));
    if (++ref_depth_ > 64) throw Refusal(at(place, "$refs nested deeper than 64"));
    int32_t index = compile(*target, Place{ref.get<std::string>().substr(1), place.formats_checked});
    --ref_depth_;
    return index;
  }

  void keyword(ProgramNode& node, std::map<std::string, PropertySlot>& slots, const std::string& key,
               const json& value, const Place& place) {
    if (string_keyword(node, key, value, place) || number_keyword(node, key, value) ||
        array_keyword(node, key, value, place) || object_keyword(node, slots, key, value, place) ||
        combinator_keyword(node, key, value, place)) {
      return;
    }
    if (key == "type") return set_types(node, value, at(place, "type"));
    if (key == "enum" || key == "const") return set_values(node, key, value, place);
    throw Refusal(at(place, "the keyword '" + key + "' is not compiled"));
  }

  static void set_types(ProgramNode& node, const json& value, const std::string& where) {
    if (value.is_string()) {
      node.types = type_bits(value.get<std::string>(), where);
      return;
    }
    if (!value.is_array() || value.empty()) throw Refusal(where + " is not a name or a list of names");
    node.types = 0;
    for (const auto& name : value) {
      if (!name.is_string()) throw Refusal(where + " lists something that is not a name");
      node.types |= type_bits(name.get<std::string>(), where);
    }
  }

  void set_values(ProgramNode& node, const std::string& key, const json& value, const Place& place) {
    if (node.values != no_node) throw Refusal(at(place, "enum and const on one node"));
    if (key == "enum" && !value.is_array()) throw Refusal(at(place, "enum is not a list"));
    program_.value_sets.push_back(key == "enum" ? value.get<std::vector<json>>() : std::vector<json>{value});
    node.values = static_cast<int32_t>(program_.value_sets.size() - 1);
    node.values_are_const = key == "const";
  }

  bool string_keyword(ProgramNode& node, const std::string& key, const json& value, const Place& place) {
    if (key == "minLength") node.min_length = count(value, key);
    else if (key == "maxLength") node.max_length = count(value, key);
    else if (key == "pattern") node.pattern = add_pattern(value, place);
    else if (key == "format") node.format = format_at(value, place);
    else return false;
    return true;
  }

  int32_t add_pattern(const json& value, const Place& place) {
    if (!value.is_string()) throw Refusal(at(place, "pattern is not a string"));
    try {
      program_.patterns.emplace_back(value.get<std::string>());
    } catch (const std::regex_error&) {
      throw Refusal(at(place, "a pattern std::regex cannot compile"));
    }
    return static_cast<int32_t>(program_.patterns.size() - 1);
  }

  FormatCheck format_at(const json& value, const Place& place) {
    if (!value.is_string()) throw Refusal(at(place, "format is not a string"));
    FormatCheck check = format_check(value.get<std::string>());
    if (check != FormatCheck::none && !place.formats_checked) {
      throw Refusal(at(place, "a format where the reference path does not check formats"));
    }
    return check;
  }

  static bool number_keyword(ProgramNode& node, const std::string& key, const json& value) {
    if (key == "minimum") node.minimum = number(value, key);
    else if (key == "maximum") node.maximum = number(value, key);
    else if (key == "exclusiveMinimum") node.exclusive_minimum = number(value, key);
    else if (key == "exclusiveMaximum") node.exclusive_maximum = number(value, key);
    else return false;
    return true;
  }

  bool array_keyword(ProgramNode& node, const std::string& key, const json& value, const Place& place) {
    if (key == "minItems") node.min_items = count(value, key);
    else if (key == "maxItems") node.max_items = count(value, key);
    else if (key == "items") {
      if (value.is_array()) throw Refusal(at(place, "items as a list of schemas"));
      node.items = compile(value, place);
    } else return false;
    return true;
  }

  bool object_keyword(ProgramNode& node, std::map<std::string, PropertySlot>& slots, const std::string& key,
                      const json& value, const Place& place) {
    if (key == "properties") {
      if (!value.is_object()) throw Refusal(at(place, "properties is not an object"));
      for (const auto& [name, sub] : value.items()) {
        slots[name].node = compile(sub, Place{append_pointer(place.pointer, name), place.formats_checked});
      }
    } else if (key == "required") {
      if (!value.is_array()) throw Refusal(at(place, "required is not a list"));
      for (const auto& name : value) {
        if (!name.is_string()) throw Refusal(at(place, "required lists something that is not a name"));
        slots[name.get<std::string>()].bit = 0;  // numbered in finish_object
      }
    } else if (key == "additionalProperties") {
      if (value.is_boolean()) node.additional_forbidden = !value.get<bool>();
      else node.additional = compile(value, Place{place.pointer, false});
      node.has_object_rules = true;
    } else if (key == "minProperties") {
      node.min_properties = count(value, key);
    } else if (key == "maxProperties") {
      node.max_properties = count(value, key);
    } else {
      return false;
    }
    return true;
  }

  void finish_object(ProgramNode& node, std::map<std::string, PropertySlot>& slots, const Place& place) {
    int8_t next_bit = 0;
    for (auto& [name, slot] : slots) {  // std::map: already sorted by name
      slot.name = name;
      if (slot.bit == 0) {
        if (next_bit == 64) throw Refusal(at(place, "more than 64 required members"));
        node.required_mask |= uint64_t{1} << next_bit;
        slot.bit = next_bit++;
      }
      node.properties.push_back(std::move(slot));
    }
    if (!node.properties.empty()) node.has_object_rules = true;
  }

  bool combinator_keyword(ProgramNode& node, const std::string& key, const json& value, const Place& place) {
    if (key == "allOf") node.all_of = branches(value, place);
    else if (key == "anyOf") node.any_of = alternatives(value, place);
    else if (key == "oneOf") node.one_of = alternatives(value, place);
    else if (key == "not") node.not_schema = compile(value, Place{place.pointer, false});
    else if (key == "if") node.if_schema = compile(value, Place{place.pointer, false});
    else if (key == "then") node.then_schema = compile(value, Place{place.pointer, false});
    else if (key == "else") node.else_schema = compile(value, Place{place.pointer, false});
    else return false;
    return true;
  }

  std::vector<int32_t> branches(const json& value, const Place& place) {
    if (!value.is_array() || value.empty()) throw Refusal(at(place, "a combinator that is not a non-empty list"));
    std::vector<int32_t> out;
    for (size_t i = 0; i < value.size(); ++i) {
      out.push_back(compile(value[i], Place{place.pointer + "/" + std::to_string(i), place.formats_checked}));
    }
    return out;
  }

  /// The reference path checks a format at its location whichever branch matched, so a branch
  /// with a format must not share an instance type with any other branch.
  std::vector<int32_t> alternatives(const json& value, const Place& place) {
    std::vector<int32_t> out = branches(value, place);
    for (size_t i = 0; i < out.size(); ++i) {
      if (!has_format(out[i])) continue;
      for (size_t j = 0; j < out.size(); ++j) {
        if (i != j && (node_types(out[i]) & node_types(out[j]))) {
          throw Refusal(at(place, "a branch with a format shares an instance type with another branch"));
        }
      }
    }
    return out;
  }

  uint8_t node_types(int32_t index) const { return program_.nodes[static_cast<size_t>(index)].types; }

  bool has_format(int32_t index) const {
    std::set<int32_t> seen;
    return has_format(index, seen);
  }

  bool has_format(int32_t index, std::set<int32_t>& seen) const {
    if (index == no_node || !seen.insert(index).second) return false;
    const ProgramNode& n = program_.nodes[static_cast<size_t>(index)];
    if (n.format != FormatCheck::none) return true;
    std::vector<int32_t> children = {n.items, n.additional};
    for (const auto& slot : n.properties) children.push_back(slot.node);
    for (const auto* list : {&n.all_of, &n.any_of, &n.one_of}) children.insert(children.end(), list->begin(), list->end());
    return std::any_of(children.begin(), children.end(), [&](int32_t c) { return has_format(c, seen); });
  }

  static std::string at(const Place& place, const std::string& why) {
    return (place.pointer.empty() ? "the root" : place.pointer) + ": " + why;
  }

  struct Compiled {
    int32_t index;
    bool formats_checked;
  };
  const json& root_;
  SchemaProgram program_;
  std::map<const json*, Compiled> compiled_;
  int ref_depth_ = 0;
};

}  // namespace

CompileOutcome compile_schema(const json& schema, const EmailPolicy& policy) {
  try {
    return {Compiler(schema, policy).run(), ""};
  } catch (const Refusal& refusal) {
    return {std::nullopt, refusal.what()};
  }
}

}  // namespace conform
