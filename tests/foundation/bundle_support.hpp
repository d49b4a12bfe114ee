#pragma once
/// Helpers for the bundle tests: scratch directories and copies of a built-in bundle, made at
/// test time (header only).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace conform::test {

/// Copies the built-in bundle `from` to DIR/<to>, every mention of its id renamed (contract id,
/// requirement ids, x-requirement, the overlay's api): a sixth API made at test time.
inline std::filesystem::path copy_bundle(const std::string& from, const std::filesystem::path& dir,
                                         const std::string& to) {
  std::filesystem::path target = dir / to;
  std::filesystem::create_directories(target);
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "schemas" / from)) {
    std::string text = read_text(entry.path());
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
    std::ofstream(target / entry.path().filename()) << text;
  }
  return target;
}

/// Parses a JSON file, applies `change`, writes it back.
inline void rewrite(const std::filesystem::path& file,
                    const std::function<void(nlohmann::json&)>& change) {
  nlohmann::json doc = read_json(file);
  change(doc);
  std::ofstream(file, std::ios::trunc) << doc.dump(2);
}

}  // namespace conform::test
