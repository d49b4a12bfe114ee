// `conform replay` end to end: the real binary against the in-process reference mock.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "hostile_server.hpp"
#include "mock/faults.hpp"
#include "mock/mock_server.hpp"
#include "replay_support.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

const std::string kBinary = CONFORM_BINARY;
const std::string kFixtures = std::string(CONFORM_SOURCE_DIR) + "/fixtures";

/// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path =
        fs::temp_directory_path() / ("conform-replay-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

int replay(const std::string& flags, std::string& output) {
  return test::run_command(kBinary + " replay --fixtures " + kFixtures + " " + flags, output);
}

/// The check names on the failure lines of the console output.
std::set<std::string> failure_checks(const std::string& output) {
  std::set<std::string> out;
  std::regex line(R"(\n  ([a-z_]+) \[)");
  for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
    out.insert((*it)[1]);
  return out;
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(ReplayCli, EveryFixturePassesAgainstTheCleanMock) {
  MockServer mock;
  mock.start({});
  std::string out;
  EXPECT_EQ(replay("--target " + mock.url(), out), 0) << out;
  EXPECT_NE(out.find(" passed, 0 failed, "), std::string::npos) << out;
  EXPECT_NE(out.find(" observed, 0 xfail, 0 xpass, 0 error, 0 timeout"), std::string::npos) << out;
  // What the clean mock refuses at open points (its conservative reading) is only observed.
  for (const char* open : {"open point enum-letter-case", "open point x-accept:/email/*/to:format"})
    EXPECT_NE(out.find(open), std::string::npos) << open << "\n" << out;
}

TEST(ReplayCli, EveryMockFaultExitsOneAndIsCaughtByItsCheck) {
  ASSERT_FALSE(fault_table().empty());
  for (const auto& fault : fault_table()) {
    // No fixture has a long or non-ASCII sender_name: fuzz's coverage phase catches that one.
    if (std::string(fault.name) == "server-error-on-long-text") continue;
    MockServer mock;
    MockOptions options;
    options.faults = {fault.name};
    mock.start(options);
    std::string out;
    int rc = replay("--jobs 8 --max-response-time 250 --target " + mock.url(), out);
    EXPECT_EQ(rc, 1) << fault.name << "\n" << out;
    EXPECT_TRUE(failure_checks(out).contains(fault.expected_check))
        << fault.name << " expected " << fault.expected_check << "\n"
        << out;
  }
}

TEST(ReplayCli, TheTargetMayCarryAPathPrefix) {
  MockServer mock;
  MockOptions options;
  options.prefix = "/gateway/v0";
  mock.start(options);
  std::string out;
  EXPECT_EQ(replay("--api bigin-mail --target " + mock.url(), out), 0) << out;
  EXPECT_NE(out.find("/gateway/v0"), std::string::npos);
}

TEST(ReplayCli, AnUnreachableTargetIsAConfigErrorWithAClearMessage) {
  int port = 0;
  {
    test::HostileServer closed([](int, const std::atomic<bool>&) {});
    port = closed.port();
  }  // the port is closed again
  std::string out;
  EXPECT_EQ(replay("--timeout 1 --target http://127.0.0.1:" + std::to_string(port), out), 2) << out;
  EXPECT_NE(out.find("cannot reach http://127.0.0.1:" + std::to_string(port)), std::string::npos)
      << out;
}

TEST(ReplayCli, BadFixtureFilesExitTwoNamingTheFileAndPointer) {
  TempDir dir("bad-fixtures");
  fs::create_directories(dir.path / "whippy-email");
  fs::path bad = dir.path / "whippy-email" / "a-bad-interaction.json";
  std::ofstream(bad)
      << R"({"conform_fixture":1,"kind":"request","expect":"valid","requirements":["whippy-email.to"],
    "body":{"to":"a@example.com","from":"b@example.com"},"interaction":{"status":"600"}})";
  std::string out;
  EXPECT_EQ(
      test::run_command(
          kBinary + " replay --target http://127.0.0.1:9 --fixtures " + dir.path.string(), out),
      2);
  EXPECT_NE(out.find(bad.string() + ": /interaction/status"), std::string::npos) << out;
  std::ofstream(bad, std::ios::trunc) << "{\"conform_fixture\": 1,";
  EXPECT_EQ(
      test::run_command(
          kBinary + " replay --target http://127.0.0.1:9 --fixtures " + dir.path.string(), out),
      2);
  EXPECT_NE(out.find(bad.string()), std::string::npos) << out;
}

