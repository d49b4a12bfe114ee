#include "properties/shrink.hpp"

#include <rapidcheck.h>

#include "core/json_pointer.hpp"

namespace conform {
namespace {

/// The state of one shrink: the check to keep failing, the budget, and the best so far.
struct ShrinkRun {
  const FuzzTarget& target;
  Transport& transport;
  const JudgeSettings& settings;
  FailureKind kind;
  size_t max_sends;
  const SendGuard* guard;
  ShrinkOutcome best;
};

/// Puts a candidate through the run's send guard: true when it may go out, with its recipients
/// as the guard rewrote them. `--max-sends` reached ends the shrink.
bool admit_candidate(ShrinkRun& run, FuzzCase& candidate) {
  if (!run.guard) return true;
  ReplayCase rewritten;
  Admission admission = run.guard->admit(candidate.replay, rewritten);
  if (!admission.send) {
    ++run.best.held_back;
    if (admission.capped) run.max_sends = run.best.sends;
    return false;
  }
  if (admission.send == &rewritten) {
    candidate.replay = std::move(rewritten);
    candidate.body = *candidate.replay.request_body;
  }
  return true;
}

/// Sends a candidate value; true (and `best` updated) when its case still fails the check.
bool try_candidate(ShrinkRun& run, const nlohmann::json& value) {
  std::optional<FuzzCase> candidate = rebuild_fuzz_case(run.target, run.best.minimal, value);
  if (!candidate || run.best.sends >= run.max_sends) return false;
  if (!admit_candidate(run, *candidate)) return false;
  ++run.best.sends;
  Exchange exchange = run.transport.send(candidate->replay.id, candidate->replay.request);
  CaseResult result = judge(*run.target.api, candidate->replay, exchange, run.settings);
  if (!fails_as(result, run.kind)) return false;
  run.best.minimal = std::move(*candidate);
  run.best.result = std::move(result);
  ++run.best.steps;
  return true;
}

}  // namespace

FailureKind failure_kind(const CaseResult& result) {
  if (result.outcome != Outcome::fail || result.failures.empty()) return {result.outcome, "", ""};
  const Failure& first = result.failures.front();
  return {Outcome::fail, first.check, pointer_pattern(first.pointer)};
}

bool fails_as(const CaseResult& result, const FailureKind& kind) {
  if (result.outcome != kind.outcome) return false;
  if (kind.outcome != Outcome::fail) return true;
  for (const auto& f : result.failures) {
    if (f.check == kind.check && pointer_pattern(f.pointer) == kind.pattern) return true;
  }
  return false;
}

ShrinkOutcome shrink_failure(const FuzzTarget& target, const FuzzCase& failing,
                             const CaseResult& failed, Transport& transport,
                             const JudgeSettings& settings, size_t max_sends,
                             const SendGuard* guard) {
  ShrinkRun run{target,
                transport,
                settings,
                failure_kind(failed),
                max_sends,
                guard,
                {failing, failed, 0, 0, 0}};
  bool shrinkable = (run.kind.outcome == Outcome::fail && !run.kind.check.empty()) ||
                    run.kind.outcome == Outcome::error;
  if (!shrinkable) return run.best;
  rc::Shrinkable<nlohmann::json> current =
      target.valid_values(rc::Random(failing.seed), failing.size);
  nlohmann::json current_value = current.value();
  bool improved = true;
  while (improved && run.best.sends < run.max_sends) {
    improved = false;
    auto shrinks = current.shrinks();
    while (auto next = shrinks.next()) {
      if (run.best.sends >= run.max_sends) break;
      // A dropped optional member keeps its value in the tree, and that value's shrinks all make
      // the same JSON: such a candidate is no smaller, so it is not sent.
      nlohmann::json value = next->value();
      if (value == current_value) continue;
      if (try_candidate(run, value)) {
        current = std::move(*next);
        current_value = std::move(value);
        improved = true;
        break;
      }
    }
  }
  return run.best;
}

}  // namespace conform
