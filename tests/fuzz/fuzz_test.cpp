// conform fuzz against the reference mock: clean passes, every reachable fault is caught with a
// shrunk counterexample, seeds reproduce, and saved failures replay as fixtures.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/judge.hpp"
#include "http/http_transport.hpp"
#include "mock/faults.hpp"
#include "mock/mock_server.hpp"
#include "properties/fuzz_cases.hpp"
#include "properties/mutators.hpp"
#include "properties/value_generators.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

using test::CliRun;
using test::conform_cli;
using test::count_before;

/// Faults no generated request can reach, and why: fuzzing sends JSON bodies to the documented
/// paths with lower-case channels, so these are replay's to catch (its probes do).
const std::set<std::string> kUnreachable = {
    "server-error-on-malformed-json",  // fuzz never sends text that is not JSON
    "accept-unknown-module",           // path values come from the contract's examples
    "channel-case-sensitive",          // fuzz spells channels as the contract does
    "channel-default-email",           // fuzz always names the channel
};

/// Faults the random phase does not reliably reach in 300 cases, because each sits at one site
/// of one API: the coverage phase exists for them (a Genesys body without operationName; a long
/// or non-ASCII whippy sender_name; whippy's malformed sender_email, one of ~60 mutation sites).
const std::set<std::string> kCoverageOnly = {
    "genesys-operation-name-optional", "server-error-on-long-text", "whippy-sender-email-400"};

TEST(FuzzCli, TheCleanMockPassesAThousandCasesAfterTheCoveragePhase) {
  MockServer mock;
  mock.start(MockOptions{});
  CliRun run = conform_cli("fuzz --target " + mock.url() + " --cases 1000 --seed 1");
  EXPECT_EQ(run.exit_code, 0) << run.output.substr(0, 3000);
  EXPECT_NE(run.output.find(" 0 failed, "), std::string::npos) << run.output.substr(0, 3000);
  EXPECT_NE(run.output.find(" 0 error, 0 timeout"), std::string::npos);
  long coverage = count_before(run.output, "coverage-phase cases");
  EXPECT_GT(coverage, 300);
  EXPECT_EQ(count_before(run.output, "cases in"), coverage + 1000);
  // Every settled constraint of every request schema is broken by some negative case.
  size_t at = run.output.find("\ncoverage: ");
  ASSERT_NE(at, std::string::npos) << run.output.substr(0, 2000);
  unsigned long exercised = 0, total = 0;
  ASSERT_EQ(
      std::sscanf(run.output.c_str() + at, "\ncoverage: %lu of %lu settled", &exercised, &total),
      2);
  EXPECT_GT(total, 100u);
  EXPECT_EQ(exercised, total) << run.output.substr(at, 800);
}

TEST(FuzzCli, TheCoveragePhaseAloneCatchesEveryReachableFault) {
  for (const auto& fault : fault_table()) {
    if (kUnreachable.contains(fault.name)) continue;
    SCOPED_TRACE(fault.name);
    MockServer mock;
    MockOptions options;
    options.faults = {fault.name};
    options.slow_delay = std::chrono::milliseconds(300);
    mock.start(options);
    bool slow = std::string(fault.name) == "slow-responses";
    std::string flags =
        slow ? " --api genesys-email --max-response-time 250 --max-shrinks 0" : " --max-shrinks 0";
    CliRun run = conform_cli("fuzz --target " + mock.url() + " --seed 1 --cases 0" + flags);
    EXPECT_EQ(run.exit_code, 1) << run.output.substr(0, 2000);
    EXPECT_TRUE(test::names_failed_check(run.output, fault.expected_check))
        << run.output.substr(0, 3000);
  }
}

TEST(FuzzCli, EveryReachableFaultIsCaughtByItsCheckWithAShrunkCounterexample) {
  for (const auto& fault : fault_table()) {
    if (kUnreachable.contains(fault.name) || kCoverageOnly.contains(fault.name)) continue;
    SCOPED_TRACE(fault.name);
    MockServer mock;
    MockOptions options;
    options.faults = {fault.name};
    options.slow_delay = std::chrono::milliseconds(300);
    mock.start(options);
    bool slow = std::string(fault.name) == "slow-responses";
    std::string flags = slow ? " --cases 16 --max-response-time 250 --max-shrinks 3"
                             : " --cases 300 --max-shrinks 30";
    CliRun run = conform_cli("fuzz --target " + mock.url() + " --seed 1 --no-coverage" + flags);
    EXPECT_EQ(run.exit_code, 1) << run.output.substr(0, 2000);
    EXPECT_TRUE(test::names_failed_check(run.output, fault.expected_check))
        << run.output.substr(0, 3000);
    EXPECT_NE(run.output.find("minimal body (shrunk in "), std::string::npos)
        << run.output.substr(0, 3000);
    EXPECT_NE(run.output.find("\n  reproduce: curl "), std::string::npos);
  }
}

