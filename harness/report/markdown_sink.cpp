#include "report/markdown_sink.hpp"

#include "report/markdown_render.hpp"
#include "report/report_file_sink.hpp"

namespace conform {

std::unique_ptr<EventSink> make_markdown_sink(const std::filesystem::path& path) {
  return std::make_unique<RenderedReportSink>(path, render_markdown);
}

}  // namespace conform
