#pragma once
/// Files for tests: the source tree, reading, and scratch files and directories under the
/// system temp directory (tests/support, library conform_test_support).
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace conform::test {

/// The source tree (CONFORM_SOURCE_DIR).
std::filesystem::path source_dir();

/// Parses a JSON file; fails the calling test (by throwing) when it cannot.
nlohmann::json read_json(const std::filesystem::path& path);

/// The whole file as text; "" when it cannot be read.
std::string read_text(const std::filesystem::path& file);

/// Writes text to a fresh file under this test process's temp directory; returns its path.
std::filesystem::path write_temp(const std::string& name, const std::string& text);

/// A fresh directory under the system temp dir, removed at the end of the test.
struct Scratch {
  std::filesystem::path path;
  explicit Scratch(const std::string& name);
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

}  // namespace conform::test
