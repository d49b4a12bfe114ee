#include "report/report_io.hpp"

#include <iostream>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "core/file_text.hpp"
#include "core/json_text.hpp"
#include "report/report_builder.hpp"

namespace conform {

namespace fs = std::filesystem;

void write_report(const std::filesystem::path& path, const std::string& text) {
  if (!is_standard_output(path)) return write_file_atomic(path, text);
  std::cout << text << std::flush;
  if (!std::cout) throw ReportError("cannot write the report to standard output");
}

void write_file_atomic(const fs::path& path, const std::string& text) {
  if (path.has_parent_path()) {
    std::error_code ignored;
    fs::create_directories(path.parent_path(), ignored);
  }
  fs::path temp = path;
  temp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw ReportError(path.string() + ": cannot write " + temp.string());
  }
  std::error_code error;
  fs::rename(temp, path, error);
  if (error) {
    fs::remove(temp, error);
    throw ReportError(path.string() + ": cannot replace the file: " + error.message());
  }
}

nlohmann::json read_report_file(const fs::path& path) {
  const std::optional<std::string> read = read_text_file(path);
  if (!read) throw ReportError(path.string() + ": cannot read the file");
  const std::string& text = *read;
  if (path.extension() == ".ndjson") return report_from_events(text);
  JsonParse parsed = parse_json(text);
  if (!parsed.value) throw ReportError(path.string() + ": " + parsed.error);
  return std::move(*parsed.value);
}

std::string report_text(const nlohmann::json& report) {
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace conform
