/// `report merge` across shards and targets, and the `conform report` command line.
#include <gtest/gtest.h>

#include <fstream>

#include "report/report_builder.hpp"
#include "report/report_io.hpp"
#include "report/report_merge.hpp"
#include "report/report_schema.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace conform::test;

/// The report of the cases [first, last) of the samples, as shard `shard`.
json shard_report(size_t first, size_t last, const std::string& shard) {
  ReportBuilder builder;
  builder.start(sample_run_info("http://127.0.0.1:8080/api", shard));
  auto cases = sample_cases();
  for (size_t i = first; i < last; ++i) builder.add(cases[i]);
  builder.finish(RunSummary{});
  return builder.report();
}

std::string write(const std::filesystem::path& file, const json& report) {
  std::ofstream(file) << report.dump(2);
  return file.string();
}

TEST(ReportMerge, ShardsJoinIntoTheWholeRun) {
  const size_t total = sample_cases().size();
  json merged = merge_reports(
      {{"1", shard_report(0, 5, "1/2")}, {"2", shard_report(5, total, "2/2")}}, false);
  EXPECT_EQ(ReportSchema().problems(merged), std::vector<std::string>{});
  EXPECT_EQ(merged["runs"].size(), 2u);
  EXPECT_EQ(merged["cases"].size(), total);
  EXPECT_EQ(merged["summary"], sample_report()["summary"]);
  EXPECT_TRUE(merged["complete"].get<bool>());
  EXPECT_EQ(merged["requirements"], sample_report()["requirements"]);
}

/// Passing cases only, as shard `shard`; interrupted by SIGTERM when `stopped`.
json passing_shard(const std::string& shard, bool stopped, CaseListing listing) {
  ReportBuilder builder(listing);
  builder.start(sample_run_info("http://127.0.0.1:8080/api", shard));
  for (const auto& c : sample_cases()) {
    if (c.outcome == Outcome::pass) builder.add(c);
  }
  RunSummary summary;
  summary.interrupted_by = stopped ? 15 : 0;
  builder.finish(summary);
  return builder.report();
}

TEST(ReportMerge, AShardStoppedBySignalNeverMergesIntoAPass) {
  json clean = merge_reports({{"1", passing_shard("1/2", false, CaseListing::all)},
                              {"2", passing_shard("2/2", false, CaseListing::all)}},
                             true);
  EXPECT_TRUE(clean["summary"]["passed"].get<bool>());
  json stopped = merge_reports({{"1", passing_shard("1/2", false, CaseListing::all)},
                                {"2", passing_shard("2/2", true, CaseListing::all)}},
                               true);
  EXPECT_FALSE(stopped["summary"]["passed"].get<bool>())
      << "the stopped shard's cases passed, but not all of them ran";
}

TEST(ReportMerge, UnlistedPassingCasesAddUpAcrossShards) {
  json one = passing_shard("1/2", false, CaseListing::failing),
       two = passing_shard("2/2", false, CaseListing::failing);
  ASSERT_TRUE(one["cases"].empty());
  json merged = merge_reports({{"1", one}, {"2", two}}, true);
  EXPECT_EQ(ReportSchema().problems(merged), std::vector<std::string>{});
  EXPECT_EQ(merged["summary"]["total"], one["summary"]["total"].get<size_t>() * 2);
  EXPECT_EQ(merged["summary"]["counts"]["PASS"], merged["summary"]["total"]);
  size_t listed = 0;
  for (const auto& group : merged["passing_cases"]) listed += group["cases"].get<size_t>();
  EXPECT_EQ(listed, merged["summary"]["total"].get<size_t>());
}

TEST(ReportMerge, DifferentContractHashesAreRefusedUnlessForced) {
  json a = shard_report(0, 5, "1/2"), b = shard_report(5, 12, "2/2");
  b["runs"][0]["contract_hashes"]["bigin-mail"] = "sha256:changed";
  try {
    merge_reports({{"a.json", a}, {"b.json", b}}, false);
    FAIL() << "merge accepted different contract hashes";
  } catch (const MergeConflict& e) {
    EXPECT_NE(std::string(e.what()).find("bigin-mail"), std::string::npos) << e.what();
  }
  EXPECT_EQ(merge_reports({{"a.json", a}, {"b.json", b}}, true)["cases"].size(), 12u);
}

