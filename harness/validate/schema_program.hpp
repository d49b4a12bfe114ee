#pragma once
/// The flat program a contract schema compiles to: one node per schema node, linked by index.
/// Internal to validate/: schema_compiler.cpp writes it, program_walk.hpp runs it.
#include <cstdint>
#include <limits>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.hpp"

namespace conform {

/// JSON types as bits, so `type: [string, null]` is one mask test. An integer is `integer`;
/// a number with a fraction or exponent that did not parse as an integer is `fraction`.
enum TypeBit : uint8_t {
  type_null = 1,
  type_boolean = 2,
  type_integer = 4,
  type_fraction = 8,
  type_string = 16,
  type_array = 32,
  type_object = 64,
};
inline constexpr uint8_t any_type = 127;

/// The string formats conform checks, inlined in the program instead of a second walk.
enum class FormatCheck : uint8_t { none, email, date_time, phone, url, mime_type, base64 };

inline constexpr int32_t no_node = -1;
inline constexpr uint32_t unbounded = std::numeric_limits<uint32_t>::max();

/// A member the schema names under `properties` or `required`. `bit` numbers the required ones.
struct PropertySlot {
  std::string name;
  int32_t node = no_node;  ///< no_node: required but without a schema of its own
  int8_t bit = -1;         ///< position in the node's required mask, or -1
};

/// One compiled schema node. Keywords that do not apply to an instance's type are skipped, as
/// draft-07 says.
struct ProgramNode {
  uint8_t types = any_type;
  // strings
  uint32_t min_length = 0;
  uint32_t max_length = unbounded;
  int32_t pattern = no_node;  ///< index into SchemaProgram::patterns
  FormatCheck format = FormatCheck::none;
  // numbers
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
  bool has_bounds = false;
  // arrays
  uint32_t min_items = 0;
  uint32_t max_items = unbounded;
  int32_t items = no_node;
  // objects
  std::vector<PropertySlot> properties;  ///< sorted by name, for a binary search
  uint64_t required_mask = 0;
  bool has_object_rules = false;  ///< properties, required or additionalProperties
  bool additional_forbidden = false;
  int32_t additional = no_node;  ///< additionalProperties as a schema
  uint32_t min_properties = 0;
  uint32_t max_properties = unbounded;
  // values
  int32_t values = no_node;  ///< index into SchemaProgram::value_sets (enum or const)
  bool values_are_const = false;
  bool values_hold_inexact_numbers = false;  ///< an integer beyond 2^53 among the values
  bool reads_members = false;  ///< the node looks at an object's members (rules, counts, values)
  // combinators
  std::vector<int32_t> all_of, any_of, one_of;
  int32_t not_schema = no_node, if_schema = no_node, then_schema = no_node, else_schema = no_node;
};

/// A whole compiled schema: node 0 is the root.
struct SchemaProgram {
  std::vector<ProgramNode> nodes;
  std::vector<std::regex> patterns;  ///< ECMAScript, searched, as valijson does
  std::vector<std::vector<nlohmann::json>> value_sets;
  EmailPolicy email_policy;
};

}  // namespace conform
