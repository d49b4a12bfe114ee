#pragma once
/// Reporters consume the events of a run and nothing else (DESIGN.md: reporters only consume
/// events).
#include "core/run_types.hpp"

namespace conform {

/// Receives a run's events in order: started, one finished per case, the counterexamples a
/// fuzz run shrank (if any), then finished.
/// The engine calls these from one thread at a time.
class EventSink {
 public:
  virtual ~EventSink() = default;
  /// The run begins.
  virtual void run_started(const RunInfo& info) = 0;
  /// One case is judged.
  virtual void case_finished(const CaseResult& result) = 0;
  /// One shrunk fuzz failure group, after every case and before run_finished.
  virtual void counterexample_found(const Counterexample&) {}
  /// The run is over; the sink writes what it still holds.
  virtual void run_finished(const RunSummary& summary) = 0;
};

}  // namespace conform
