// The built-in fixtures travel with the binary: replay and export find them from any working
// directory, and `--fixtures DIR` replaces only the APIs DIR has a folder for (and says so).
// Through the real binary, against `conform mock --port 0`.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../mock/mock_process.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;
using test::CliRun;

const std::string kFixtures = std::string(CONFORM_SOURCE_DIR) + "/fixtures";

/// A fresh directory under the system temp dir (no ./fixtures in it), removed at the end.
struct Scratch {
  fs::path path;
  explicit Scratch(const std::string& name)
      : path(fs::temp_directory_path() /
             ("conform-embedded-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() { fs::remove_all(path); }
};

/// `conform ARGUMENTS` run with `cwd` as its working directory.
CliRun conform_in(const fs::path& cwd, const std::string& arguments) {
  return test::run_shell("cd '" + cwd.string() + "' && timeout 300 " + std::string(CONFORM_BINARY) +
                         " " + arguments + " 2>&1");
}

/// The same, keeping only what it writes to standard output.
CliRun conform_stdout_in(const fs::path& cwd, const std::string& arguments) {
  return test::run_shell("cd '" + cwd.string() + "' && timeout 300 " + std::string(CONFORM_BINARY) +
                         " " + arguments + " 2>/dev/null");
}

size_t lines_with(const std::string& text, const std::string& word) {
  size_t n = 0;
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
  return n;
}

TEST(EmbeddedFixtures, ReplayFromADirectoryWithoutFixturesFindsTheBuiltInOnes) {
  Scratch cwd("cwd");
  ASSERT_FALSE(fs::exists(cwd.path / "fixtures"));
  mock_test::MockProcess mock({});
  ASSERT_GT(mock.port, 0);
  std::string target = "http://127.0.0.1:" + std::to_string(mock.port);
  CliRun run = conform_in(cwd.path, "replay --jobs 2 --target " + target);
  EXPECT_EQ(run.exit_code, 0) << run.output.substr(0, 3000);
  EXPECT_NE(run.output.find(" passed, 0 failed"), std::string::npos) << run.output.substr(0, 3000);
  CliRun built_in = conform_stdout_in(cwd.path, "replay --list-cases");
  CliRun from_source = conform_stdout_in(cwd.path, "replay --list-cases --fixtures " + kFixtures);
  ASSERT_EQ(built_in.exit_code, 0) << built_in.output;
  EXPECT_GT(lines_with(built_in.output, "bigin-mail/"), 10u) << built_in.output;
  EXPECT_EQ(built_in.output, from_source.output) << "the embedded fixtures differ from fixtures/";
}

TEST(EmbeddedFixtures, AFolderReplacesThatApisFixturesOnlyAndSaysSo) {
  Scratch cwd("cwd"), mine("mine");
  fs::create_directories(mine.path / "bigin-mail");
  fs::copy_file(kFixtures + "/bigin-mail/a-mail-without-from-is-rejected.json",
                mine.path / "bigin-mail" / "a-mail-without-from-is-rejected.json");
  CliRun built_in = conform_in(cwd.path, "replay --list-cases");
  CliRun layered = conform_in(cwd.path, "replay --list-cases --fixtures " + mine.path.string());
  ASSERT_EQ(layered.exit_code, 0) << layered.output;
  EXPECT_NE(layered.output.find("--fixtures " + mine.path.string() + ": " +
                                (mine.path / "bigin-mail").string() +
                                " replaces the built-in fixtures of bigin-mail"),
            std::string::npos)
      << layered.output;
  EXPECT_EQ(lines_with(layered.output, "bigin-mail/a-mail-without-from-is-rejected"), 1u)
      << layered.output;
  EXPECT_EQ(lines_with(layered.output, "bigin-mail/the-documented-request-is-accepted"), 0u)
      << layered.output;
  for (const char* other :
       {"capillary-email/", "capillary-message/", "genesys-email/", "whippy-email/"}) {
    EXPECT_EQ(lines_with(layered.output, other), lines_with(built_in.output, other)) << other;
  }
}

TEST(EmbeddedFixtures, ExportFindsThePageExamplesWithoutAFixturesFolder) {
  Scratch cwd("export");
  CliRun built_in = conform_stdout_in(cwd.path, "export openapi");
  ASSERT_EQ(built_in.exit_code, 0) << built_in.output.substr(0, 2000);
  EXPECT_NE(built_in.output.find("\"examples\""), std::string::npos);
  CliRun from_source = conform_stdout_in(cwd.path, "export openapi --fixtures " + kFixtures);
  EXPECT_EQ(built_in.output, from_source.output);
}

}  // namespace
}  // namespace conform
