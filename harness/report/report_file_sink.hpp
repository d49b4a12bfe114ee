#pragma once
/// A sink that keeps the report in memory and writes one rendering of it when the run ends.
#include <filesystem>
#include <functional>
#include <string>

#include "report/event_sink.hpp"
#include "report/report_builder.hpp"

namespace conform {

/// A pure renderer: a JSON report in, a document out.
using ReportRenderer = std::function<std::string(const nlohmann::json&)>;

/// Builds the report from events and writes `render(report)` to PATH (temp + rename) at the end.
class RenderedReportSink : public EventSink {
 public:
  /// `render` is called once, when the run finishes.
  RenderedReportSink(std::filesystem::path path, ReportRenderer render);
  /// Records the run.
  void run_started(const RunInfo& info) override { builder_.start(info); }
  /// Records one case.
  void case_finished(const CaseResult& result) override { builder_.add(result); }
  /// Records one shrunk failure group.
  void counterexample_found(const Counterexample& found) override { builder_.add(found); }
  /// Renders and writes the file; throws ReportError when it cannot.
  void run_finished(const RunSummary& summary) override;

 private:
  std::filesystem::path path_;
  ReportRenderer render_;
  ReportBuilder builder_;
};

}  // namespace conform
