#include "cli/fuzz_failures.hpp"

#include <fstream>

#include "core/json_pointer.hpp"

namespace conform {
namespace fs = std::filesystem;

namespace {

/// How fit a case is to be its group's shrunk case: a coverage-phase case cannot be made again
/// from an index (0); a probe or an anonymous case can, but is no fixture (1); a valid or mutant
/// case can be shrunk and saved (2).
int shrink_fitness(const std::string& case_id) {
  std::optional<FuzzVariant> variant = fuzz_case_variant(case_id);
  if (!variant) return 0;
  return *variant == FuzzVariant::valid || *variant == FuzzVariant::mutant ? 2 : 1;
}

/// The fitter case, then the lower index: the choice does not hang on the order cases finish in.
bool better_to_shrink(const std::string& candidate, const std::string& current) {
  int a = shrink_fitness(candidate), b = shrink_fitness(current);
  if (a != b) return a > b;
  return a > 0 && *fuzz_case_index(candidate) < *fuzz_case_index(current);
}

}  // namespace

void FailureGroups::case_finished(const CaseResult& result) {
  // A REFUSED case is not shrunk: that would send more requests to a server that refuses them.
  if (!fails_gate(result.outcome) || result.outcome == Outcome::refused) return;
  FailureKind kind = failure_kind(result);
  // ERROR and TIMEOUT have no check: their reason tells one kind of failure from another.
  std::string reason = result.outcome == Outcome::fail ? kind.pattern : result.note;
  auto key = std::make_tuple(result.api, static_cast<int>(result.outcome), kind.check, reason);
  auto [it, fresh] = index_.emplace(key, groups_.size());
  if (fresh) groups_.push_back({kind, result, 0});
  FailureGroup& group = groups_[it->second];
  ++group.cases;
  if (better_to_shrink(result.id, group.first.id)) group.first = result;
}

void HeldFinish::run_started(const RunInfo& info) {
  for (EventSink* sink : sinks_) sink->run_started(info);
}

void HeldFinish::case_finished(const CaseResult& result) {
  for (EventSink* sink : sinks_) sink->case_finished(result);
}

void HeldFinish::counterexample_found(const Counterexample& found) {
  for (EventSink* sink : sinks_) sink->counterexample_found(found);
}

void HeldFinish::finish(const RunSummary& summary) {
  for (EventSink* sink : sinks_) sink->run_finished(summary);
}

namespace {

/// The group's failure as the first case (or the minimal one) saw it.
Counterexample described(const FailureGroup& group, const CaseResult& result) {
  Counterexample c;
  c.api = group.first.api;
  c.outcome = outcome_name(group.kind.outcome);
  c.check = group.kind.check.empty() ? c.outcome : group.kind.check;
  c.pointer = group.kind.pattern;
  c.cases = group.cases;
  c.first_case = group.first.id;
  c.message = result.note;
  for (const auto& f : result.failures) {
    if (f.check == group.kind.check && pointer_pattern(f.pointer) == group.kind.pattern) {
      c.requirement = f.requirement;
      c.message = f.message;
      break;
    }
  }
  return c;
}

/// A group that was not shrunk: its first case as it was sent.
Counterexample unshrunk(const FailureGroup& group, std::string why) {
  Counterexample c = described(group, group.first);
  if (group.first.exchange) c.minimal_body = group.first.exchange->request.body;
  c.curl = group.first.curl;
  c.not_shrunk = std::move(why);
  return c;
}

/// Writes the minimal case as a fixture; sets saved_as, or not_saved with the reason.
void save_failure(const ShrinkPlan& plan, const FuzzCase& minimal, Counterexample& c) {
  std::optional<nlohmann::json> doc = fixture_for(minimal);
  if (!doc) {
    c.not_saved = std::string("a ") + fuzz_variant_name(minimal.variant) +
                  (minimal.replay.observe_only ? " case at an open point" : " case") +
                  " is not a fixture";
    return;
  }
  fs::path file = *plan.save_failures / minimal.replay.api / fixture_file_name(minimal, plan.seed);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  std::ofstream out(file);
  out << doc->dump(2) << "\n";
  if (out)
    c.saved_as = file.string();
  else
    c.not_saved = file.string() + ": cannot write the file";
}

Counterexample shrunk_counterexample(const FuzzTarget& target, const FailureGroup& group,
                                     const FuzzCase& failed, const ShrinkPlan& plan,
                                     Transport& transport) {
  ShrinkOutcome shrunk = shrink_failure(target, failed, group.first, transport, plan.judge,
                                        plan.max_sends, plan.guard);
  Counterexample c = described(group, shrunk.result);
  HttpRequest request = shrunk.minimal.replay.request;
  if (plan.redactor) plan.redactor->redact(request);
  std::string body =
      shrunk.minimal.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  c.minimal_body = plan.redactor ? plan.redactor->scrub(body) : body;
  c.curl = curl_command(plan.base_url, request);
  c.steps = shrunk.steps;
  c.sends = shrunk.sends;
  if (plan.save_failures) save_failure(plan, shrunk.minimal, c);
  return c;
}

}  // namespace

void shrink_groups(const std::vector<FuzzTarget>& targets, const std::vector<FailureGroup>& groups,
                   const ShrinkPlan& plan, Transport& transport, EventSink& sink) {
  auto started = std::chrono::steady_clock::now();
  for (const FailureGroup& group : groups) {
    std::optional<size_t> index = fuzz_case_index(group.first.id);
    if (plan.interrupt && plan.interrupt->load() != 0) {
      sink.counterexample_found(unshrunk(group, "the run was interrupted"));
    } else if (group.kind.outcome == Outcome::timeout || group.kind.outcome == Outcome::xpass) {
      sink.counterexample_found(unshrunk(
          group, "a " + std::string(outcome_name(group.kind.outcome)) + " case is not shrunk"));
    } else if (!index) {
      sink.counterexample_found(unshrunk(group, "not a generated case"));
    } else if (std::chrono::steady_clock::now() - started >= plan.budget || plan.max_sends == 0) {
      sink.counterexample_found(unshrunk(group, "the shrink budget was spent"));
    } else {
      FuzzCase failed = plan_fuzz_case(targets, plan.seed, plan.cases, *index);
      sink.counterexample_found(
          shrunk_counterexample(targets[failed.target], group, failed, plan, transport));
    }
  }
}

}  // namespace conform
