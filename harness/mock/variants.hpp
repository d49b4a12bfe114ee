#pragma once
/// Named ways the mock takes the OTHER permitted answer at an open point (`--variant NAME`),
/// and the one table of them. A fault breaks a settled rule and must be caught; a variant stays
/// within what the pages permit, so the harness must pass it.
#include <bitset>
#include <cstddef>
#include <string>
#include <vector>

namespace conform {

/// A permitted behaviour the mock can switch to. The table in variants.cpp describes each one.
enum class Variant : size_t {
  null_as_absent,
  lenient_open,
  reject_empty_lists,
  reject_unknown_fields,
  strict_address,
  loose_address,
  capillary_reject_in_body,
  extra_response_fields,
  status_201,
  status_202,
  reject_past_schedule,
  reject_empty_strings,
  reject_long_strings,
  case_insensitive_enums,
  partial_results,
  numeric_ids,
  count_,  ///< not a variant: the number of variants
};

/// One row of the variant table: which open point `--variant NAME` answers the other way.
struct VariantSpec {
  Variant variant;
  const char* name;         ///< stable name for `--variant`
  const char* open_point;   ///< id of the open point (contract `open_points` register) it answers
  const char* apis;         ///< the API ids it affects, comma-separated; "*" for all
  const char* description;  ///< one sentence, printed by `--list-variants`
};

/// Every variant, in the order `conform mock --list-variants` prints them.
const std::vector<VariantSpec>& variant_table();

/// The row named `name`, or nullptr.
const VariantSpec* find_variant(const std::string& name);

/// The row of a variant (every enumerator has one).
const VariantSpec& variant_spec(Variant variant);

/// Every variant name, comma-separated, for messages.
std::string variant_names();

/// True when the row's `apis` column covers `api_id`.
bool variant_covers(const VariantSpec& spec, const std::string& api_id);

/// The variants switched on for one mock.
class VariantSet {
 public:
  /// The variants with these names; throws std::invalid_argument naming the first unknown one
  /// and listing the valid names.
  static VariantSet from_names(const std::vector<std::string>& names);
  /// True when `variant` is on (for any API).
  bool has(Variant variant) const { return bits_.test(static_cast<size_t>(variant)); }
  /// True when `variant` is on and its row covers `api_id`.
  bool on(Variant variant, const std::string& api_id) const {
    return has(variant) && variant_covers(variant_spec(variant), api_id);
  }
  /// Switches `variant` on.
  void add(Variant variant) { bits_.set(static_cast<size_t>(variant)); }
  /// True when no variant is on.
  bool empty() const { return bits_.none(); }

 private:
  std::bitset<static_cast<size_t>(Variant::count_)> bits_;
};

}  // namespace conform
