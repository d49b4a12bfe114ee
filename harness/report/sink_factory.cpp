#include "report/sink_factory.hpp"

#include "report/html_sink.hpp"
#include "report/json_sink.hpp"
#include "report/junit_sink.hpp"
#include "report/markdown_sink.hpp"

namespace conform {
namespace {

/// One row per report format. Add a format here, and nowhere else.
struct SinkMaker {
  const char* format;
  std::unique_ptr<EventSink> (*make)(const std::filesystem::path& path);
};

const std::vector<SinkMaker>& sink_makers() {
  static const std::vector<SinkMaker> makers = {
      {"json", make_json_sink},
      {"junit", make_junit_sink},
      {"md", make_markdown_sink},
      {"html", make_html_sink},
  };
  return makers;
}

}  // namespace

std::unique_ptr<EventSink> make_report_sink(const std::string& format, const std::filesystem::path& path) {
  for (const auto& maker : sink_makers()) {
    if (format == maker.format) return maker.make(path);
  }
  return nullptr;
}

std::vector<std::string> report_formats() {
  std::vector<std::string> out;
  for (const auto& maker : sink_makers()) out.emplace_back(maker.format);
  return out;
}

std::pair<std::string, std::string> split_report_spec(const std::string& spec) {
  size_t colon = spec.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return {};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

}  // namespace conform
