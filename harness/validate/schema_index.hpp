#pragma once
/// What a schema says about each instance location, read once when the schema is compiled.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform {

/// The annotations and rules of the schema nodes that apply at one location pattern.
struct FieldRules {
  std::string requirement;                        ///< `x-requirement`
  std::map<std::string, std::string> by_keyword;  ///< `x-requirements`
  std::string locator;                            ///< `x-locator`
  std::string format;                             ///< `format`, if any
  std::string expected_type;                      ///< `type`, as written
  std::string allowed_values;                     ///< `enum`, as written
  /// `x-accept`: keyword (or hint `future`, `omit`, `include`) → reason. A keyword listed here
  /// belongs to the acceptance core: generators keep it, but a violation of it is open, never
  /// settled.
  std::map<std::string, std::string> accept_only;
  bool required_by_parent = false;  ///< the parent lists this member in a settled `required`
};

/// Location pattern (`/data/*/from/email`) → rules; `*` stands for any array index.
using SchemaIndex = std::map<std::string, FieldRules>;

/// Walks properties, items, local `$ref`s and anyOf/oneOf/allOf branches, 64 levels at most;
/// a recursive `$ref` is walked once. Throws std::length_error when the `$ref`s expand to more
/// than 200,000 locations.
SchemaIndex index_schema(const nlohmann::json& schema);

/// The target of a local `$ref` (`#/definitions/x`) in `root`, or nullptr.
const nlohmann::json* resolve_local_ref(const nlohmann::json& root, const std::string& ref);

/// The keywords `x-accept` may name on a node, besides the hints `future` and `omit`.
const std::vector<std::string>& acceptance_keywords();

/// Checks every `x-accept` annotation of a schema: an object of keyword → non-empty reason,
/// naming a keyword the node has or a hint. Returns "" or "<schema pointer>: <why>".
std::string acceptance_annotation_problem(const nlohmann::json& schema);

/// A subschema that applies itself again to the same value, through `$ref`, allOf, anyOf,
/// oneOf, not, if/then/else or dependencies (`{"$ref": "#"}`, `{"allOf": [{"$ref": "#"}]}`):
/// valijson would recurse until the stack overflows. "" or "<pointer>: <why>".
std::string ref_cycle_problem(const nlohmann::json& schema);

/// A copy of the schema without `format` keywords (conform checks formats itself); a property
/// named "format" and enum or const values are left as they are.
nlohmann::json without_formats(const nlohmann::json& schema);

/// The rules for a pointer: its own pattern, else its nearest ancestor's; nullptr at the root.
const FieldRules* rules_for(const SchemaIndex& index, const std::string& pointer);

}  // namespace conform
