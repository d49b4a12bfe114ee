#pragma once
/// JUnit XML from a JSON report: one testsuite per API (per API and target when a merged report
/// holds several targets), one testcase per case. Loads in Jenkins, GitLab and GitHub parsers.
#include <string>

#include <nlohmann/json.hpp>

namespace conform {

/// The JUnit XML document. FAIL and XPASS are <failure>, ERROR, TIMEOUT and REFUSED <error>, XFAIL
/// <skipped>; OBSERVED passes, with what was observed in <system-out>.
std::string render_junit(const nlohmann::json& report);

}  // namespace conform