TEST(FuzzCli, TheSameSeedSendsTheSameCases) {
  Catalog catalog = Catalog::load(embedded_schema_source());
  auto targets = fuzz_targets(catalog, {}, {});
  auto first = plan_fuzz_cases(targets, 42, 200);
  auto again = plan_fuzz_cases(targets, 42, 200);
  auto other = plan_fuzz_cases(targets, 43, 200);
  ASSERT_EQ(first.size(), 200u);
  size_t differing = 0;
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].replay.id, again[i].replay.id);
    EXPECT_EQ(first[i].replay.request.body, again[i].replay.request.body);
    differing += first[i].replay.request.body != other[i].replay.request.body ? 1 : 0;
  }
  EXPECT_GT(differing, 100u);
}

TEST(FuzzCli, TwoShardsTogetherRunEveryCaseOnce) {
  MockServer mock;
  mock.start(MockOptions{});
  CliRun first = conform_cli("fuzz --target " + mock.url() + " --cases 300 --seed 3 --shard 1/2");
  CliRun second = conform_cli("fuzz --target " + mock.url() + " --cases 300 --seed 3 --shard 2/2");
  ASSERT_EQ(first.exit_code, 0) << first.output.substr(0, 2000);
  ASSERT_EQ(second.exit_code, 0) << second.output.substr(0, 2000);
  long a = count_before(first.output, "cases in"), b = count_before(second.output, "cases in");
  EXPECT_GT(a, 0);
  EXPECT_GT(b, 0);
  EXPECT_EQ(a + b, count_before(first.output, "coverage-phase cases") + 300)
      << first.output.substr(0, 500) << second.output.substr(0, 500);
}

