#pragma once
/// A fuzz run's failures, told once per kind: grouped by API, check and pointer pattern (or
/// by ERROR reason), each group shrunk to its smallest failing case.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "engine/event_sink.hpp"
#include "engine/judge.hpp"
#include "http/redact.hpp"
#include "http/transport.hpp"
#include "properties/fuzz_cases.hpp"
#include "properties/shrink.hpp"

namespace conform {

/// Every case that failed the gate in one way, and the one to shrink: of the random-phase cases,
/// a valid or mutant one (which `--save-failures` can keep) before a probe or an anonymous one,
/// then the lowest index; the first case when none is random-phase.
struct FailureGroup {
  FailureKind kind;
  CaseResult first;  ///< the representative case
  size_t cases = 0;
};

/// Collects the gate failures of a run into groups, in the order their first case came.
class FailureGroups : public EventSink {
 public:
  void run_started(const RunInfo&) override {}
  /// Counts a FAIL, ERROR, TIMEOUT or XPASS case into its group.
  void case_finished(const CaseResult& result) override;
  void run_finished(const RunSummary&) override {}
  const std::vector<FailureGroup>& groups() const { return groups_; }

 private:
  std::map<std::tuple<std::string, int, std::string, std::string>, size_t> index_;
  std::vector<FailureGroup> groups_;
};

/// Passes every event on to its sinks except run_finished, which waits for finish(): the
/// counterexamples found after the run reach the reports before they are written.
class HeldFinish : public EventSink {
 public:
  explicit HeldFinish(std::vector<EventSink*> sinks) : sinks_(std::move(sinks)) {}
  void run_started(const RunInfo& info) override;
  void case_finished(const CaseResult& result) override;
  void counterexample_found(const Counterexample& found) override;
  void run_finished(const RunSummary&) override {}
  /// Now sends run_finished to every sink.
  void finish(const RunSummary& summary);

 private:
  std::vector<EventSink*> sinks_;
};

/// How the groups are shrunk.
struct ShrinkPlan {
  uint64_t seed = 0;                ///< the run's seed
  size_t cases = 0;                 ///< the run's random case count (case indices depend on it)
  size_t max_sends = 200;           ///< per group
  std::chrono::seconds budget{60};  ///< no group starts shrinking after this
  std::optional<std::filesystem::path> save_failures;
  std::string base_url;  ///< for the curl lines
  const Redactor* redactor = nullptr;
  JudgeSettings judge;
  const std::atomic<int>* interrupt = nullptr;  ///< a signal: the groups left are not shrunk
  /// The run's safety guard (cli/safety_flags.hpp), or nullptr: every shrink candidate passes
  /// it, as the run's cases did.
  const SendGuard* guard = nullptr;
};

/// Shrinks the first case of each group and tells `sink` of each result, in group order.
void shrink_groups(const std::vector<FuzzTarget>& targets, const std::vector<FailureGroup>& groups,
                   const ShrinkPlan& plan, Transport& transport, EventSink& sink);

}  // namespace conform
