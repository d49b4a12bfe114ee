#pragma once
/// `--report json:PATH`: the JSON report, streamed as NDJSON while the run goes, then written whole.
#include <filesystem>
#include <fstream>
#include <memory>

#include "report/event_sink.hpp"
#include "report/report_builder.hpp"

namespace conform {

/// Writes `PATH.ndjson` (one event per line, flushed per case) and, when the run finishes,
/// `PATH` atomically. A killed run leaves every finished case in the NDJSON file.
class JsonSink : public EventSink {
 public:
  /// Opens `PATH.ndjson` for writing (none for `-`, standard output); throws ReportError when it cannot.
  explicit JsonSink(std::filesystem::path path);
  /// Writes the run_started event.
  void run_started(const RunInfo& info) override;
  /// Writes one case_finished event and flushes it.
  void case_finished(const CaseResult& result) override;
  /// Writes one counterexample event and flushes it.
  void counterexample_found(const Counterexample& found) override;
  /// Writes run_finished, then the whole report to PATH (temp + rename).
  void run_finished(const RunSummary& summary) override;

 private:
  void write_event(const nlohmann::json& event);

  std::filesystem::path path_;
  std::ofstream stream_;
  ReportBuilder builder_;
};

/// A JsonSink for `--report json:PATH` (sink_factory's signature).
std::unique_ptr<EventSink> make_json_sink(const std::filesystem::path& path);

/// The NDJSON file beside a JSON report: `PATH.ndjson`.
std::filesystem::path event_stream_path(const std::filesystem::path& report_path);

}  // namespace conform
