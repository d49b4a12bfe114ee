// `bench/run --quick` (ctest label bench-smoke): the benchmark script still runs end to end and
// prints its one table, with a figure for every conform row. Peers are used only when the
// interop tests already installed them under the build dir; nothing is installed here.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>

#include <cstdio>
#include <filesystem>
#include <string>

#include "support/cli_run.hpp"

namespace {

namespace fs = std::filesystem;

TEST(BenchSmoke, QuickRunPrintsOneTableWithEveryConformFigure) {
  fs::path out =
      fs::temp_directory_path() / ("conform-bench-smoke-" + std::to_string(getpid()) + ".md");
  fs::path peers = fs::path(CONFORM_BUILD_DIR) / "npm-peers";
  std::string command =
      "cd '" CONFORM_SOURCE_DIR "' && CONFORM='" CONFORM_BINARY "' VALIDATE_BENCH='" +
      (fs::path(CONFORM_BUILD_DIR) / "bench" / "validate_bench").string() + "' OUT='" +
      out.string() + "' " + (fs::is_directory(peers) ? "PEERS_DIR='" + peers.string() + "' " : "") +
      "timeout -k 5 150 bench/run --quick 2>&1";
  const conform::test::CliRun run = conform::test::run_shell(command);
  const std::string& output = run.output;
  ASSERT_EQ(run.exit_code, 0) << output;
  EXPECT_TRUE(fs::exists(out)) << output;
  for (const char* measure :
       {"| mock req/s", "| replay checked exchanges/s", "| fuzz cases/s", "| suite wall time"}) {
    size_t at = output.find(measure);
    ASSERT_NE(at, std::string::npos) << measure << "\n" << output;
    std::string line = output.substr(at, output.find('\n', at) - at);
    size_t second = line.find("| ", 2);
    ASSERT_NE(second, std::string::npos) << line;
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(line[second + 2])))
        << "no conform figure: " << line;
  }
  std::error_code ec;
  fs::remove(out, ec);
}

}  // namespace
