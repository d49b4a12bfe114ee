#pragma once
/// Where a draft-07 schema node holds other schemas: only keyword positions, so a property
/// named "format" or "enum" stays a name and an enum value stays data.
#include <string>

#include <nlohmann/json.hpp>

#include "core/json_pointer.hpp"

namespace conform {

/// Keywords whose value maps names to schemas.
inline bool is_schema_map_keyword(const std::string& key) {
  return key == "properties" || key == "patternProperties" || key == "definitions" ||
         key == "$defs";
}

/// Keywords whose value is a list of schemas (`items` may also be one schema).
inline bool is_schema_list_keyword(const std::string& key) {
  return key == "allOf" || key == "anyOf" || key == "oneOf" || key == "items";
}

/// Keywords whose value is one schema.
inline bool is_schema_keyword(const std::string& key) {
  return key == "additionalItems" || key == "additionalProperties" || key == "contains" ||
         key == "propertyNames" || key == "not" || key == "if" || key == "then" || key == "else";
}

/// Calls `visit(relative_pointer, subschema)` for each schema directly inside `node`, where
/// relative_pointer is "properties/a" or "allOf/0". `Json` may be const or not.
template <class Json, class Visit>
void for_each_subschema(Json& node, Visit&& visit) {
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& key = it.key();
    auto& value = it.value();
    std::string at = escape_pointer_token(key);
    if ((is_schema_map_keyword(key) || key == "dependencies") && value.is_object()) {
      for (auto member = value.begin(); member != value.end(); ++member) {
        // A dependency that lists names is data; one that is a schema applies to the instance.
        if (key == "dependencies" && member.value().is_array()) continue;
        visit(at + "/" + escape_pointer_token(member.key()), member.value());
      }
    } else if (is_schema_list_keyword(key) && value.is_array()) {
      for (size_t i = 0; i < value.size(); ++i) visit(at + "/" + std::to_string(i), value[i]);
    } else if (is_schema_keyword(key) || (key == "items" && !value.is_array())) {
      visit(at, value);
    }
  }
}

}  // namespace conform
