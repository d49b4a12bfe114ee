// Politeness through the real `conform` binary: --rate-limit, 429/503 and REFUSED,
// --allow-refused, --max-failures, against loopback gateways in front of the reference mock.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "gateway.hpp"
#include "mock/mock_server.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;
using test::CliRun;
using test::conform_cli;
using test::count_before;
using test::Gateway;

std::string read_all(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The cases a finished run counted: the N of "(N cases in".
long cases_run(const CliRun& run) {
  return count_before(run.output, "cases in");
}

bool answer_always_429(size_t, const httplib::Request&, httplib::Response& res) {
  test::answer_429(res, "1");
  return true;
}

TEST(PoliteCli, BadRateLimitsAreUsageErrorsNamingTheFlag) {
  for (const char* bad : {"5", "0/s", "x/s", "5/d"}) {
    for (const char* command : {"replay", "fuzz"}) {
      CliRun run = conform_cli(
          std::string(command) + " --target http://127.0.0.1:9 --rate-limit " + bad, 60);
      EXPECT_EQ(run.exit_code, 2) << command << " " << bad << "\n" << run.output;
      EXPECT_NE(run.output.find("--rate-limit"), std::string::npos) << run.output;
    }
  }
  CliRun negative = conform_cli("replay --target http://127.0.0.1:9 --request-retries 11", 60);
  EXPECT_EQ(negative.exit_code, 2) << negative.output;
  EXPECT_NE(negative.output.find("--request-retries"), std::string::npos) << negative.output;
}

TEST(PoliteCli, HelpNamesThePolitenessFlags) {
  for (const char* command : {"replay", "fuzz"}) {
    CliRun run = conform_cli(std::string(command) + " --help", 60);
    EXPECT_EQ(run.exit_code, 0);
    for (const char* flag :
         {"--rate-limit", "--max-retry-wait", "--request-retries", "--allow-refused"}) {
      EXPECT_NE(run.output.find(flag), std::string::npos) << command << " " << flag;
    }
  }
}

TEST(PoliteCli, Two429sThenTheRealVerdict) {
  MockServer mock;
  int port = mock.start({});
  Gateway gateway(
      [](size_t n, const httplib::Request&, httplib::Response& res) {
        if (n > 2) return false;
        test::answer_429(res, "1");
        return true;
      },
      port);
  CliRun run =
      conform_cli("replay --target " + gateway.url() + " --api whippy-email --jobs 1", 120);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("refused"), std::string::npos) << run.output;
  ASSERT_GT(cases_run(run), 0) << run.output;
  EXPECT_EQ(gateway.requests(),
            static_cast<size_t>(cases_run(run)) + 2);  // the first case was sent 3 times
}

