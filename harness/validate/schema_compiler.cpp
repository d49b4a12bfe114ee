#include "validate/schema_compiler.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "core/json_pointer.hpp"
#include "validate/schema_index.hpp"

namespace conform {

bool is_inexact_integer(const nlohmann::json& value) {
  if (value.is_number_unsigned()) return value.get<uint64_t>() > (uint64_t{1} << 53);
  if (value.is_number_integer()) {
    int64_t v = value.get<int64_t>();
    return v > (int64_t{1} << 53) || v < -(int64_t{1} << 53);
  }
  if (value.is_structured()) {
    return std::any_of(value.begin(), value.end(),
                       [](const nlohmann::json& v) { return is_inexact_integer(v); });
  }
  return false;
}

namespace {

using nlohmann::json;

/// Thrown inside the compiler only; compile_schema turns it into a refusal.
struct Refusal : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Keywords that never change a verdict.
bool is_annotation(const std::string& key) {
  static const std::set<std::string> annotations = {
      "$schema",     "$comment", "title",    "description", "default",          "examples",
      "definitions", "$defs",    "readOnly", "writeOnly",   "contentMediaType", "contentEncoding"};
  return key.rfind("x-", 0) == 0 || annotations.contains(key);
}

uint8_t type_bits(const std::string& name, const std::string& where) {
  static const std::map<std::string, uint8_t> bits = {
      {"null", type_null},       {"boolean", type_boolean},
      {"integer", type_integer}, {"number", type_integer | type_fraction},
      {"string", type_string},   {"array", type_array},
      {"object", type_object}};
  auto it = bits.find(name);
  if (it == bits.end()) throw Refusal(where + ": unknown type '" + name + "'");
  return it->second;
}

FormatCheck format_check(const std::string& name) {
  static const std::map<std::string, FormatCheck> checks = {
      {"email", FormatCheck::email},         {"date-time", FormatCheck::date_time},
      {"phone", FormatCheck::phone},         {"url", FormatCheck::url},
      {"mime-type", FormatCheck::mime_type}, {"base64", FormatCheck::base64}};
  auto it = checks.find(name);
  return it == checks.end() ? FormatCheck::none
                            : it->second;  // unknown formats pass, as in valijson
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

/// Where a subschema sits. The reference path checks a format by instance pattern, where
/// schema_index walks (properties, items, $ref, allOf/anyOf/oneOf, 64 levels deep), so a format
/// is compiled only where the program checks it at exactly those locations.
struct Place {
  std::string pointer;          ///< in the schema, for refusals
  std::string pattern = {};     ///< the instance pattern, as schema_index writes it
  int depth = 0;                ///< schema_index's depth
  bool formats_checked = true;  ///< false under not, if/then/else, additionalProperties
  bool literal_star =
      false;  ///< a property named `*` is on the path (the index reads it as any index)

  Place keyword(const std::string& key) const {
    return {append_pointer(pointer, key), pattern, depth, formats_checked, literal_star};
  }
  Place branch(const std::string& key, bool checked) const {
    return {append_pointer(pointer, key), pattern, depth + 1, formats_checked && checked,
            literal_star};
  }
  Place member(const std::string& name) const {
    return {append_pointer(pointer, name), pattern + "/" + escape_pointer_token(name), depth + 1,
            formats_checked, literal_star || name == "*"};
  }
  Place item() const {
    return {append_pointer(pointer, "items"), pattern + "/*", depth + 1, formats_checked,
            literal_star};
  }
};

constexpr int kIndexDepth = 60;  // schema_index walks 64 levels; a margin costs nothing

/// A schema node compiled once, and the instance pattern it was compiled for.
struct Compiled {
  int32_t index;
  std::string pattern;
  bool formats_checked;
};

class Compiler {
 public:
  Compiler(const json& root, const EmailPolicy& policy) : root_(root) {
    program_.email_policy = policy;
  }

  SchemaProgram run() {
    compile(root_, Place{});
    mark_duplicate_checks();
    if (has_ref_ && !escaped_name_.empty()) {
      throw Refusal("the root: a property named '" + escaped_name_ +
                    "' in a schema with $refs (valijson caches subschemas by an unescaped path)");
    }
    if (recursive_ && !pattern_formats_.empty()) {
      throw Refusal(
          "the root: a recursive $ref in a schema with formats (the reference indexes a recursive "
          "$ref once)");
    }
    return std::move(program_);
  }

 private:
  int32_t compile(const json& schema, const Place& place) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>())
        throw Refusal(at(place, "the schema false (valijson reports no error for it)"));
      program_.nodes.emplace_back();
      return static_cast<int32_t>(program_.nodes.size() - 1);
    }
    if (!schema.is_object()) throw Refusal(at(place, "a schema is an object or a boolean"));
    auto known = compiled_.find(&schema);
    if (known != compiled_.end()) return reuse(known->second, place);
    if (schema.contains("$ref")) return compile_ref(schema, place);
    int32_t index = static_cast<int32_t>(program_.nodes.size());
    program_.nodes.emplace_back();
    compiled_[&schema] = {index, place.pattern, place.formats_checked};
    in_progress_.insert(index);
    ProgramNode node;
    std::map<std::string, PropertySlot> slots;
    for (const auto& [key, value] : schema.items()) {
      if (!is_annotation(key)) keyword(node, slots, key, value, place);
    }
    finish_object(node, slots, place);
    finish_node(node, place);
    program_.nodes[static_cast<size_t>(index)] = std::move(node);
    in_progress_.erase(index);
    return index;
  }

