#pragma once
/// The coverage phase: before any random case, a deterministic pass so that recall does not
/// hang on luck. Per request schema it sends the full valid value (every optional member), then
/// one case per mutation site of it (each settled constraint broken once; open ones observed),
/// one per probe site (every probe kind on every free-text field), and one without credentials.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "properties/fuzz_cases.hpp"

namespace conform {

/// One case of the coverage phase: a target, what to build, and which site of that kind.
struct CoverageItem {
  size_t target = 0;
  FuzzVariant variant = FuzzVariant::valid;
  size_t pick = 0;
};

/// The phase planned once: the full value of each target, and the cases built on them.
struct CoveragePlan {
  std::vector<nlohmann::json> full_values;  ///< one per target: the valid case's value
  std::vector<nlohmann::json>
      complete_values;  ///< one per target, with omitted members: for mutants and probes
  std::vector<CoverageItem> items;
};

/// Plans the phase; the same targets and seed give the same plan.
CoveragePlan plan_coverage(const std::vector<FuzzTarget>& targets, uint64_t seed);

/// Coverage case `index` (ids `<api>/coverage-<index>-<variant>[-<kind>]`).
FuzzCase coverage_case(const std::vector<FuzzTarget>& targets, const CoveragePlan& plan,
                       size_t index);

/// Every settled constraint of a request schema, as `<pattern> <keyword>` (the key a mutant
/// case records in FuzzCase::constraint): settled required members, types, enums, constants,
/// formats and minimum item counts. Acceptance-core (`x-accept`) rules are not in the set.
std::set<std::string> settled_constraints(const nlohmann::json& schema);

}  // namespace conform
