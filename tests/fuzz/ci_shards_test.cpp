/// Scale-out through CI: `report merge --gate` as the merge job's verdict, and scripts/ci-shards
/// (the mock, N fuzz shards in parallel, the merge job) run for real against the binary.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>

#include "mock/mock_server.hpp"
#include "report/report_builder.hpp"
#include "report/report_io.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// A fresh directory under the build tree for one test's files.
fs::path scratch_dir(const std::string& name) {
  auto dir = fs::path(CONFORM_BUILD_DIR) / "ci-shards-tests" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// The whole text of a file ("" if unreadable).
std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// A replay run against one target as shard `shard` (seed 20260501), as a report holds it.
RunInfo shard_run(const std::string& shard) {
  RunInfo info;
  info.tool_version = "0.1.0";
  info.target = "http://127.0.0.1:8080/api";
  info.mode = "replay";
  info.seed = 20260501;
  info.shard = shard;
  info.started_at = "2026-05-01T10:00:00Z";
  info.contract_hashes["whippy-email"] = "sha256:whippy-email";
  return info;
}

/// A case of whippy-email named after its shard, with this outcome.
CaseResult shard_case(const std::string& shard, const std::string& name, Outcome outcome) {
  CaseResult result;
  result.id = "whippy-email/" + name + "#" + shard;
  result.api = "whippy-email";
  result.outcome = outcome;
  result.checks = {"not_a_server_error"};
  return result;
}

/// The finished report of shard `shard`: two passing cases, then these outcomes; with `stopped`,
/// a signal stopped it.
json shard_report(const std::string& shard, std::vector<Outcome> more = {}, int stopped = 0) {
  ReportBuilder builder;
  builder.start(shard_run(shard));
  builder.add(shard_case(shard, "a", Outcome::pass));
  builder.add(shard_case(shard, "b", Outcome::observed));
  for (size_t i = 0; i < more.size(); ++i)
    builder.add(shard_case(shard, "more-" + std::to_string(i), more[i]));
  RunSummary summary;
  summary.interrupted_by = stopped;
  builder.finish(summary);
  return builder.report();
}

/// Writes the reports to DIR and runs `conform report merge them... -o DIR/merged.json --gate`.
test::CliRun merge_gate(const fs::path& dir, const std::vector<json>& reports) {
  std::string files;
  for (size_t i = 0; i < reports.size(); ++i) {
    const fs::path file = dir / ("r" + std::to_string(i) + ".json");
    std::ofstream(file) << reports[i].dump();
    files += " " + file.string();
  }
  return test::conform_cli(
      "report merge" + files + " -o " + (dir / "merged.json").string() + " --gate", 60);
}

TEST(MergeGate, PassingShardsExitZeroAndAFailingCaseExitsOneWithTheReportWritten) {
  auto dir = scratch_dir("gate-pass");
  auto run = merge_gate(dir, {shard_report("1/2"), shard_report("2/2")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("the gate passes"), std::string::npos) << run.output;

  run = merge_gate(
      dir,
      {shard_report("1/2", {Outcome::xfail}),
       shard_report("2/2", {Outcome::fail, Outcome::xpass, Outcome::error, Outcome::timeout})});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("the gate fails:\n  1 FAIL, 1 XPASS, 1 ERROR, 1 TIMEOUT of 9 cases\n"),
            std::string::npos)
      << run.output;
  EXPECT_FALSE(read_report_file(dir / "merged.json")["summary"]["passed"].get<bool>());
  // Without --gate, merge keeps its old exit code: 0 when written.
  run = test::conform_cli("report merge " + (dir / "r0.json").string() + " " +
                              (dir / "r1.json").string() + " -o " + (dir / "plain.json").string(),
                          60);
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST(MergeGate, AMissingShardOrShardsOfTwoSeedsFailTheGate) {
  auto dir = scratch_dir("gate-shards");
  auto run = merge_gate(dir, {shard_report("1/4"), shard_report("3/4")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(
      run.output.find(
          "replay against http://127.0.0.1:8080/api in 4 shards: 2 shard(s) missing (2/4, 4/4)"),
      std::string::npos)
      << run.output;

  json other_seed = shard_report("2/2");
  other_seed["runs"][0]["seed"] = 99;
  run = merge_gate(dir, {shard_report("1/2"), other_seed});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("the shards ran with different seeds (20260501, 99)"),
            std::string::npos)
      << run.output;
}

TEST(MergeGate, AStoppedShardFailsTheGateAndNoCaseIsExitTwo) {
  auto dir = scratch_dir("gate-stopped");
  auto run = merge_gate(dir, {shard_report("1/2"), shard_report("2/2", {}, SIGTERM)});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("replay 2/2 was stopped by SIGTERM"), std::string::npos) << run.output;

  ReportBuilder empty;
  empty.start(shard_run("1/1"));
  empty.finish(RunSummary{});
  run = merge_gate(dir, {empty.report()});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("nothing to judge"), std::string::npos) << run.output;
}

// --- scripts/ci-shards, through the real script and binary ------------------------------------

/// Runs `scripts/ci-shards ARGS` with its reports in OUT_DIR and extra environment ENV.
test::CliRun ci_shards(const fs::path& out_dir, const std::string& args,
                       const std::string& env = "") {
  return test::run_shell("cd " + std::string(CONFORM_SOURCE_DIR) + " && " + env +
                         " CONFORM=" + CONFORM_BINARY + " OUT_DIR=" + out_dir.string() +
                         " timeout 600 scripts/ci-shards " + args + " 2>&1");
}

/// case id → outcome, for every case of a report.
std::map<std::string, std::string> outcomes(const json& report) {
  std::map<std::string, std::string> by_id;
  for (const auto& entry : report["cases"])
    by_id[entry["id"].get<std::string>()] = entry["outcome"];
  return by_id;
}

/// The same fuzz run unsharded, against an in-process mock with `faults`.
json unsharded_run(const fs::path& dir, const std::string& flags,
                   std::vector<std::string> faults = {}) {
  MockServer mock;
  MockOptions options;
  options.faults = std::move(faults);
  mock.start(options);
  const fs::path file = dir / "unsharded.json";
  auto run = test::conform_cli("fuzz --target " + mock.url() + " " + flags +
                               " --report json:" + file.string());
  EXPECT_LE(run.exit_code, 1) << run.output.substr(0, 2000);
  return read_report_file(file);
}

/// The URL of the mock the script said it started.
std::string mock_url(const std::string& output) {
  std::smatch match;
  std::regex pattern("ci-shards: mock at (http://127\\.0\\.0\\.1:[0-9]+)");
  return std::regex_search(output, match, pattern) ? match[1].str() : "";
}

/// True when something still accepts connections at URL's port.
bool answers(const std::string& url) {
  const std::string port = url.substr(url.rfind(':') + 1);
  return test::run_shell("bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + port + "' 2>/dev/null")
             .exit_code == 0;
}

TEST(CiShards, ThreeShardsMergeIntoTheUnshardedRunCaseForCase) {
  auto dir = scratch_dir("ci-shards-clean");
  auto run = ci_shards(dir / "shards", "3 --seed 7 --cases 300 --report-cases all");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* file : {"merged.json", "merged.xml", "merged.md", "merged.html"}) {
    EXPECT_GT(fs::file_size(dir / "shards" / file), 500u) << file;
  }
  json merged = read_report_file(dir / "shards" / "merged.json");
  ASSERT_EQ(merged["runs"].size(), 3u);
  for (size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(merged["runs"][k]["shard"], std::to_string(k + 1) + "/3");
    EXPECT_EQ(merged["runs"][k]["seed"], 7);
  }
  json single = unsharded_run(dir, "--seed 7 --cases 300 --report-cases all");
  auto sharded = outcomes(merged), whole = outcomes(single);
  EXPECT_GT(whole.size(), 300u);
  EXPECT_EQ(sharded, whole) << "the shards together ran the unsharded run, case for case";
  EXPECT_TRUE(merged["summary"]["passed"].get<bool>());
  EXPECT_EQ(merged["summary"]["counts"], single["summary"]["counts"]);
  EXPECT_FALSE(answers(mock_url(run.output))) << "the script left its mock running";
}

TEST(CiShards, AFaultyMockFailsTheMergedGateWithTheUnshardedRunsOutcomes) {
  auto dir = scratch_dir("ci-shards-fault");
  auto run = ci_shards(dir / "shards", "3 --seed 7 --cases 300 --max-shrinks 20 --report-cases all",
                       "MOCK_ARGS='--fault server-error-on-invalid'");
  ASSERT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("the gate fails:"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("gate exit 1"), std::string::npos) << run.output;
  EXPECT_GT(fs::file_size(dir / "shards" / "merged.md"), 500u);
  json merged = read_report_file(dir / "shards" / "merged.json");
  json single = unsharded_run(dir, "--seed 7 --cases 300 --max-shrinks 20 --report-cases all",
                              {"server-error-on-invalid"});
  EXPECT_EQ(outcomes(merged), outcomes(single));
  EXPECT_GT(merged["summary"]["counts"]["FAIL"].get<size_t>(), 0u);
  EXPECT_FALSE(answers(mock_url(run.output)));
}

TEST(CiShards, UsageErrorsExitTwo) {
  auto dir = scratch_dir("ci-shards-usage");
  EXPECT_EQ(ci_shards(dir, "").exit_code, 2);
  EXPECT_EQ(ci_shards(dir, "zero").exit_code, 2);
  EXPECT_EQ(ci_shards(dir, "0").exit_code, 2);
  auto run = ci_shards(dir, "2 --target http://127.0.0.1:1");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("--target is the script's to set"), std::string::npos) << run.output;
  // A flag the shards refuse: every shard exits 2, nothing is merged, and the mock is stopped.
  run = ci_shards(dir, "2 --cases lots");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("a shard could not run; no merge"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(dir / "merged.json"));
  EXPECT_FALSE(answers(mock_url(run.output)));
  run = ci_shards(dir, "2 --cases 10", "MOCK_ARGS='--fault no-such-fault'");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("the mock did not start"), std::string::npos) << run.output;
}

