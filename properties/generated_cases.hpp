#pragma once
/// Fuzz cases made on demand by the engine's workers, so generation overlaps with sending.
#include <mutex>
#include <optional>
#include <vector>

#include "engine/case_source.hpp"
#include "engine/shard.hpp"
#include "fuzz_cases.hpp"

namespace conform {

/// Case i is plan_fuzz_case(targets, seed, count, i); with a shard, cases outside it are skipped.
class GeneratedCases : public CaseSource {
 public:
  GeneratedCases(const std::vector<FuzzTarget>& targets, uint64_t seed, size_t count, std::optional<Shard> shard);
  size_t size() const override;
  const ReplayCase* at(size_t index, ReplayCase& scratch) const override;

 private:
  const std::vector<FuzzTarget>& targets_;
  uint64_t seed_;
  size_t count_;
  std::optional<Shard> shard_;
  mutable std::mutex generation_;
};

}  // namespace conform
