#pragma once
/// `--report FMT:PATH`, repeatable: every report of a run rendered from one JSON report, so each
/// case becomes JSON once whatever the number of formats. A JSON report is also streamed to
/// `PATH.ndjson` while the run goes, so a killed run leaves every finished case readable.
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/event_sink.hpp"
#include "report/report_builder.hpp"

namespace conform {

/// A pure renderer: a JSON report in, a document out.
using ReportRenderer = std::function<std::string(const nlohmann::json&)>;

/// Builds the report from the run's events and writes every output when the run finishes.
class ReportSet : public EventSink {
 public:
  /// `listed`: every case, or only those that are not PASS (`--report-cases failing`).
  explicit ReportSet(CaseListing listed = CaseListing::all) : builder_(listed) {}
  /// Adds one output: format json, junit, md or html, to PATH (`-` is standard output).
  /// False for an unknown format; throws ReportError when PATH.ndjson cannot be written.
  bool add(const std::string& format, const std::filesystem::path& path);
  bool empty() const { return outputs_.empty(); }

  void run_started(const RunInfo& info) override;
  void case_finished(const CaseResult& result) override;
  void counterexample_found(const Counterexample& found) override;
  /// Writes every output (temp + rename), then removes the NDJSON streams: the JSON report now
  /// holds all they did. Throws ReportError when an output cannot be written.
  void run_finished(const RunSummary& summary) override;

 private:
  struct Output {
    std::filesystem::path path;
    ReportRenderer render;
  };
  void stream(const nlohmann::json& event);

  ReportBuilder builder_;
  std::vector<Output> outputs_;
  std::vector<std::filesystem::path> stream_paths_;
  std::vector<std::unique_ptr<std::ofstream>> streams_;
};

/// The formats ReportSet knows, for messages and --help.
std::vector<std::string> report_formats();

/// The renderer of one of report_formats(); an empty function for any other name.
ReportRenderer report_renderer(const std::string& format);

/// Splits `FMT:PATH` at the first colon; a pair of empty strings when either part is missing.
std::pair<std::string, std::string> split_report_spec(const std::string& spec);

/// The NDJSON file beside a JSON report: `PATH.ndjson`.
std::filesystem::path event_stream_path(const std::filesystem::path& report_path);

}  // namespace conform