TEST(CiShards, SigtermStopsTheShardsAndTheMock) {
  auto dir = scratch_dir("ci-shards-term");
  const std::string log = (dir / "script.log").string();
  // Start a long run, wait for the shards to be under way, then stop it as CI cancels a job: the
  // TERM goes to `timeout`, which passes it on to the script and then to its whole process group,
  // so the script gets it twice, while it cleans up.
  auto run = test::run_shell("cd " + std::string(CONFORM_SOURCE_DIR) +
                             " && (CONFORM=" + CONFORM_BINARY + " OUT_DIR=" + dir.string() +
                             " timeout 120 scripts/ci-shards 2 --seed 1 --cases 200000 > " + log +
                             " 2>&1 & pid=$!;"
                             " for _ in $(seq 100); do grep -q 'mock at' " +
                             log +
                             " && break; sleep 0.1; done; sleep 2;"
                             " kill -TERM $pid; wait $pid; echo \"script exit $?\")");
  std::string output = slurp(log);
  EXPECT_NE(run.output.find("script exit 143"), std::string::npos) << run.output << output;
  EXPECT_FALSE(answers(mock_url(output))) << output;
  for (const char* shard : {"shard-1.json", "shard-2.json"}) {
    ASSERT_TRUE(fs::exists(dir / shard)) << shard << "\n" << output;
    json report = read_report_file(dir / shard);
    EXPECT_TRUE(report["runs"][0].contains("interrupted")) << shard;
  }
  // No shard is left: "[j]son:" matches the shards' --report argument, not this pgrep's own.
  EXPECT_EQ(test::run_shell("pgrep -f '[j]son:" + dir.string() + "/shard-' >/dev/null").exit_code,
            1);
}

}  // namespace
}  // namespace conform
