#pragma once
/// Where a run's cases come from: a list held in memory, or cases made on demand while earlier
/// ones are already being sent (`conform fuzz`).
#include <cstddef>
#include <vector>

#include "cases/replay_case.hpp"

namespace conform {

/// The cases of a run, by index 0..size()-1. The engine's workers call `at` concurrently.
class CaseSource {
 public:
  virtual ~CaseSource() = default;
  /// How many indices the run has; an index may turn out to hold no case.
  virtual size_t size() const = 0;
  /// The case at `index`, or nullptr when the index holds none (e.g. it falls in another shard).
  /// A source that makes its cases builds them in `scratch` and returns it. Thread-safe.
  virtual const ReplayCase* at(size_t index, ReplayCase& scratch) const = 0;
};

/// Cases held in a list, the whole list `repeat` times over.
class ListedCases : public CaseSource {
 public:
  ListedCases(const std::vector<ReplayCase>& cases, size_t repeat)
      : cases_(cases), repeat_(repeat) {}
  size_t size() const override { return cases_.empty() ? 0 : cases_.size() * repeat_; }
  const ReplayCase* at(size_t index, ReplayCase&) const override {
    return &cases_[index % cases_.size()];
  }

 private:
  const std::vector<ReplayCase>& cases_;
  size_t repeat_;
};

}  // namespace conform
