#include "report/report_file_sink.hpp"

#include "report/report_io.hpp"

namespace conform {

RenderedReportSink::RenderedReportSink(std::filesystem::path path, ReportRenderer render)
    : path_(std::move(path)), render_(std::move(render)) {}

void RenderedReportSink::run_finished(const RunSummary& summary) {
  builder_.finish(summary);
  write_report(path_, render_(builder_.report()));
}

}  // namespace conform
