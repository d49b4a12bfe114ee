#pragma once
/// The console reporter: progress on a TTY, one line per failure with a curl reproduction,
/// and the summary line `N passed, N failed, ...`.
#include <chrono>
#include <map>
#include <ostream>
#include <string>

#include "engine/event_sink.hpp"

namespace conform {

/// Writes a run to a terminal or a CI log.
class ConsoleSink : public EventSink {
 public:
  /// Results go to `out`; a `\r` progress line goes to `progress` when `show_progress`.
  ConsoleSink(std::ostream& out, std::ostream& progress, bool show_progress);
  /// Fuzz runs print no line per failing case: one block per shrunk failure group instead.
  void group_failures() { per_case_lines_ = false; }
  void run_started(const RunInfo& info) override;
  void case_finished(const CaseResult& result) override;
  void counterexample_found(const Counterexample& found) override;
  void run_finished(const RunSummary& summary) override;

 private:
  void clear_progress();
  void show_progress();
  std::ostream& out_;
  std::ostream& progress_;
  bool show_progress_;
  bool per_case_lines_ = true;
  size_t planned_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_progress_;
  size_t done_ = 0;
  size_t failing_ = 0;
  std::map<std::string, size_t> observed_by_kind_;  ///< OBSERVED cases per open point
};

/// The progress line: `done/total cases, rate/s, ETA, N failing`.
std::string progress_line(size_t done, size_t planned, double seconds, size_t failing);

/// `N passed, N failed, N observed, N xfail, N xpass, N error, N timeout`, then `, N refused`
/// when any case was REFUSED.
std::string summary_line(const RunSummary& summary);

/// One line for one failure: check, requirement @ locator, pointer, expected vs actual, message.
std::string failure_line(const Failure& failure);

}  // namespace conform
