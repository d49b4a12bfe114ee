#pragma once
/// Reading and writing report files: atomic writes, and reports read back from JSON or NDJSON.
#include <filesystem>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace conform {

/// A report file that cannot be read, parsed or written; the message names the file.
class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `text` to a temporary file beside `path`, flushes it, then renames it over `path`,
/// so readers see the old file or the new one, never half of one. Throws ReportError.
void write_file_atomic(const std::filesystem::path& path, const std::string& text);

/// The path that means standard output in `--report FMT:-`.
inline bool is_standard_output(const std::filesystem::path& path) {
  return path == "-";
}

/// Writes a finished report: to standard output for `-` (flushed), else as write_file_atomic.
void write_report(const std::filesystem::path& path, const std::string& text);

/// Reads a report: a JSON report, or (for `*.ndjson`) the event stream of a run, rebuilt.
/// Throws ReportError naming the file when it is unreadable or not JSON.
nlohmann::json read_report_file(const std::filesystem::path& path);

/// The JSON text of a report as conform writes it (2-space indent, invalid UTF-8 replaced).
std::string report_text(const nlohmann::json& report);

}  // namespace conform
