#include "report/junit_sink.hpp"

#include "report/junit_render.hpp"
#include "report/report_file_sink.hpp"

namespace conform {

std::unique_ptr<EventSink> make_junit_sink(const std::filesystem::path& path) {
  return std::make_unique<RenderedReportSink>(path, [](const nlohmann::json& report) { return render_junit(report); });
}

}  // namespace conform