  /// A schema node met again: the same instance pattern shares its program; a different one
  /// would need its formats at two patterns, which the reference indexes differently.
  int32_t reuse(const Compiled& earlier, const Place& place);

  /// draft-07: `$ref` replaces its siblings, so a sibling that is not an annotation is refused.
  int32_t compile_ref(const json& schema, const Place& place) {
    for (const auto& [key, value] : schema.items()) {
      if (key != "$ref" && !is_annotation(key))
        throw Refusal(at(place, "'" + key + "' beside $ref"));
    }
    const json& ref = schema["$ref"];
    if (ref.is_string() && ref.get<std::string>().find('%') != std::string::npos) {
      throw Refusal(at(place, "a percent-encoded $ref"));
    }
    const json* target =
        ref.is_string() ? resolve_local_ref(root_, ref.get<std::string>()) : nullptr;
    if (!target) throw Refusal(at(place, "a $ref that is not a local pointer into this schema"));
    const std::string& text = ref.get_ref<const std::string&>();
    if (text.ends_with('/') || text.find("//") != std::string::npos) {
      throw Refusal(at(place, "a $ref with an empty token (valijson resolves it differently)"));
    }
    has_ref_ = true;
    if (++ref_depth_ > 64) throw Refusal(at(place, "$refs nested deeper than 64"));
    Place there{ref.get<std::string>().substr(1), place.pattern, place.depth + 1,
                place.formats_checked, place.literal_star};
    int32_t index = compile(*target, there);
    --ref_depth_;
    return index;
  }

  void keyword(ProgramNode& node, std::map<std::string, PropertySlot>& slots,
               const std::string& key, const json& value, const Place& place) {
    if (string_keyword(node, key, value, place) || number_keyword(node, key, value) ||
        array_keyword(node, key, value, place) || object_keyword(node, slots, key, value, place) ||
        combinator_keyword(node, key, value, place)) {
      return;
    }
    if (key == "type") return set_types(node, value, at(place.keyword(key), "type"));
    if (key == "enum" || key == "const") return set_values(node, key, value, place.keyword(key));
    throw Refusal(at(place.keyword(key), "the keyword '" + key + "' is not compiled"));
  }

  static void set_types(ProgramNode& node, const json& value, const std::string& where) {
    if (value.is_string()) {
      node.types = type_bits(value.get<std::string>(), where);
      return;
    }
    if (!value.is_array() || value.empty())
      throw Refusal(where + " is not a name or a list of names");
    node.types = 0;
    for (const auto& name : value) {
      if (!name.is_string()) throw Refusal(where + " lists something that is not a name");
      node.types |= type_bits(name.get<std::string>(), where);
    }
  }

  void set_values(ProgramNode& node, const std::string& key, const json& value,
                  const Place& place) {
    if (node.values != no_node) throw Refusal(at(place, "enum and const on one node"));
    if (key == "enum" && !value.is_array()) throw Refusal(at(place, "enum is not a list"));
    program_.value_sets.push_back(key == "enum" ? value.get<std::vector<json>>()
                                                : std::vector<json>{value});
    node.values = static_cast<int32_t>(program_.value_sets.size() - 1);
    node.values_are_const = key == "const";
    node.values_hold_inexact_numbers = is_inexact_integer(value);
  }

