#pragma once
/// Hand-built runs for the report tests: several APIs, every outcome, a hostile response body
/// and real credentials in the exchanges (which no report may contain).
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/run_types.hpp"
#include "engine/event_sink.hpp"

namespace conform::test {

/// Credentials the samples send; no report may contain them.
inline constexpr const char* kBearerSecret = "s3cr3t-bearer-token-4242";
inline constexpr const char* kWhippyKey = "whippy-live-key-9f8e7d6c";
inline constexpr const char* kHostileBody = "{\"error\":\"<script>alert(1)</script>\"}";

/// A run against `target`, with the requirements of three contracts from the embedded catalog.
RunInfo sample_run_info(const std::string& target, const std::string& shard = "");

/// Cases over whippy-email, genesys-email and bigin-mail: PASS, FAIL, XFAIL, XPASS, OBSERVED,
/// ERROR and TIMEOUT; one response body is kHostileBody; exchanges carry credentials.
std::vector<CaseResult> sample_cases();

/// Sends run_started, every case and run_finished to the sink.
void play(EventSink& sink, const RunInfo& info, const std::vector<CaseResult>& cases);

/// The JSON report of `sample_cases()` against `target`, built through a ReportBuilder.
nlohmann::json sample_report(const std::string& target = "http://127.0.0.1:8080/api",
                             const std::string& shard = "");

/// A fresh directory under the build tree for one test's files.
std::filesystem::path scratch_dir(const std::string& name);

/// The whole text of a file ("" if unreadable).
std::string slurp(const std::filesystem::path& path);

/// Runs a shell command; returns its exit status and fills `output` with stdout+stderr.
int run_command(const std::string& command, std::string& output);

/// How many times `needle` occurs in `text` (overlapping occurrences counted).
size_t count(const std::string& text, const std::string& needle);

}  // namespace conform::test
