#pragma once
/// A walk over a request body alongside its schema: each value with the schema node that
/// describes it (through properties, items, local `$ref`s and the anyOf/oneOf branch its type
/// picks). The variants read the body through it.
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace conform {

/// The schema that describes one value: a node and, under anyOf/oneOf, the branch chosen.
struct SchemaView {
  const nlohmann::json* node = nullptr;    ///< dereferenced node; nullptr for an undeclared value
  const nlohmann::json* branch = nullptr;  ///< dereferenced branch the value's type picks, if any

  /// The keyword's value in the branch, else in the node; nullptr when neither has it.
  const nlohmann::json* find(const char* keyword) const;
  /// True when a schema node describes the value.
  bool declared() const { return node != nullptr; }
  /// The `format` keyword, or "".
  std::string format() const;
  /// True when `type` names `type_name` (a string or an array of them).
  bool has_type(const char* type_name) const;
};

/// One visited value.
struct SchemaSite {
  const nlohmann::json& value;
  const std::string& pointer;  ///< RFC 6901 pointer of the value in the body
  const SchemaView& schema;    ///< what describes the value
  const SchemaView* parent;    ///< what describes its parent; nullptr at the root
  std::string_view member;     ///< the member name for an object member, else ""
  bool is_member;              ///< an object member (not an array item, not the root)
  bool required;               ///< the member is in its parent node's `required` list
};

/// Visits every value of `body`, parents before children, down to `max_depth` levels.
void walk_with_schema(const nlohmann::json& schema, const nlohmann::json& body,
                      const std::function<void(const SchemaSite&)>& visit, int max_depth = 64);

/// Removes the object member at `pointer` (which names an existing member of an object).
void erase_member(nlohmann::json& body, const std::string& pointer);

}  // namespace conform