  bool string_keyword(ProgramNode& node, const std::string& key, const json& value,
                      const Place& place) {
    if (key == "minLength")
      node.min_length = count(value, key);
    else if (key == "maxLength")
      node.max_length = count(value, key);
    else if (key == "pattern")
      node.pattern = add_pattern(value, place.keyword(key));
    else if (key == "format")
      node.format = format_at(value, place);
    else
      return false;
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

  /// A format is inlined only where the reference checks that same format at that location.
  FormatCheck format_at(const json& value, const Place& place) {
    Place here = place.keyword("format");
    if (!value.is_string()) throw Refusal(at(here, "format is not a string"));
    const std::string& name = value.get_ref<const std::string&>();
    auto [it, fresh] = pattern_formats_.emplace(place.pattern, name);
    if (!fresh && it->second != name) throw Refusal(at(here, "two formats at one location"));
    FormatCheck check = format_check(name);
    if (check == FormatCheck::none) return check;
    if (!place.formats_checked)
      throw Refusal(at(here, "a format where the reference checks no format"));
    if (place.literal_star) throw Refusal(at(here, "a format under a property named '*'"));
    if (place.depth > kIndexDepth)
      throw Refusal(at(here, "a format deeper than the reference's index"));
    return check;
  }

  static bool number_keyword(ProgramNode& node, const std::string& key, const json& value) {
    if (key == "minimum")
      node.minimum = number(value, key);
    else if (key == "maximum")
      node.maximum = number(value, key);
    else if (key == "exclusiveMinimum")
      node.exclusive_minimum = number(value, key);
    else if (key == "exclusiveMaximum")
      node.exclusive_maximum = number(value, key);
    else
      return false;
    if (is_inexact_integer(value)) throw Refusal(key + " beyond 2^53");
    node.has_bounds = true;
    return true;
  }

  bool array_keyword(ProgramNode& node, const std::string& key, const json& value,
                     const Place& place) {
    if (key == "minItems")
      node.min_items = count(value, key);
    else if (key == "maxItems")
      node.max_items = count(value, key);
    else if (key == "items") {
      if (value.is_array()) throw Refusal(at(place.keyword(key), "items as a list of schemas"));
      node.items = compile(value, place.item());
    } else
      return false;
    return true;
  }

  bool object_keyword(ProgramNode& node, std::map<std::string, PropertySlot>& slots,
                      const std::string& key, const json& value, const Place& place) {
    if (key == "properties") {
      if (!value.is_object()) throw Refusal(at(place.keyword(key), "properties is not an object"));
      for (const auto& [name, sub] : value.items()) {
        if (name.find_first_of("/~") != std::string::npos) escaped_name_ = name;
        Place member = place.member(name);
        member.pointer = append_pointer(place.keyword(key).pointer, name);
        slots[name].node = compile(sub, member);
      }
    } else if (key == "required") {
      if (!value.is_array()) throw Refusal(at(place.keyword(key), "required is not a list"));
      for (const auto& name : value) {
        if (!name.is_string())
          throw Refusal(at(place.keyword(key), "required lists something that is not a name"));
        if (name.get_ref<const std::string&>().find('\0') != std::string::npos) {
          throw Refusal(
              at(place.keyword(key), "a required name with NUL (valijson cuts the name there)"));
        }
        slots[name.get<std::string>()].bit = 0;  // numbered in finish_object
      }
    } else if (key == "additionalProperties") {
      if (value.is_boolean())
        node.additional_forbidden = !value.get<bool>();
      else
        node.additional = compile(value, place.branch(key, false));
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

  void finish_object(ProgramNode& node, std::map<std::string, PropertySlot>& slots,
                     const Place& place) {
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

  /// Checks that need the whole node (keywords come in name order, `items` before `type`).
  /// Where a duplicated key could turn a simdjson walk's answer into an accept that nlohmann's
  /// copy (the last) would not get. Without not, oneOf or if, a schema is monotonic: walking
  /// every copy can only add failures, and a refusal goes to the reference anyway. Only
  /// minProperties counts copies upward. With a polarity flip, every node reading members checks.
  void mark_duplicate_checks() {
    bool flips =
        std::any_of(program_.nodes.begin(), program_.nodes.end(), [](const ProgramNode& n) {
          return n.not_schema != no_node || !n.one_of.empty() || n.if_schema != no_node;
        });
    for (auto& n : program_.nodes) {
      bool reads = n.has_object_rules || n.min_properties > 0 || n.max_properties != unbounded ||
                   n.values != no_node;
      n.reads_members = flips ? reads : n.min_properties > 0;
    }
  }

  void finish_node(ProgramNode& node, const Place& place) {
    // The reference reads an items pattern `*` on an object too, as a member named "*".
    if (node.items != no_node && (node.types & type_object) && format_roots(node.items) != 0) {
      throw Refusal(at(place, "a format under items of a node that also admits objects"));
    }
    check_alternatives(node.any_of, place);
    check_alternatives(node.one_of, place);
  }

  bool combinator_keyword(ProgramNode& node, const std::string& key, const json& value,
                          const Place& place) {
    if (key == "allOf")
      node.all_of = branches(value, place.branch(key, true));
    else if (key == "anyOf")
      node.any_of = branches(value, place.branch(key, true));
    else if (key == "oneOf")
      node.one_of = branches(value, place.branch(key, true));
    else if (key == "not")
      node.not_schema = compile(value, place.branch(key, false));
    else if (key == "if")
      node.if_schema = compile(value, place.branch(key, false));
    else if (key == "then")
      node.then_schema = compile(value, place.branch(key, false));
    else if (key == "else")
      node.else_schema = compile(value, place.branch(key, false));
    else
      return false;
    return true;
  }

  std::vector<int32_t> branches(const json& value, const Place& place) {
    if (!value.is_array() || value.empty())
      throw Refusal(at(place, "a combinator that is not a non-empty list"));
    std::vector<int32_t> out;
    for (size_t i = 0; i < value.size(); ++i) {
      Place branch = place;
      branch.pointer = place.pointer + "/" + std::to_string(i);
      out.push_back(compile(value[i], branch));
    }
    return out;
  }

  /// The reference checks a format at its location whichever branch matched. So the instance
  /// type that leads to a branch's format (a string for its own format, an object for one under
  /// its properties, an array under its items) must be one no other branch admits: then only
  /// that branch can hold there, and the program checks the format exactly when the reference does.
  void check_alternatives(const std::vector<int32_t>& alternatives, const Place& place) {
    for (size_t i = 0; i < alternatives.size(); ++i) {
      uint8_t roots = format_roots(alternatives[i]);
      for (size_t j = 0; roots != 0 && j < alternatives.size(); ++j) {
        if (i != j && (node_types(alternatives[j]) & roots)) {
          throw Refusal(at(
              place,
              "a branch with a format shares the instance type leading to it with another branch"));
        }
      }
    }
  }

  uint8_t node_types(int32_t index) const {
    return in_progress_.contains(index) ? any_type
                                        : program_.nodes[static_cast<size_t>(index)].types;
  }

  /// The instance types at a node that lead to a format beneath it; any type for a node still
  /// being compiled (a recursive $ref), whose formats are not known yet.
  uint8_t format_roots(int32_t index) const {
    std::set<int32_t> seen;
    return format_roots(index, seen);
  }

  uint8_t format_roots(int32_t index, std::set<int32_t>& seen) const {
    if (index == no_node || !seen.insert(index).second) return 0;
    if (in_progress_.contains(index)) return any_type;
    const ProgramNode& n = program_.nodes[static_cast<size_t>(index)];
    uint8_t roots = n.format != FormatCheck::none ? type_string : 0;
    for (const auto& slot : n.properties) {
      if (format_roots(slot.node, seen) != 0) roots |= type_object;
    }
    // The reference reads an items pattern `*` on an object too, as a member named "*".
    if (format_roots(n.items, seen) != 0) roots |= type_array | type_object;
    for (const auto* list : {&n.all_of, &n.any_of, &n.one_of}) {
      for (int32_t branch : *list) roots |= format_roots(branch, seen);
    }
    return roots;
  }

  static std::string at(const Place& place, const std::string& why) {
    return (place.pointer.empty() ? "the root" : place.pointer) + ": " + why;
  }

  const json& root_;
  SchemaProgram program_;
  std::map<const json*, Compiled> compiled_;
  std::set<int32_t> in_progress_;
  std::map<std::string, std::string> pattern_formats_;  ///< instance pattern → the format there
  bool recursive_ = false;
  bool has_ref_ = false;
  std::string escaped_name_;  ///< a property name with '/' or '~', if any
  int ref_depth_ = 0;
};

int32_t Compiler::reuse(const Compiled& earlier, const Place& place) {
  if (in_progress_.contains(earlier.index)) {
    recursive_ = true;  // run() refuses it if the schema has a format anywhere
    return earlier.index;
  }
  bool same = earlier.pattern == place.pattern && earlier.formats_checked == place.formats_checked;
  if (!same && format_roots(earlier.index) != 0) {
    throw Refusal(at(place, "a subschema with a format used at two locations"));
  }
  return earlier.index;
}

}  // namespace

CompileOutcome compile_schema(const json& schema, const EmailPolicy& policy) {
  try {
    return {Compiler(schema, policy).run(), ""};
  } catch (const Refusal& refusal) {
    return {std::nullopt, refusal.what()};
  }
}

}  // namespace conform
