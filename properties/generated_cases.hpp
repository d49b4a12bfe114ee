#pragma once
/// Fuzz cases made on demand by the engine's workers, so generation overlaps with sending.
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/case_source.hpp"
#include "engine/shard.hpp"
#include "properties/coverage.hpp"
#include "properties/fuzz_cases.hpp"

namespace conform {

/// How much of the settled contract a run broke on purpose.
struct ConstraintCoverage {
  size_t exercised = 0;              ///< settled constraints some negative case broke
  size_t total = 0;                  ///< settled constraints of every fuzzed request schema
  std::vector<std::string> missing;  ///< `<api> <pattern> <keyword>` never broken
};

/// The coverage phase first (coverage.hpp), then `count` random cases: random case i is
/// plan_fuzz_case(targets, seed, count, i). With a shard, cases outside it are skipped.
class GeneratedCases : public CaseSource {
 public:
  GeneratedCases(const std::vector<FuzzTarget>& targets, uint64_t seed, size_t count,
                 std::optional<Shard> shard, bool coverage_phase = true);
  size_t size() const override;
  const ReplayCase* at(size_t index, ReplayCase& scratch) const override;
  /// Cases in the coverage phase.
  size_t coverage_size() const { return coverage_.items.size(); }
  /// The settled constraints the cases made so far broke, out of all of them.
  ConstraintCoverage constraint_coverage() const;

 private:
  const std::vector<FuzzTarget>& targets_;
  uint64_t seed_;
  size_t count_;
  std::optional<Shard> shard_;
  CoveragePlan coverage_;
  mutable std::mutex generation_;
  mutable std::mutex seen_lock_;
  mutable std::set<std::string> seen_;  ///< `<api> <pattern> <keyword>` of settled mutants made
};

}  // namespace conform