TEST(FuzzCli, SavedFailuresReplayAsRegressionFixtures) {
  fs::path dir = fs::temp_directory_path() / ("conform-fuzz-saved-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  MockServer faulty;
  MockOptions options;
  options.faults = {"accept-invalid"};
  faulty.start(options);
  CliRun fuzz =
      conform_cli("fuzz --target " + faulty.url() +
                  " --cases 120 --seed 7 --max-shrinks 10 --save-failures " + dir.string());
  ASSERT_EQ(fuzz.exit_code, 1) << fuzz.output.substr(0, 2000);
  size_t saved = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    saved += entry.is_regular_file() ? 1 : 0;
  ASSERT_GT(saved, 0u);
  CliRun agree = conform_cli("validate --fixtures " + dir.string());
  EXPECT_EQ(agree.exit_code, 0) << agree.output;
  CliRun again = conform_cli("replay --target " + faulty.url() + " --fixtures " + dir.string());
  EXPECT_EQ(again.exit_code, 1) << again.output.substr(0, 2000);
  MockServer clean;
  clean.start(MockOptions{});
  CliRun fixed = conform_cli("replay --target " + clean.url() + " --fixtures " + dir.string());
  EXPECT_EQ(fixed.exit_code, 0) << fixed.output.substr(0, 2000);
  fs::remove_all(dir);
}

/// Exit 2 for the reason named, not merely because the target is unreachable.
void expect_usage_error(const std::string& arguments, const std::string& reason) {
  CliRun run = conform_cli(arguments);
  EXPECT_EQ(run.exit_code, 2) << arguments << "\n" << run.output;
  EXPECT_NE(run.output.find(reason), std::string::npos) << arguments << "\n" << run.output;
}

TEST(FuzzCli, UsageErrorsExitTwoAndSayWhy) {
  expect_usage_error("fuzz", "--target URL is required");
  expect_usage_error("fuzz --target http://127.0.0.1:1 --cases 5",
                     "cannot reach http://127.0.0.1:1");
  expect_usage_error(
      "fuzz --target http://127.0.0.1:1 --seed minus-one",
      "--seed: must be a whole number from 0 to 18446744073709551615, got 'minus-one'");
  // Numbers are parsed strictly: no wrap-around, no silent truncation, true bounds in the message.
  expect_usage_error("fuzz --target http://127.0.0.1:1 --seed -1",
                     "--seed: must be a whole number from 0 to 18446744073709551615, got '-1'");
  expect_usage_error("fuzz --target http://127.0.0.1:1 --cases 2.7",
                     "--cases: must be a whole number from 0 to 10000000, got '2.7'");
  expect_usage_error("fuzz --target http://127.0.0.1:1 --jobs 1.9",
                     "--jobs: must be a whole number from 1 to 256, got '1.9'");
  expect_usage_error("fuzz --target http://127.0.0.1:1 --timeout 0.04",
                     "--timeout: must be a number from 0.05 to 3600, got '0.04'");
  expect_usage_error("mock --port -1", "--port: must be a whole number from 0 to 65535, got '-1'");
  expect_usage_error("fuzz --target http://127.0.0.1:1 --api nope", "unknown api 'nope'");
}

/// A clean mock and an HTTP transport to it, shared by the properties below.
struct LiveMock {
  MockServer mock;
  std::unique_ptr<HttpTransportFactory> http;
  Catalog catalog = Catalog::load(embedded_schema_source());
  std::vector<FuzzTarget> targets;
  LiveMock() {
    int port = mock.start(MockOptions{});
    http = std::make_unique<HttpTransportFactory>(HttpSettings{Target{"127.0.0.1", port, ""}, 5});
    targets = fuzz_targets(catalog, {}, {});
  }
};

LiveMock& live_mock() {
  static LiveMock live;
  return live;
}

CaseResult send_generated(FuzzVariant variant, bool* settled = nullptr) {
  LiveMock& live = live_mock();
  size_t index = *rc::gen::inRange<size_t>(0, live.targets.size());
  FuzzCase c;
  c.target = index;
  c.seed = *rc::gen::arbitrary<uint64_t>();
  c.size = *rc::gen::inRange(0, 100);
  c.variant = variant;
  c.pick = *rc::gen::inRange<size_t>(0, 1000);
  auto built = rebuild_fuzz_case(live.targets[index], c, regenerate_value(live.targets[index], c));
  RC_PRE(built.has_value());
  if (settled) *settled = built->settled;
  auto transport = live.http->make();
  Exchange exchange = transport->send(built->replay.id, built->replay.request);
  return judge(*live.targets[index].api, built->replay, exchange, JudgeSettings{});
}

std::string explain(const CaseResult& r) {
  std::string out = std::string(outcome_name(r.outcome)) + " " + r.note;
  for (const auto& f : r.failures) out += "\n  " + f.check + ": " + f.message;
  return out;
}

RC_GTEST_PROP(FuzzAgainstTheMock, AValidCaseGetsA2xxAndAConformingResponse, ()) {
  CaseResult r = send_generated(FuzzVariant::valid);
  if (r.outcome != Outcome::pass) RC_FAIL(explain(r));
}

RC_GTEST_PROP(FuzzAgainstTheMock, AMutantIsRejectedWithTheApisRejectionSemantics, ()) {
  bool settled = true;
  CaseResult r = send_generated(FuzzVariant::mutant, &settled);
  RC_CLASSIFY(settled, "a settled constraint broken");
  // A settled mutant must be rejected; a mutant of an open point is observed at worst.
  bool fine = r.outcome == Outcome::pass || (!settled && r.outcome == Outcome::observed);
  if (!fine) RC_FAIL(explain(r));
}

RC_GTEST_PROP(FuzzAgainstTheMock, NoProbeEverGetsA5xx, ()) {
  CaseResult r = send_generated(FuzzVariant::probe);
  RC_ASSERT(r.exchange && r.exchange->response);
  RC_ASSERT(r.exchange->response->status < 500);
}

RC_GTEST_PROP(FuzzAgainstTheMock, ACaseWithoutCredentialsGets401Or403, ()) {
  CaseResult r = send_generated(FuzzVariant::anonymous);
  RC_ASSERT(r.exchange && r.exchange->response);
  int status = r.exchange->response->status;
  RC_ASSERT(status == 401 || status == 403);
}

}  // namespace
}  // namespace conform
