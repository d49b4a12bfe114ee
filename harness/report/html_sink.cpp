#include "report/html_sink.hpp"

#include "report/html_render.hpp"
#include "report/report_file_sink.hpp"

namespace conform {

std::unique_ptr<EventSink> make_html_sink(const std::filesystem::path& path) {
  return std::make_unique<RenderedReportSink>(path, render_html);
}

}  // namespace conform
