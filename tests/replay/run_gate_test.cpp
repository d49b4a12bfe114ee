// A gate that cannot pass on nothing, and a run that a signal stops: through the real binary,
// against the in-process reference mock.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include "mock/mock_server.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;
using test::CliRun;
using test::conform_cli;

const std::string kFixtures = std::string(CONFORM_SOURCE_DIR) + "/fixtures";

/// A fresh directory under the system temp dir, removed at the end of the test.
struct Scratch {
  fs::path path;
  explicit Scratch(const std::string& name)
      : path(fs::temp_directory_path() /
             ("conform-gate-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Scratch() { fs::remove_all(path); }
};

std::string read_all(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void expect_said(const CliRun& run, const std::string& words) {
  EXPECT_NE(run.output.find(words), std::string::npos) << "missing: " << words << "\n"
                                                       << run.output.substr(0, 3000);
}

TEST(RunGate, AnEmptyApiFolderLeavesThatApiNoCaseAndAloneIsExitTwoNotAPass) {
  MockServer mock;
  mock.start({});
  Scratch empty("empty");
  fs::create_directories(empty.path / "bigin-mail");
  CliRun run = conform_cli("replay --target " + mock.url() + " --api bigin-mail --fixtures " +
                           empty.path.string());
  EXPECT_EQ(run.exit_code, 2);
  expect_said(run, "no case to run: bigin-mail has no request fixture under " +
                       (empty.path / "bigin-mail").string());
  expect_said(run, "a run that checks nothing cannot pass the gate");
}

TEST(RunGate, AFixtureDirectoryWithoutApiFoldersAddsNothingAndTheBuiltInFixturesRun) {
  MockServer mock;
  mock.start({});
  Scratch none("none");
  CliRun run = conform_cli("replay --target " + mock.url() + " --api whippy-email --fixtures " +
                           none.path.string());
  EXPECT_EQ(run.exit_code, 0) << run.output.substr(0, 3000);
  EXPECT_EQ(run.output.find("replaces"), std::string::npos) << run.output.substr(0, 3000);
  CliRun listed =
      conform_cli("replay --list-cases --api whippy-email --fixtures " + none.path.string());
  expect_said(listed, "whippy-email/a-request-without-from-is-rejected");
}

TEST(RunGate, AnApiWhoseFolderIsEmptyIsNamedWhenOthersRun) {
  MockServer mock;
  mock.start({});
  Scratch some("some");
  fs::create_directories(some.path / "bigin-mail");
  fs::create_directories(some.path / "whippy-email");
  fs::copy_file(kFixtures + "/bigin-mail/the-documented-request-is-accepted.json",
                some.path / "bigin-mail" / "the-documented-request-is-accepted.json");
  CliRun alone = conform_cli("replay --target " + mock.url() + " --fixtures " + some.path.string() +
                             " --api whippy-email");
  EXPECT_EQ(alone.exit_code, 2);
  expect_said(alone,
              "whippy-email has no request fixture under " + (some.path / "whippy-email").string());
  CliRun all = conform_cli("replay --target " + mock.url() + " --fixtures " + some.path.string());
  EXPECT_EQ(all.exit_code, 0) << all.output;
  expect_said(all, "whippy-email has no request fixture under " +
                       (some.path / "whippy-email").string() +
                       "; only generated probes run for it (1), built on a valid body generated "
                       "from its request schema");
  expect_said(
      all, (some.path / "bigin-mail").string() + " replaces the built-in fixtures of bigin-mail");
  EXPECT_EQ(all.output.find("bigin-mail has no request fixture"), std::string::npos) << all.output;
  CliRun listed =
      conform_cli("replay --list-cases --api bigin-mail --fixtures " + some.path.string());
  expect_said(listed, "bigin-mail/the-documented-request-is-accepted");
  EXPECT_EQ(listed.output.find("bigin-mail/a-mail-without-from-is-rejected"), std::string::npos)
      << listed.output;
}

TEST(RunGate, AnApiWithoutFixturesRunsItsGeneratedProbesOnAGeneratedBodyAndTheyPass) {
  MockServer mock;
  mock.start({});
  Scratch some("probes");
  fs::create_directories(some.path / "bigin-mail");
  fs::create_directories(some.path / "capillary-message");
  fs::copy_file(kFixtures + "/bigin-mail/the-documented-request-is-accepted.json",
                some.path / "bigin-mail" / "the-documented-request-is-accepted.json");
  std::string apis = " --api bigin-mail --api capillary-message --fixtures " + some.path.string();
  CliRun listed = conform_cli("replay --list-cases" + apis);
  for (const char* probe : {"probe-channel-SMS-is-accepted", "probe-no-channel-defaults-to-sms",
                            "probe-a-request-without-credentials-is-refused"})
    expect_said(listed, std::string("capillary-message/") + probe);
  Scratch out("probes-report");
  CliRun run = conform_cli("replay --target " + mock.url() + " --report-cases all --report json:" +
                           (out.path / "r.json").string() + apis);
  EXPECT_EQ(run.exit_code, 0) << run.output.substr(0, 3000);
  expect_said(run, "capillary-message has no request fixture under " +
                       (some.path / "capillary-message").string() +
                       "; only generated probes run for it (4)");
  std::string report = read_all(out.path / "r.json");
  EXPECT_NE(report.find("capillary-message/probe-no-channel-defaults-to-sms"), std::string::npos)
      << report.substr(0, 2000);
  MockServer faulty;
  MockOptions faults;
  faults.faults = {"ignore-auth", "channel-case-sensitive"};
  faulty.start(faults);
  CliRun caught = conform_cli("replay --target " + faulty.url() + apis);
  EXPECT_EQ(caught.exit_code, 1) << caught.output.substr(0, 3000);
  expect_said(caught, "FAIL capillary-message/probe-a-request-without-credentials-is-refused");
  expect_said(caught, "FAIL capillary-message/probe-channel-SMS-is-accepted");
}

TEST(RunGate, ValidatingAnEmptyFixtureFolderAndFuzzingNoCaseAreExitTwo) {
  Scratch empty("validate");
  CliRun validate = conform_cli("validate --api bigin-mail --fixtures " + empty.path.string());
  EXPECT_EQ(validate.exit_code, 2);
  expect_said(validate, "no fixture under " + empty.path.string());
  MockServer mock;
  mock.start({});
  CliRun fuzz = conform_cli("fuzz --target " + mock.url() + " --cases 0 --no-coverage");
  EXPECT_EQ(fuzz.exit_code, 2);
  expect_said(fuzz, "no case to run: --cases 0 with --no-coverage");
}

TEST(RunGate, EveryValidRequestAnsweredWith404HintsAtThePathPrefix) {
  MockServer mock;
  mock.start({});
  CliRun wrong =
      conform_cli("replay --target " + mock.url() + "/v2 --api bigin-mail --fixtures " + kFixtures);
  EXPECT_EQ(wrong.exit_code, 1);
  expect_said(wrong, "hint: every valid request of bigin-mail (");
  expect_said(wrong, "got 404 from " + mock.url() + "/v2: is the target's path prefix right?");
  CliRun right =
      conform_cli("replay --target " + mock.url() + " --api bigin-mail --fixtures " + kFixtures);
  EXPECT_EQ(right.exit_code, 0) << right.output;
  EXPECT_EQ(right.output.find("hint:"), std::string::npos) << right.output;
}

TEST(RunGate, AReportOnStandardOutputLeavesTheConsoleOnStderr) {
  MockServer mock;
  mock.start({});
  Scratch dir("stdout");
  fs::path out = dir.path / "out.json", err = dir.path / "err.txt";
  CliRun run =
      test::run_shell(std::string(CONFORM_BINARY) + " replay --target " + mock.url() +
                      " --api whippy-email --fixtures " + kFixtures + " --report json:- > " +
                      out.string() + " 2> " + err.string() + "; echo $?");
  EXPECT_EQ(run.output, "0\n");
  nlohmann::json report = nlohmann::json::parse(read_all(out));  // stdout holds the report alone
  EXPECT_TRUE(report["complete"].get<bool>());
  EXPECT_GT(report["summary"]["total"].get<size_t>(), 0u);
  EXPECT_NE(read_all(err).find(" passed, 0 failed"), std::string::npos) << read_all(err);
  EXPECT_FALSE(fs::exists(fs::path("-.ndjson")));
  CliRun two = conform_cli("replay --target " + mock.url() + " --fixtures " + kFixtures +
                           " --report json:- --report md:-");
  EXPECT_EQ(two.exit_code, 2);
  expect_said(two, "only one --report may go to standard output (-)");
}

/// A long fuzz run stopped by `signal` after 2 s: the exit code, the console and every report.
void expect_a_clean_interrupt(const char* signal, int exit_code) {
  MockServer mock;
  mock.start({});
  Scratch dir(std::string("interrupt-") + signal);
  fs::path json = dir.path / "run.json", junit = dir.path / "run.xml", html = dir.path / "run.html";
  fs::path console = dir.path / "console.txt";
  // stdout goes to a file, as in CI: what was printed must be there after the signal. The
  // outer timeout only guards the test against a run that ignores the signal.
  CliRun run =
      test::run_shell("timeout 120 timeout --preserve-status -s " + std::string(signal) + " 2 " +
                      std::string(CONFORM_BINARY) + " fuzz --target " + mock.url() +
                      " --cases 2000000 --seed 5 --report json:" + json.string() +
                      " --report junit:" + junit.string() + " --report html:" + html.string() +
                      " 2>&1 > " + console.string());
  const std::string name = std::string("SIG") + signal;
  EXPECT_EQ(run.exit_code, exit_code) << run.output;
  expect_said(run, "interrupted; failures are not shrunk");
  std::string printed = read_all(console);
  EXPECT_NE(printed.find("INTERRUPTED by " + name + " after "), std::string::npos) << printed;
  EXPECT_NE(printed.find(" passed, "), std::string::npos) << printed;
  nlohmann::json report = nlohmann::json::parse(read_all(json));
  EXPECT_FALSE(report["complete"].get<bool>());
  EXPECT_FALSE(report["summary"]["passed"].get<bool>());
  EXPECT_EQ(report["runs"][0]["interrupted"]["signal"], name);
  size_t ran = report["summary"]["total"].get<size_t>();
  EXPECT_GT(ran, 0u);
  EXPECT_LT(ran, report["runs"][0]["interrupted"]["planned_cases"].get<size_t>());
  size_t unlisted = 0;  // fuzz lists only the cases that are not PASS
  for (const auto& group : report.value("passing_cases", nlohmann::json::array()))
    unlisted += group["cases"].get<size_t>();
  EXPECT_EQ(report["cases"].size() + unlisted, ran);
  std::string xml = read_all(junit);
  EXPECT_NE(xml.find("type=\"INTERRUPTED\""), std::string::npos) << xml.substr(0, 500);
  EXPECT_NE(xml.find("interrupted by " + name), std::string::npos);
  EXPECT_NE(read_all(html).find("The run was interrupted by " + name), std::string::npos);
}

TEST(RunGate, SigintStopsTheRunWritesEveryReportMarkedInterruptedAndExits130) {
  expect_a_clean_interrupt("INT", 130);
}

TEST(RunGate, SigtermFromACiTimeoutStillLeavesTheJunitFileAndExits143) {
  expect_a_clean_interrupt("TERM", 143);
}

}  // namespace
}  // namespace conform

namespace conform {
namespace {

TEST(RunGate, TheVersionIsWrittenOnceInCMakeAndHelpTellsOfIt) {
  std::ifstream cmake(std::string(CONFORM_SOURCE_DIR) + "/CMakeLists.txt");
  std::string text((std::istreambuf_iterator<char>(cmake)), std::istreambuf_iterator<char>());
  std::smatch found;
  ASSERT_TRUE(std::regex_search(text, found, std::regex("project\\(conform VERSION ([0-9.]+)")));
  CliRun version = conform_cli("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output, "conform " + found[1].str() + "\n");
  CliRun help = conform_cli("--help");
  EXPECT_NE(help.output.find("conform --version"), std::string::npos) << help.output;
}

}  // namespace
}  // namespace conform
