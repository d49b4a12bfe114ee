#include "generated_cases.hpp"

namespace conform {

GeneratedCases::GeneratedCases(const std::vector<FuzzTarget>& targets, uint64_t seed, size_t count,
                               std::optional<Shard> shard)
    : targets_(targets), seed_(seed), count_(count), shard_(shard) {}

size_t GeneratedCases::size() const { return targets_.empty() ? 0 : count_; }

const ReplayCase* GeneratedCases::at(size_t index, ReplayCase& scratch) const {
  FuzzCase made = plan_fuzz_case(targets_, seed_, count_, index, &generation_);
  if (shard_ && !in_shard(made.replay.id, *shard_)) return nullptr;
  scratch = std::move(made.replay);
  return &scratch;
}

}  // namespace conform
