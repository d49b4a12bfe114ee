#include "properties/generated_cases.hpp"

namespace conform {

GeneratedCases::GeneratedCases(const std::vector<FuzzTarget>& targets, uint64_t seed, size_t count,
                               std::optional<Shard> shard, bool coverage_phase)
    : targets_(targets), seed_(seed), count_(count), shard_(shard) {
  if (coverage_phase && !targets.empty()) coverage_ = plan_coverage(targets, seed);
}

size_t GeneratedCases::size() const {
  return targets_.empty() ? 0 : coverage_.items.size() + count_;
}

const ReplayCase* GeneratedCases::at(size_t index, ReplayCase& scratch) const {
  FuzzCase made;
  if (index < coverage_.items.size()) {
    made =
        coverage_case(targets_, coverage_, index);  // built on planned values: no RapidCheck here
  } else {
    made = plan_fuzz_case(targets_, seed_, count_, index - coverage_.items.size(), &generation_);
  }
  if (shard_ && !in_shard(made.replay.id, *shard_)) return nullptr;
  if (made.variant == FuzzVariant::mutant && made.settled && !made.constraint.empty()) {
    std::lock_guard lock(seen_lock_);
    seen_.insert(made.replay.api + (made.replay.channel.empty() ? "" : "/" + made.replay.channel) +
                 " " + made.constraint);
  }
  scratch = std::move(made.replay);
  return &scratch;
}

ConstraintCoverage GeneratedCases::constraint_coverage() const {
  ConstraintCoverage out;
  std::set<std::string> all;
  for (const auto& t : targets_) {
    std::string name = t.api->contract.id + (t.channel.empty() ? "" : "/" + t.channel);
    for (const auto& key : settled_constraints(*t.schema)) all.insert(name + " " + key);
  }
  std::lock_guard lock(seen_lock_);
  out.total = all.size();
  for (const auto& key : all) {
    if (seen_.contains(key))
      ++out.exercised;
    else
      out.missing.push_back(key);
  }
  return out;
}

}  // namespace conform
