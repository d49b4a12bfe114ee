#pragma once
/// Names for the values of a small enum, kept as one table of {value, name} rows.
#include <cstddef>
#include <utility>

namespace conform {

/// One row of an enum's name table.
template <typename Enum>
using EnumName = std::pair<Enum, const char*>;

/// The name `table` gives `value`, else `otherwise`.
template <typename Enum, std::size_t N>
constexpr const char* name_of(const EnumName<Enum> (&table)[N], Enum value, const char* otherwise) {
  for (const auto& [row_value, name] : table) {
    if (row_value == value) return name;
  }
  return otherwise;
}

}  // namespace conform
