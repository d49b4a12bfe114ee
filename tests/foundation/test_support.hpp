#pragma once
/// Helpers shared by the foundation tests: paths, files, and running the conform binary.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace conform::testing {

/// The source tree (CONFORM_SOURCE_DIR).
std::filesystem::path source_dir();

/// Parses a JSON file; fails the calling test (by throwing) when it cannot.
nlohmann::json read_json(const std::filesystem::path& path);

/// What a finished process printed and returned.
struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `conform` with arguments (shell-quoted here), capturing stdout and stderr.
ProcessResult run_conform(const std::string& arguments);

/// Writes text to a fresh file under the test's temp directory and returns its path.
std::filesystem::path write_temp(const std::string& name, const std::string& text);

}  // namespace conform::testing
