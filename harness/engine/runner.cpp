#include "engine/runner.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace conform {
namespace {

/// The breaker of one API: consecutive timeouts, and whether it has tripped.
struct Breaker {
  std::atomic<size_t> consecutive{0};
  std::atomic<bool> open{false};
};

/// What the workers share.
struct RunState {
  const Catalog& catalog;
  const CaseSource& source;
  const RunOptions& options;
  const std::vector<EventSink*>& sinks;
  std::map<std::string, std::unique_ptr<Breaker>> breakers;  ///< one per catalog API, made up front
  std::atomic<size_t> next{0};
  std::mutex emit_mutex;  ///< guards everything below; sinks are called under it
  /// Finished out of case order, waiting for the ones before them; nullopt: the index held no case.
  std::map<size_t, std::optional<CaseResult>> waiting;
  size_t emitted = 0;  ///< indices up to here have gone to the sinks
  size_t gate_failures = 0;
  std::atomic<bool> enough_failures{false};  ///< `max_failures` reached: no case starts after it
  RunSummary summary;
};

/// A result that is not a judged exchange: `outcome` with `note` as the reason.
CaseResult unsent(const ReplayCase& c, Outcome outcome, std::string note) {
  CaseResult result;
  result.id = c.id;
  result.api = c.api;
  result.requirements = c.requirements;
  result.outcome = outcome;
  result.note = std::move(note);
  return result;
}

CaseResult skipped(const ReplayCase& c, const RunOptions& options) {
  return unsent(c, Outcome::timeout,
                "not sent: " + std::to_string(options.breaker_threshold) +
                    " consecutive timeouts on " + c.api);
}

void redact_result(const RunOptions& options, CaseResult& result) {
  const Redactor* redactor = options.redactor;
  if (redactor) {
    if (result.exchange) redactor->redact(*result.exchange);
    for (auto& f : result.failures) {
      f.expected = redactor->scrub(f.expected);
      f.actual = redactor->scrub(f.actual);
      f.message = redactor->scrub(f.message);
    }
    result.note = redactor->scrub(result.note);
  }
  bool worth_a_curl = result.outcome != Outcome::pass && result.outcome != Outcome::xfail;
  if (worth_a_curl && result.exchange && !options.base_url.empty())
    result.curl = curl_command(options.base_url, result.exchange->request);
}

/// Stores a result and emits every result that is next in case order.
void deliver(RunState& state, size_t index, std::optional<CaseResult> result) {
  std::lock_guard lock(state.emit_mutex);
  state.waiting.emplace(index, std::move(result));
  for (auto it = state.waiting.begin(); it != state.waiting.end() && it->first == state.emitted;
       it = state.waiting.erase(it), ++state.emitted) {
    if (!it->second) continue;
    ++state.summary.counts[it->second->outcome];
    for (EventSink* sink : state.sinks) sink->case_finished(*it->second);
    if (fails_gate(it->second->outcome, state.options.allow_refused) &&
        ++state.gate_failures == state.options.max_failures) {
      state.enough_failures = true;
    }
  }
}

CaseResult run_one(RunState& state, Transport& transport, const ReplayCase& c) {
  auto found = state.breakers.find(c.api);
  if (found == state.breakers.end())
    return unsent(c, Outcome::error, "not sent: unknown API " + c.api);
  Breaker& breaker = *found->second;
  if (breaker.open) return skipped(c, state.options);
  ReplayCase guarded;
  Admission admitted =
      state.options.guard ? state.options.guard->admit(c, guarded) : Admission{&c, "", false};
  if (!admitted.send) return unsent(c, Outcome::skip, admitted.refusal);
  const ReplayCase& sent = *admitted.send;
  Exchange exchange = transport.send(sent.id, sent.request);
  CaseResult result = judge(*state.catalog.find(c.api), sent, exchange, state.options.judge);
  if (exchange.timed_out) {
    if (++breaker.consecutive >= state.options.breaker_threshold) breaker.open = true;
  } else if (exchange.response) {
    breaker.consecutive = 0;
  }
  redact_result(state.options, result);
  return result;
}

/// The case at `index`, made by the source, then sent and judged; nullopt when there is none.
std::optional<CaseResult> run_index(RunState& state, Transport& transport, size_t index) {
  ReplayCase scratch;
  const ReplayCase* c = nullptr;
  try {
    c = state.source.at(index, scratch);
  } catch (const std::exception& e) {
    scratch.id = "case-" + std::to_string(index);
    return unsent(scratch, Outcome::error,
                  std::string("not sent: the case could not be made: ") + e.what());
  }
  if (!c) return std::nullopt;
  return run_one(state, transport, *c);
}

bool interrupted(const RunOptions& options) {
  return options.interrupt && options.interrupt->load() != 0;
}

/// Takes the next index only while no interrupt is asked for, so every taken index is run and
/// delivered: an interrupted run's results have no gaps.
void work(RunState& state, Transport& transport) {
  size_t total = state.source.size();
  while (!interrupted(state.options) && !state.enough_failures) {
    size_t index = state.next++;
    if (index >= total) return;
    deliver(state, index, run_index(state, transport, index));
  }
}

}  // namespace

RunSummary run_cases(const Catalog& catalog, const std::vector<ReplayCase>& cases,
                     const RunOptions& options, const TransportFactory& make_transport,
                     const std::vector<EventSink*>& sinks, const RunInfo& info) {
  for (const auto& c : cases) {
    if (!catalog.find(c.api)) throw std::invalid_argument("case " + c.id + " names an unknown API");
  }
  return run_cases(catalog, ListedCases(cases, std::max<size_t>(1, options.repeat)), options,
                   make_transport, sinks, info);
}

RunSummary run_cases(const Catalog& catalog, const CaseSource& source, const RunOptions& options,
                     const TransportFactory& make_transport, const std::vector<EventSink*>& sinks,
                     const RunInfo& info) {
  auto started = std::chrono::steady_clock::now();
  RunState state{catalog, source, options, sinks, {}, {}, {}, {}, 0, 0, {}, {}};
  for (const auto& api : catalog.apis())
    state.breakers.try_emplace(api.contract.id, std::make_unique<Breaker>());
  RunInfo announced = info;
  announced.planned_cases = source.size();
  for (EventSink* sink : sinks) sink->run_started(announced);
  size_t workers = std::min(std::max<size_t>(1, options.jobs), std::max<size_t>(1, source.size()));
  std::vector<std::unique_ptr<Transport>> transports;
  for (size_t i = 0; i < workers; ++i) transports.push_back(make_transport());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers; ++i)
    threads.emplace_back([&state, &t = *transports[i]] { work(state, t); });
  for (auto& thread : threads) thread.join();
  state.summary.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  state.summary.planned = source.size();
  state.summary.refused_allowed = options.allow_refused;
  if (interrupted(options) && state.emitted < source.size())
    state.summary.interrupted_by = options.interrupt->load();
  if (state.enough_failures && state.emitted < source.size())
    state.summary.stopped_at_failures = options.max_failures;
  for (EventSink* sink : sinks) sink->run_finished(state.summary);
  return state.summary;
}

}  // namespace conform
