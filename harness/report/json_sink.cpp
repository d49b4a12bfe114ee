#include "report/json_sink.hpp"

#include "report/report_io.hpp"

namespace conform {

namespace fs = std::filesystem;

fs::path event_stream_path(const fs::path& report_path) {
  fs::path stream = report_path;
  stream += ".ndjson";
  return stream;
}

std::unique_ptr<EventSink> make_json_sink(const fs::path& path) {
  return std::make_unique<JsonSink>(path);
}

JsonSink::JsonSink(fs::path path) : path_(std::move(path)) {
  if (is_standard_output(path_)) return;  // no stream beside standard output: the report comes at the end
  if (path_.has_parent_path()) {
    std::error_code ignored;
    fs::create_directories(path_.parent_path(), ignored);
  }
  stream_.open(event_stream_path(path_), std::ios::binary | std::ios::trunc);
  if (!stream_) throw ReportError(event_stream_path(path_).string() + ": cannot write the file");
}

void JsonSink::write_event(const nlohmann::json& event) {
  if (!stream_.is_open()) return;
  stream_ << event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  stream_.flush();
}

void JsonSink::run_started(const RunInfo& info) { write_event(builder_.start(info)); }

void JsonSink::case_finished(const CaseResult& result) { write_event(builder_.add(result)); }

void JsonSink::counterexample_found(const Counterexample& found) { write_event(builder_.add(found)); }

void JsonSink::run_finished(const RunSummary& summary) {
  write_event(builder_.finish(summary));
  write_report(path_, report_text(builder_.report()));
}

}  // namespace conform
