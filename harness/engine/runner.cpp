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
  const std::vector<ReplayCase>& cases;
  const RunOptions& options;
  const std::vector<EventSink*>& sinks;
  std::map<std::string, std::unique_ptr<Breaker>> breakers;
  std::atomic<size_t> next{0};
  std::mutex emit_mutex;  ///< guards everything below; sinks are called under it
  std::vector<std::optional<CaseResult>> pending;
  size_t emitted = 0;
  RunSummary summary;
};

CaseResult skipped(const ReplayCase& c, const RunOptions& options) {
  CaseResult result;
  result.id = c.id;
  result.api = c.api;
  result.requirements = c.requirements;
  result.outcome = Outcome::timeout;
  result.note = "not sent: " + std::to_string(options.breaker_threshold) + " consecutive timeouts on " + c.api;
  return result;
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
void deliver(RunState& state, size_t index, CaseResult result) {
  std::lock_guard lock(state.emit_mutex);
  state.pending[index] = std::move(result);
  while (state.emitted < state.pending.size() && state.pending[state.emitted]) {
    CaseResult& ready = *state.pending[state.emitted];
    ++state.summary.counts[ready.outcome];
    for (EventSink* sink : state.sinks) sink->case_finished(ready);
    state.pending[state.emitted].reset();
    ++state.emitted;
  }
}

CaseResult run_one(RunState& state, Transport& transport, const ReplayCase& c) {
  Breaker& breaker = *state.breakers.at(c.api);
  if (breaker.open) return skipped(c, state.options);
  Exchange exchange = transport.send(c.id, c.request);
  CaseResult result = judge(*state.catalog.find(c.api), c, exchange, state.options.judge);
  if (exchange.timed_out) {
    if (++breaker.consecutive >= state.options.breaker_threshold) breaker.open = true;
  } else if (exchange.response) {
    breaker.consecutive = 0;
  }
  redact_result(state.options, result);
  return result;
}

void work(RunState& state, Transport& transport) {
  size_t total = state.pending.size();
  for (size_t index = state.next++; index < total; index = state.next++) {
    deliver(state, index, run_one(state, transport, state.cases[index % state.cases.size()]));
  }
}

}  // namespace

RunSummary run_cases(const Catalog& catalog, const std::vector<ReplayCase>& cases, const RunOptions& options,
                     const TransportFactory& make_transport, const std::vector<EventSink*>& sinks,
                     const RunInfo& info) {
  auto started = std::chrono::steady_clock::now();
  RunState state{catalog, cases, options, sinks, {}, {}, {}, {}, 0, {}};
  for (const auto& c : cases) {
    if (!catalog.find(c.api)) throw std::invalid_argument("case " + c.id + " names an unknown API");
    state.breakers.try_emplace(c.api, std::make_unique<Breaker>());
  }
  state.pending.resize(cases.empty() ? 0 : cases.size() * std::max<size_t>(1, options.repeat));
  for (EventSink* sink : sinks) sink->run_started(info);
  size_t workers = std::min(std::max<size_t>(1, options.jobs), std::max<size_t>(1, state.pending.size()));
  std::vector<std::unique_ptr<Transport>> transports;
  for (size_t i = 0; i < workers; ++i) transports.push_back(make_transport());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers; ++i) threads.emplace_back([&state, &t = *transports[i]] { work(state, t); });
  for (auto& thread : threads) thread.join();
  state.summary.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  for (EventSink* sink : sinks) sink->run_finished(state.summary);
  return state.summary;
}

}  // namespace conform
