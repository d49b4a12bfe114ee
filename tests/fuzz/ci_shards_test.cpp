/// Scale-out through CI: `report merge --gate` as the merge job's verdict.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "../common/cli_run.hpp"
#include "report/report_builder.hpp"
#include "report/report_io.hpp"

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
  for (size_t i = 0; i < more.size(); ++i) builder.add(shard_case(shard, "more-" + std::to_string(i), more[i]));
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
  return test::conform_cli("report merge" + files + " -o " + (dir / "merged.json").string() + " --gate", 60);
}

TEST(MergeGate, PassingShardsExitZeroAndAFailingCaseExitsOneWithTheReportWritten) {
  auto dir = scratch_dir("gate-pass");
  auto run = merge_gate(dir, {shard_report("1/2"), shard_report("2/2")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("the gate passes"), std::string::npos) << run.output;

  run = merge_gate(dir, {shard_report("1/2", {Outcome::xfail}),
                         shard_report("2/2", {Outcome::fail, Outcome::xpass, Outcome::error, Outcome::timeout})});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("the gate fails:\n  1 FAIL, 1 XPASS, 1 ERROR, 1 TIMEOUT of 9 cases\n"),
            std::string::npos)
      << run.output;
  EXPECT_FALSE(read_report_file(dir / "merged.json")["summary"]["passed"].get<bool>());
  // Without --gate, merge keeps its old exit code: 0 when written.
  run = test::conform_cli("report merge " + (dir / "r0.json").string() + " " + (dir / "r1.json").string() +
                          " -o " + (dir / "plain.json").string(), 60);
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST(MergeGate, AMissingShardOrShardsOfTwoSeedsFailTheGate) {
  auto dir = scratch_dir("gate-shards");
  auto run = merge_gate(dir, {shard_report("1/4"), shard_report("3/4")});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("replay against http://127.0.0.1:8080/api in 4 shards: 2 shard(s) missing (2/4, 4/4)"),
            std::string::npos)
      << run.output;

  json other_seed = shard_report("2/2");
  other_seed["runs"][0]["seed"] = 99;
  run = merge_gate(dir, {shard_report("1/2"), other_seed});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("the shards ran with different seeds (20260501, 99)"), std::string::npos) << run.output;
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

}  // namespace
}  // namespace conform
