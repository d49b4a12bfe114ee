#pragma once
/// Read-only views over a JSON report that every renderer shares: tallies per API, targets,
/// and the requirement × check matrix.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform {

/// Outcome counts of one API (or one target).
struct Tally {
  std::string name;
  std::map<std::string, size_t> counts;  ///< outcome name → cases
  size_t total = 0;
  size_t refused_allowed = 0;  ///< REFUSED cases of runs with --allow-refused (in counts too)
  /// Cases that do not fail the gate (PASS, XFAIL, OBSERVED, SKIP, allowed REFUSED).
  size_t good() const;
  /// good() / total, 1 when there are no cases.
  double pass_rate() const;
};

/// One tally per API, sorted by API id.
std::vector<Tally> tally_by_api(const nlohmann::json& report);

/// The distinct targets of the report's runs and cases, in first-seen order.
std::vector<std::string> report_targets(const nlohmann::json& report);

/// Every check name that appears in the report, sorted.
std::vector<std::string> report_checks(const nlohmann::json& report);

/// Which checks ran, over the cases that were judged (ERROR and TIMEOUT cases run none).
struct CheckRuns {
  std::map<std::string, size_t> cases;  ///< check name → cases that ran it
  size_t judged = 0;                    ///< cases that ran at least one check
};

/// The checks the report's cases ran. A check absent here ran on no case.
CheckRuns check_runs(const nlohmann::json& report);

/// The status of a requirement (or of one check for it) over a set of cases.
struct Cell {
  std::string status = "NOT RUN";  ///< an outcome name, or "NOT RUN"
  size_t cases = 0;
};

/// One matrix row: a requirement and how the cases that cover it went.
struct MatrixRow {
  std::string api;
  std::string id;
  std::string summary;
  std::string locator;
  Cell overall;
  std::map<std::string, Cell> by_check;   ///< check name → status
  std::map<std::string, Cell> by_target;  ///< target → status
};

/// Rows for every requirement: the contract's own (in its order), then any other id the cases
/// name; grouped by API, APIs sorted; within an API, requirements some case covered come first.
std::vector<MatrixRow> requirement_matrix(const nlohmann::json& report);

/// The worse of two statuses (FAIL/XPASS/TIMEOUT/ERROR > XFAIL > OBSERVED > PASS > NOT RUN).
std::string worse_status(const std::string& a, const std::string& b);

/// Cases worth a closer look: gate failures, and cases with failures recorded (XFAIL, OBSERVED).
std::vector<const nlohmann::json*> noteworthy_cases(const nlohmann::json& report);

/// The case's failures across all its checks.
std::vector<const nlohmann::json*> case_failures(const nlohmann::json& entry);

/// A shrunk failure group as plain text: what failed, how many cases, the minimal body and
/// the curl line that reproduces it.
std::string counterexample_text(const nlohmann::json& counterexample);

/// first_case id → its counterexample, for the cases a fuzz run shrank.
std::map<std::string, const nlohmann::json*> counterexamples_by_case(const nlohmann::json& report);

/// Why a report is partial, for a banner: "" for a complete report; the failure count for a run
/// `--max-failures` stopped; the signal and the counts for an interrupted run; else that the
/// run never finished (rebuilt from its NDJSON stream).
std::string incompleteness(const nlohmann::json& report);

}  // namespace conform