TEST(ReportMerge, TheSameCaseTwiceForOneTargetIsRefusedUnlessForced) {
  json a = shard_report(0, 5, "1/2"), b = shard_report(3, 8, "2/2");
  EXPECT_THROW(merge_reports({{"a", a}, {"b", b}}, false), MergeConflict);
  json forced = merge_reports({{"a", a}, {"b", b}}, true);
  EXPECT_EQ(forced["cases"].size(), 8u);
}

TEST(ReportMerge, RunsAgainstSeveralTargetsKeepEveryCase) {
  json merged =
      merge_reports({{"a", sample_report("http://a")}, {"b", sample_report("http://b")}}, false);
  EXPECT_EQ(merged["cases"].size(), 2 * sample_cases().size());
  EXPECT_EQ(ReportSchema().problems(merged), std::vector<std::string>{});
}

TEST(ReportCli, MergeAndRenderThroughTheBinary) {
  auto dir = scratch_dir("cli");
  const std::string a = write(dir / "a.json", shard_report(0, 5, "1/2"));
  const std::string b = write(dir / "b.json", shard_report(5, 12, "2/2"));
  const std::string bin = CONFORM_BINARY;
  std::string out;
  ASSERT_EQ(
      run_command(bin + " report merge " + a + " " + b + " -o " + (dir / "all.json").string(), out),
      0)
      << out;
  EXPECT_EQ(read_report_file(dir / "all.json")["cases"].size(), 12u);
  for (const char* format : {"junit", "md", "html"}) {
    const auto target = dir / (std::string("all.") + format);
    EXPECT_EQ(run_command(bin + " report render " + (dir / "all.json").string() + " --format " +
                              format + " -o " + target.string(),
                          out),
              0)
        << out;
    EXPECT_GT(std::filesystem::file_size(target), 500u) << format;
  }
  EXPECT_NE(slurp(dir / "all.html").find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(slurp(dir / "all.junit").find("<testsuites"), std::string::npos);
}

TEST(ReportCli, RefusalsAndBadInputExitTwo) {
  auto dir = scratch_dir("cli-refusals");
  json changed = shard_report(5, 12, "2/2");
  changed["runs"][0]["contract_hashes"]["whippy-email"] = "sha256:other";
  const std::string a = write(dir / "a.json", shard_report(0, 5, "1/2"));
  const std::string b = write(dir / "b.json", changed);
  const std::string bin = CONFORM_BINARY, out_file = (dir / "out.json").string();
  std::string out;
  EXPECT_EQ(run_command(bin + " report merge " + a + " " + b + " -o " + out_file, out), 2) << out;
  EXPECT_NE(out.find("--force"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(out_file));
  EXPECT_EQ(run_command(bin + " report merge " + a + " " + b + " -o " + out_file + " --force", out),
            0)
      << out;
  std::ofstream(dir / "bogus.json") << R"({"report_version": 1, "cases": []})";
  EXPECT_EQ(
      run_command(bin + " report render " + (dir / "bogus.json").string() + " --format md", out),
      2);
  EXPECT_NE(out.find("not a conform report"), std::string::npos) << out;
  EXPECT_EQ(run_command(bin + " report render " + a + " --format pdf", out), 2);
  EXPECT_EQ(run_command(bin + " report --help", out), 0);
  EXPECT_NE(out.find("report merge IN.json"), std::string::npos);
}

TEST(ReportCli, AnEventStreamOfAKilledRunRenders) {
  auto dir = scratch_dir("cli-ndjson");
  ReportBuilder builder;
  std::ofstream stream(dir / "run.json.ndjson");
  stream << builder.start(sample_run_info("http://127.0.0.1:8080")).dump() << "\n";
  for (const auto& result : sample_cases()) stream << builder.add(result).dump() << "\n";
  stream.close();
  std::string out;
  ASSERT_EQ(run_command(std::string(CONFORM_BINARY) + " report render " +
                            (dir / "run.json.ndjson").string() + " --format md",
                        out),
            0)
      << out;
  EXPECT_NE(out.find("did not finish"), std::string::npos);
}

}  // namespace
}  // namespace conform
