#pragma once
/// The console reporter: progress on a TTY, one line per failure with a curl reproduction,
/// and the summary line `N passed, N failed, ...`.
#include <map>
#include <ostream>
#include <string>

#include "report/event_sink.hpp"

namespace conform {

/// Writes a run to a terminal or a CI log.
class ConsoleSink : public EventSink {
 public:
  /// Results go to `out`; a `\r` progress line goes to `progress` when `show_progress`.
  ConsoleSink(std::ostream& out, std::ostream& progress, bool show_progress);
  void run_started(const RunInfo& info) override;
  void case_finished(const CaseResult& result) override;
  void run_finished(const RunSummary& summary) override;

 private:
  void clear_progress();
  std::ostream& out_;
  std::ostream& progress_;
  bool show_progress_;
  size_t done_ = 0;
  size_t failing_ = 0;
  std::map<std::string, size_t> observed_by_kind_;  ///< OBSERVED cases per open point
};

/// `N passed, N failed, N observed, N xfail, N xpass, N error, N timeout`.
std::string summary_line(const RunSummary& summary);

/// One line for one failure: check, requirement @ locator, pointer, expected vs actual, message.
std::string failure_line(const Failure& failure);

}  // namespace conform
