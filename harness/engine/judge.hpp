#pragma once
/// Judging one exchange: run every check of the table, then fold the findings into an outcome.
#include <set>
#include <string>

#include "checks/check.hpp"

namespace conform {

/// Settings of judging that come from the command line.
struct JudgeSettings {
  double max_response_ms = 0;            ///< 0 = no response-time budget
  std::set<std::string> skipped_checks;  ///< `--checks`/`--exclude-checks`: checks not run
};

/// The case result for an exchange: REFUSED when the transport gave up on a 429/503
/// (`Exchange::refused`), ERROR/TIMEOUT for transport trouble, otherwise the checks'
/// verdict (FAIL on a settled failure, OBSERVED on unsettled ones only, PASS), then XFAIL/XPASS
/// for a case that carries `xfail`. Pure: no I/O.
CaseResult judge(const ApiEntry& api, const ReplayCase& replay_case, const Exchange& exchange,
                 const JudgeSettings& settings);

}  // namespace conform
