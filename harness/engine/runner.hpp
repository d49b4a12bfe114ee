#pragma once
/// The engine: runs cases on parallel workers through a transport, judges each exchange and
/// emits events in case order. The only caller of a transport.
#include <atomic>
#include <string>
#include <vector>

#include "engine/case_source.hpp"
#include "engine/event_sink.hpp"
#include "engine/judge.hpp"
#include "engine/send_guard.hpp"
#include "http/redact.hpp"
#include "http/transport.hpp"

namespace conform {

/// How a run goes.
struct RunOptions {
  size_t jobs = 4;               ///< worker threads, each with its own transport
  size_t breaker_threshold = 3;  ///< consecutive timeouts on one API before its rest is TIMEOUT
  size_t repeat = 1;             ///< every case this many times (soak, throughput)
  JudgeSettings judge;
  const Redactor* redactor = nullptr;  ///< scrubs results before any sink sees them
  std::string base_url;                ///< for the curl lines ("" = no curl)
  /// Nonzero asks the run to stop: no case starts after it, the ones in flight finish, and the
  /// summary says which signal it was (RunSummary::interrupted_by).
  const std::atomic<int>* interrupt = nullptr;
  /// Stops the run once this many cases fail the gate (0: never): no case starts after it.
  size_t max_failures = 0;
  /// `--allow-refused`: REFUSED cases do not fail the gate (nor count toward `max_failures`).
  bool allow_refused = false;
  /// Asked before each case is sent: may rewrite its recipients or refuse it (SKIP); none: all
  /// sent.
  const SendGuard* guard = nullptr;
};

/// Runs the cases, emitting run_started, one case_finished per case (in case order) and
/// run_finished to every sink. Every case's API must be in `catalog`; `options.repeat` applies.
RunSummary run_cases(const Catalog& catalog, const std::vector<ReplayCase>& cases,
                     const RunOptions& options, const TransportFactory& make_transport,
                     const std::vector<EventSink*>& sinks, const RunInfo& info);

/// The same for cases a source makes while the run goes on (`options.repeat` is ignored). A case
/// whose API is not in `catalog`, or that its source fails to make, ends as ERROR.
RunSummary run_cases(const Catalog& catalog, const CaseSource& source, const RunOptions& options,
                     const TransportFactory& make_transport, const std::vector<EventSink*>& sinks,
                     const RunInfo& info);

}  // namespace conform