TEST(ReplayCli, UsageErrorsExitTwo) {
  std::string out;
  EXPECT_EQ(replay("", out), 2);
  EXPECT_NE(out.find("give exactly one of --target URL and --cassettes DIR"), std::string::npos)
      << out;
  EXPECT_EQ(replay("--target http://127.0.0.1:9 --shard 3/2", out), 2);
  EXPECT_NE(out.find("--shard takes K/N with 1 <= K <= N, got '3/2'"), std::string::npos) << out;
  EXPECT_EQ(replay("--target http://127.0.0.1:9 --report yaml:x", out), 2);
  EXPECT_NE(out.find("unknown report format 'yaml'"), std::string::npos) << out;
  EXPECT_EQ(replay("--target http://127.0.0.1:9 --api nope", out), 2);
  EXPECT_NE(out.find("unknown api 'nope' (one of: bigin-mail,"), std::string::npos) << out;
  EXPECT_EQ(replay("--target https://127.0.0.1:9", out), 2);
  EXPECT_NE(out.find("cannot reach https://127.0.0.1:9: connection refused"), std::string::npos)
      << out;
  EXPECT_EQ(replay("--target ftp://127.0.0.1:9", out), 2);
  EXPECT_NE(out.find("the target must start with http:// or https://"), std::string::npos) << out;
  EXPECT_EQ(test::run_command(
                kBinary + " replay --target http://127.0.0.1:9 --fixtures /nonexistent", out),
            2);
  EXPECT_NE(out.find("fixtures directory /nonexistent not found"), std::string::npos) << out;
  EXPECT_EQ(test::run_command(kBinary + " replay --help", out), 0);
  EXPECT_NE(out.find("--cassettes DIR"), std::string::npos);
}

TEST(ReplayCli, ARecordingReplaysOfflineWithCredentialsRedacted) {
  TempDir dir("record");
  const std::string secret = "Zoho-oauthtoken very-secret-token-42";
  std::string recorded, replayed;
  {
    MockServer mock;
    MockOptions options;
    options.faults = {"reject-valid"};
    mock.start(options);
    EXPECT_EQ(replay("--api bigin-mail --auth 'bigin-mail=" + secret + "' --record " +
                         dir.path.string() + " --report junit:" +
                         (dir.path / "junit.xml").string() + " --target " + mock.url(),
                     recorded),
              1);
  }  // the mock is gone: the replay below has no network
  EXPECT_TRUE(fs::exists(dir.path / "bigin-mail" / "the-documented-request-is-accepted.json"));
  EXPECT_EQ(replay("--api bigin-mail --cassettes " + dir.path.string(), replayed), 1) << replayed;
  auto summary = [](const std::string& text) {
    return text.substr(text.rfind('\n', text.size() - 2) + 1, 60);
  };
  EXPECT_EQ(summary(recorded), summary(replayed));
  EXPECT_EQ(recorded.find("very-secret-token-42"), std::string::npos);
  for (const auto& entry : fs::recursive_directory_iterator(dir.path)) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(read_all(entry.path()).find("very-secret"), std::string::npos) << entry.path();
    }
  }
  std::string junit = read_all(dir.path / "junit.xml");
  EXPECT_NE(junit.find("<testsuite name=\"bigin-mail\""), std::string::npos)
      << junit.substr(0, 400);
  EXPECT_NE(junit.find("<failure"), std::string::npos);
  fs::remove(dir.path / "bigin-mail" / "the-documented-request-is-accepted.json");
  EXPECT_EQ(replay("--api bigin-mail --cassettes " + dir.path.string(), replayed), 1);
  EXPECT_NE(replayed.find("ERROR bigin-mail/the-documented-request-is-accepted (no cassette"),
            std::string::npos)
      << replayed;
}

TEST(ReplayCli, ShardsTogetherRunEveryCaseOnce) {
  MockServer mock;
  mock.start({});
  std::string all, one, two;
  ASSERT_EQ(replay("--target " + mock.url(), all), 0);
  ASSERT_EQ(replay("--shard 1/2 --target " + mock.url(), one), 0);
  ASSERT_EQ(replay("--shard 2/2 --target " + mock.url(), two), 0);
  std::regex passed(R"((\d+) passed)");
  auto count = [&](const std::string& text) {
    std::smatch m;
    return std::regex_search(text, m, passed) ? std::stoi(m[1]) : -1;
  };
  EXPECT_GT(count(one), 0);
  EXPECT_GT(count(two), 0);
  EXPECT_EQ(count(one) + count(two), count(all));
}

}  // namespace
}  // namespace conform
