#pragma once
/// `--report FMT:PATH`: the one place that maps a report format to its sink.
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "report/event_sink.hpp"

namespace conform {

/// A sink writing format `format` to `path`; nullptr for a format this build does not know.
/// May throw when the sink cannot be set up (e.g. an unwritable path).
std::unique_ptr<EventSink> make_report_sink(const std::string& format, const std::filesystem::path& path);

/// The formats make_report_sink knows, for messages and --help.
std::vector<std::string> report_formats();

/// Splits `FMT:PATH` at the first colon; a pair of empty strings when either part is missing.
std::pair<std::string, std::string> split_report_spec(const std::string& spec);

}  // namespace conform
