#pragma once
/// `--report md:PATH`: the Markdown summary, written when the run finishes.
#include <filesystem>
#include <memory>

#include "report/event_sink.hpp"

namespace conform {

/// A sink that writes render_markdown(report) to PATH (temp + rename) at the end of the run.
std::unique_ptr<EventSink> make_markdown_sink(const std::filesystem::path& path);

}  // namespace conform
