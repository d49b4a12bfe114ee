#pragma once
/// Type words and prose rules: turning a page's type text and description into row facts.
#include <string>

#include "derive/doc_table.hpp"

namespace conform::derive {

/// What a type word means.
struct TypeMeaning {
  bool known = false;
  std::string type;       ///< JSON type
  std::string item_type;  ///< for arrays
  std::string format;     ///< e.g. date-time
  bool is_enum = false;
};

/// Reads a type as pages write it: `array-obj`, `jsonobject`, `array of strings`, `Enum`, ...
TypeMeaning type_meaning(const std::string& raw);

/// The closest known type word within edit distance 2 ("" when none).
std::string closest_type(const std::string& raw);

/// Applies `raw` (and the closest known word when it is unknown) to the row's type fields.
/// Returns false when the type is unknown.
bool apply_type(DocRow& row, const std::string& raw, DocPage& page);

/// Reads enum values, booleans, defaults and required markers out of the row's description.
void apply_prose(DocRow& row, DocPage& page);

}  // namespace conform::derive
