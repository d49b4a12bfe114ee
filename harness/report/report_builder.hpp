#pragma once
/// Turns run events into a JSON report, and the NDJSON event lines that rebuild it after a crash.
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/run_types.hpp"

namespace conform {

/// `passing_cases` entry key → its place in the list, so an unlisted PASS case is counted in
/// constant time.
using PassingIndex = std::unordered_map<std::string, size_t>;

/// Which cases a report lists one by one (`--report-cases`).
enum class CaseListing { all, failing };

/// Accumulates one run's report from its events.
class ReportBuilder {
 public:
  /// With CaseListing::failing a PASS case is not listed: it is counted into `passing_cases`,
  /// one entry per API, target, requirements and checks, which every view reads as that many
  /// passing cases.
  explicit ReportBuilder(CaseListing listed = CaseListing::all);
  /// Records the run; returns the `run_started` event.
  nlohmann::json start(const RunInfo& info);
  /// Records one case; returns the `case_finished` event (`case_passed` for an unlisted PASS).
  nlohmann::json add(const CaseResult& result);
  /// Records one shrunk fuzz failure group; returns the `counterexample` event.
  nlohmann::json add(const Counterexample& found);
  /// Closes the run (summary, complete = true); returns the `run_finished` event.
  nlohmann::json finish(const RunSummary& summary);
  /// The report so far.
  const nlohmann::json& report() const { return report_; }

 private:
  nlohmann::json report_;
  std::string target_;
  bool allow_refused_ = false;  ///< the run's `--allow-refused`, marked on its REFUSED cases
  CaseListing listed_;
  PassingIndex passing_index_;
};

/// Applies one NDJSON event to a report, with the index of its `passing_cases`; returns false
/// for an event it does not know.
bool apply_event(nlohmann::json& report, const nlohmann::json& event, PassingIndex& index);

/// Adds another report's `passing_cases` to this one's, and their counts to its summary.
void merge_passing_cases(nlohmann::json& report, const nlohmann::json& passing_cases);

/// Rebuilds a report from an NDJSON event stream. A run that never finished gives a report with
/// `complete: false` and a summary of the cases that did; a torn last line is ignored.
nlohmann::json report_from_events(std::string_view ndjson);

}  // namespace conform
