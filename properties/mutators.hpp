#pragma once
/// Mutators turn a valid value into invalid ones, one broken constraint each; probes make
/// unusual-but-valid variants whose treatment no page settles (observations, never failures).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.hpp"

namespace conform {

/// The kinds of constraint a mutant breaks.
enum class MutationKind {
  drop_required,
  wrong_type,
  null_value,
  outside_enum,
  malformed_email,
  non_iso_date_time,
  empty_array,
  wrong_container,
  off_kind_value,
  enum_letter_case,
  past_date_time,
  empty_string
};

/// "drop_required", "wrong_type", ...
const char* mutation_kind_name(MutationKind kind);

/// An invalid variant of a valid value, and where and how it breaks the schema.
struct Mutant {
  nlohmann::json body;  ///< null until materialized (mutation_sites_of leaves it empty)
  MutationKind kind;
  std::string pointer;  ///< where validation must fail (for a dropped field: the field)
  std::string keyword;  ///< the schema keyword that fails: required, type, enum, format, minItems
  std::string description;
  nlohmann::json replacement;  ///< the value put at `pointer` (unused for drop_required)
  bool settled = true;  ///< false: the broken rule is open (acceptance core, null, case, ...)
  std::string open_point =
      {};  ///< for an open rule: its open point (`null-as-absent`, `x-accept:...`)
};

/// An unusual variant whose verdict the pages do not settle.
struct Probe {
  nlohmann::json body;
  std::string name;  ///< "unknown_field", "long_string", "unicode_text", "crlf_in_header_field",
                     ///< "huge_array"
  std::string pointer;
};

/// Every single-constraint mutation site of `value` under `schema` (one per site and kind),
/// without copying the value: cheap enough to list before picking one.
std::vector<Mutant> mutation_sites_of(const nlohmann::json& schema, const nlohmann::json& value,
                                      const EmailPolicy& policy);

/// Fills `mutant.body`: a copy of `value` with the mutation applied.
void materialize(Mutant& mutant, const nlohmann::json& value);

/// Every single-constraint mutant of `value` under `schema`, materialized.
std::vector<Mutant> mutants_of(const nlohmann::json& schema, const nlohmann::json& value,
                               const EmailPolicy& policy);

/// Where a probe would go, without building it.
struct ProbeSite {
  std::string name;
  std::string pointer;
};

/// The probe sites of `value` under `schema`, in a fixed order.
std::vector<ProbeSite> probe_sites_of(const nlohmann::json& schema, const nlohmann::json& value);

/// The open point of the register a probe kind exercises (`unknown_field` → `unknown-fields`).
const char* probe_open_point(const std::string& probe_name);

/// Builds the probe at one site.
Probe make_probe(const nlohmann::json& value, const ProbeSite& site);

/// The probes of `value` under `schema`.
std::vector<Probe> probes_of(const nlohmann::json& schema, const nlohmann::json& value);

}  // namespace conform
