#pragma once
/// `--report junit:PATH`: JUnit XML, one testsuite per API and one testcase per case.
#include <filesystem>
#include <memory>

#include "report/event_sink.hpp"

namespace conform {

/// A sink that writes the run as JUnit XML to PATH when it finishes (render_junit over the
/// JSON report, so every format shares one model). FAIL and XPASS are <failure>, ERROR and
/// TIMEOUT <error>, XFAIL <skipped>; OBSERVED passes with what was seen in <system-out>.
std::unique_ptr<EventSink> make_junit_sink(const std::filesystem::path& path);

}  // namespace conform
