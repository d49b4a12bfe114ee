#include "report/report_set.hpp"

#include "report/html_render.hpp"
#include "report/junit_render.hpp"
#include "report/markdown_render.hpp"
#include "report/report_io.hpp"

namespace conform {
namespace fs = std::filesystem;

namespace {

/// One row per report format. Add a format here, and nowhere else.
struct Format {
  const char* name;
  std::string (*render)(const nlohmann::json& report);
};

const std::vector<Format>& format_table() {
  static const std::vector<Format> formats = {
      {"json", report_text},
      {"junit", render_junit},
      {"md", render_markdown},
      {"html", render_html},
  };
  return formats;
}

}  // namespace

std::vector<std::string> report_formats() {
  std::vector<std::string> out;
  for (const auto& format : format_table()) out.emplace_back(format.name);
  return out;
}

ReportRenderer report_renderer(const std::string& format) {
  for (const auto& f : format_table()) {
    if (format == f.name) return f.render;
  }
  return {};
}

std::pair<std::string, std::string> split_report_spec(const std::string& spec) {
  size_t colon = spec.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return {};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

fs::path event_stream_path(const fs::path& report_path) {
  fs::path stream = report_path;
  stream += ".ndjson";
  return stream;
}

bool ReportSet::add(const std::string& format, const fs::path& path) {
  ReportRenderer render = report_renderer(format);
  if (!render) return false;
  if (!is_standard_output(path) && path.has_parent_path()) {
    std::error_code ignored;
    fs::create_directories(path.parent_path(), ignored);
  }
  // No stream beside standard output: that report comes whole at the end.
  if (format == "json" && !is_standard_output(path)) {
    fs::path stream_path = event_stream_path(path);
    auto out = std::make_unique<std::ofstream>(stream_path, std::ios::binary | std::ios::trunc);
    if (!*out) throw ReportError(stream_path.string() + ": cannot write the file");
    stream_paths_.push_back(stream_path);
    streams_.push_back(std::move(out));
  }
  outputs_.push_back({path, render});
  return true;
}

void ReportSet::stream(const nlohmann::json& event) {
  if (streams_.empty()) return;
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  for (auto& out : streams_)
    out->write(line.data(), static_cast<std::streamsize>(line.size())).flush();
}

void ReportSet::run_started(const RunInfo& info) {
  stream(builder_.start(info));
}

void ReportSet::case_finished(const CaseResult& result) {
  stream(builder_.add(result));
}

void ReportSet::counterexample_found(const Counterexample& found) {
  stream(builder_.add(found));
}

void ReportSet::run_finished(const RunSummary& summary) {
  stream(builder_.finish(summary));
  for (const auto& output : outputs_) write_report(output.path, output.render(builder_.report()));
  for (size_t i = 0; i < streams_.size(); ++i) {
    streams_[i]->close();
    std::error_code ignored;
    fs::remove(stream_paths_[i], ignored);
  }
}

}  // namespace conform
