#pragma once
/// `--report html:PATH`: the self-contained HTML report, written when the run finishes.
#include <filesystem>
#include <memory>

#include "report/event_sink.hpp"

namespace conform {

/// A sink that writes render_html(report) to PATH (temp + rename) at the end of the run.
std::unique_ptr<EventSink> make_html_sink(const std::filesystem::path& path);

}  // namespace conform