TEST(PoliteCli, A429ForeverIsRefusedFailsTheGateAndEnds) {
  Gateway gateway(answer_always_429, 0);
  fs::path dir = fs::temp_directory_path() / ("conform-polite-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  CliRun run =
      conform_cli("replay --target " + gateway.url() +
                      " --api whippy-email --jobs 4 --max-retry-wait 1 --report json:" +
                      (dir / "r.json").string() + " --report junit:" + (dir / "r.xml").string(),
                  120);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(count_before(run.output, "passed,"), 0) << run.output;
  EXPECT_EQ(count_before(run.output, "failed,"), 0) << run.output;
  EXPECT_EQ(count_before(run.output, "refused"), cases_run(run)) << run.output;
  EXPECT_NE(run.output.find("REFUSED: "), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("cases in a row were refused"), std::string::npos) << run.output;
  // Each case sends two requests (one Retry-After: 1 wait fits in 1 s). The breaker trips at the
  // third refused case; at most the other 3 workers' cases are then in flight: 6 cases at most.
  EXPECT_LE(gateway.requests(), 2u * (3 + 3));
  std::string json = read_all(dir / "r.json");
  EXPECT_NE(json.find("\"REFUSED\""), std::string::npos);
  EXPECT_NE(read_all(dir / "r.xml").find("type=\"REFUSED\""), std::string::npos);
  // The report passes its schema (render refuses one that does not) and every view names REFUSED.
  for (const char* format : {"md", "html"}) {
    CliRun rendered = conform_cli(
        "report render --format " + std::string(format) + " " + (dir / "r.json").string(), 60);
    EXPECT_EQ(rendered.exit_code, 0) << rendered.output.substr(0, 2000);
    EXPECT_NE(rendered.output.find("REFUSED"), std::string::npos) << format;
  }
  fs::remove_all(dir);

  CliRun allowed = conform_cli(
      "replay --target " + gateway.url() + " --api whippy-email --max-retry-wait 1 --allow-refused",
      120);
  EXPECT_EQ(allowed.exit_code, 0) << allowed.output;
  EXPECT_NE(allowed.output.find("allowed by --allow-refused"), std::string::npos) << allowed.output;
}

TEST(PoliteCli, FuzzCountsRefusedCasesAndDoesNotShrinkThem) {
  Gateway gateway(answer_always_429, 0);
  CliRun run = conform_cli("fuzz --target " + gateway.url() +
                               " --api whippy-email --cases 5 --no-coverage --jobs 1 "
                               "--max-retry-wait 0 --seed 1",
                           120);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(count_before(run.output, "refused"), 5) << run.output;
  EXPECT_EQ(gateway.requests(), 3u);  // the breaker: three refused, then nothing, and no shrinking
}

TEST(PoliteCli, RateLimitSpacesTheRequestsAtTheServer) {
  MockServer mock;
  int port = mock.start({});
  Gateway gateway([](size_t, const httplib::Request&, httplib::Response&) { return false; }, port);
  CliRun run = conform_cli(
      "replay --target " + gateway.url() + " --api whippy-email --jobs 4 --rate-limit 5/s", 120);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  auto arrivals = gateway.arrivals();
  ASSERT_GE(arrivals.size(), 6u);
  // n requests at 5/s are 0.2 s apart: (n - 1) * 0.2 s from first to last; 0.8 of it allows jitter.
  auto least = std::chrono::milliseconds(static_cast<long>((arrivals.size() - 1) * 200 * 0.8));
  EXPECT_GE(arrivals.back() - arrivals.front(), least);
}

TEST(PoliteCli, MaxFailuresStopsReplayAndFuzz) {
  Gateway gateway(
      [](size_t, const httplib::Request&, httplib::Response& res) {
        res.status = 500;
        res.set_content(R"({"error":"boom"})", "application/json");
        return true;
      },
      0);
  CliRun replay = conform_cli(
      "replay --target " + gateway.url() + " --api whippy-email --jobs 1 --max-failures 2", 120);
  EXPECT_EQ(replay.exit_code, 1) << replay.output;
  EXPECT_NE(replay.output.find("STOPPED at 2 failing cases"), std::string::npos) << replay.output;
  EXPECT_EQ(cases_run(replay), 2) << replay.output;
  CliRun fuzz = conform_cli("fuzz --target " + gateway.url() +
                                " --api whippy-email --cases 50 --no-coverage --jobs 1 "
                                "--max-failures 2 --max-shrinks 0 --seed 1",
                            120);
  EXPECT_EQ(fuzz.exit_code, 1) << fuzz.output;
  EXPECT_NE(fuzz.output.find("STOPPED at 2 failing cases"), std::string::npos) << fuzz.output;
}

TEST(PoliteCli, AllowedRefusedCasesPassTheReportsAndTheMergeGateAsTheyPassTheExitCode) {
  Gateway gateway(answer_always_429, 0);
  fs::path dir = fs::temp_directory_path() / ("conform-polite-allow-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto run_to = [&](const std::string& name, const std::string& extra) {
    return conform_cli("replay --target " + gateway.url() +
                           " --api whippy-email --max-retry-wait 1 --report json:" +
                           (dir / (name + ".json")).string() +
                           " --report junit:" + (dir / (name + ".xml")).string() + extra,
                       120);
  };
  CliRun allowed = run_to("allowed", " --allow-refused");
  EXPECT_EQ(allowed.exit_code, 0) << allowed.output;
  nlohmann::json report = nlohmann::json::parse(read_all(dir / "allowed.json"));
  EXPECT_EQ(report["summary"]["passed"], true) << report["summary"].dump();
  EXPECT_GT(report["summary"]["counts"]["REFUSED"].get<size_t>(), 0u);
  EXPECT_EQ(report["runs"][0]["allow_refused"], true);
  for (const auto& entry : report["cases"]) {
    if (entry["outcome"] == "REFUSED") {
      EXPECT_EQ(entry.value("refused_allowed", false), true);
    }
  }
  std::string junit = read_all(dir / "allowed.xml");
  EXPECT_EQ(junit.find("type=\"REFUSED\""), std::string::npos) << junit.substr(0, 2000);
  EXPECT_NE(junit.find("<skipped message=\"REFUSED (allowed by --allow-refused)"),
            std::string::npos)
      << junit.substr(0, 2000);
  CliRun merged = conform_cli("report merge " + (dir / "allowed.json").string() + " -o " +
                                  (dir / "merged.json").string() + " --gate",
                              60);
  EXPECT_EQ(merged.exit_code, 0) << merged.output;

  CliRun refused = run_to("refused", "");
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  nlohmann::json failing = nlohmann::json::parse(read_all(dir / "refused.json"));
  EXPECT_EQ(failing["summary"]["passed"], false);
  EXPECT_EQ(failing["runs"][0]["allow_refused"], false);
  CliRun gate = conform_cli("report merge " + (dir / "refused.json").string() + " -o " +
                                (dir / "merged2.json").string() + " --gate",
                            60);
  EXPECT_EQ(gate.exit_code, 1) << gate.output;
  EXPECT_NE(gate.output.find(" REFUSED of "), std::string::npos) << gate.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace conform
