// How a fuzz run tells its failures (one block per group, shrunk, in every report), how shards
// share a seed, and the selection flags (--list-cases, --max-failures, --checks) of replay and
// fuzz, through the real binary against servers on 127.0.0.1.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../replay/hostile_server.hpp"
#include "mock/mock_server.hpp"
#include "report/console_sink.hpp"
#include "report/report_view.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test::CliRun;
using test::conform_cli;
using test::HostileServer;

fs::path scratch(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("conform-groups-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

json read_json(const fs::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

size_t occurrences(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

/// The lines of the output that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& output, const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
  }
  return out;
}

TEST(FuzzGroups, EachGroupIsToldOnceWithItsCountAndItsShrunkCaseInEveryReport) {
  MockServer mock;
  MockOptions options;
  options.faults = {"accept-invalid"};
  mock.start(options);
  fs::path dir = scratch("reports");
  CliRun run = conform_cli(
      "fuzz --target " + mock.url() +
      " --api whippy-email --no-coverage --cases 200 --seed 5 "
      "--max-shrinks 20 --report json:" +
      (dir / "r.json").string() + " --report junit:" + (dir / "r.xml").string() +
      " --report md:" + (dir / "r.md").string() + " --report html:" + (dir / "r.html").string());
  ASSERT_EQ(run.exit_code, 1) << run.output.substr(0, 3000);
  EXPECT_EQ(occurrences(run.output, "conform fuzz against "), 1u) << "one header line";
  EXPECT_EQ(lines_starting(run.output, "FAIL whippy-email/").size(), 0u)
      << "no line per failing case";
  json report = read_json(dir / "r.json");
  const json& groups = report["counterexamples"];
  ASSERT_GT(groups.size(), 0u);
  EXPECT_EQ(lines_starting(run.output, "FAIL whippy-email ").size(), groups.size())
      << run.output.substr(0, 3000);
  std::set<std::string> keys;
  size_t grouped = 0;
  for (const auto& g : groups) {
    EXPECT_TRUE(keys.insert(g["api"].get<std::string>() + " " + g["check"].get<std::string>() +
                            " " + g["pointer"].get<std::string>())
                    .second)
        << "each (api, check, pointer) once: " << g.dump();
    grouped += g["cases"].get<size_t>();
    EXPECT_EQ(g.value("minimal_body", "").empty(), false);
    EXPECT_EQ(g["curl"].get<std::string>().rfind("curl ", 0), 0u);
  }
  EXPECT_EQ(grouped, report["summary"]["counts"]["FAIL"].get<size_t>())
      << "every failing case is in one group";
  size_t shrunk = 0;
  for (const auto& g : groups) shrunk += g.contains("not_shrunk") ? 0 : 1;
  EXPECT_GT(shrunk, 0u);
  CliRun valid = conform_cli("report render " + (dir / "r.json").string() + " --format json -o " +
                             (dir / "again.json").string());
  EXPECT_EQ(valid.exit_code, 0) << "the report keeps its schema: " << valid.output;
  EXPECT_EQ(read_json(dir / "again.json")["counterexamples"], groups)
      << "rebuilt from the report as it was";
  EXPECT_NE(read_text(dir / "r.md").find("### Shrunk counterexamples"), std::string::npos);
  const std::string html = read_text(dir / "r.html");
  ASSERT_NE(html.find("id=\"counterexamples\""), std::string::npos);
  EXPECT_EQ(occurrences(html, "\" open><summary>"), 1u) << "one item is open";
  EXPECT_GT(html.find("\" open><summary>"), html.find("id=\"counterexamples\""))
      << "the first counterexample";
  EXPECT_EQ(occurrences(read_text(dir / "r.xml"), "minimal body ("), groups.size());
  fs::remove_all(dir);
}

/// Answers 400 to every request, and drops the connection (no response at all) for a body that
/// names "cc": the worst bug to lose a repro for.
void drop_requests_with_cc(int fd, const std::atomic<bool>& stopping) {
  while (!stopping) {
    std::string request = HostileServer::read_request(fd, stopping);
    if (request.empty() || request.find("\"cc\"") != std::string::npos) return;
    const std::string answer =
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    if (!HostileServer::write_all(fd, answer)) return;
  }
}

TEST(FuzzGroups, AConnectionDroppedByTheServerIsShrunkAndSaved) {
  HostileServer server(drop_requests_with_cc);
  fs::path dir = scratch("errors");
  CliRun run =
      conform_cli("fuzz --target " + server.url() +
                      " --api bigin-mail --no-coverage --cases 60 --seed 1 "
                      "--max-shrinks 60 --timeout 2 --report json:" +
                      (dir / "r.json").string() + " --save-failures " + (dir / "saved").string(),
                  120);
  ASSERT_EQ(run.exit_code, 1) << run.output.substr(0, 3000);
  json report = read_json(dir / "r.json");
  const json* dropped = nullptr;
  for (const auto& g : report["counterexamples"]) {
    if (g["outcome"] == "ERROR") dropped = &g;
  }
  ASSERT_NE(dropped, nullptr) << run.output.substr(0, 3000);
  EXPECT_FALSE(dropped->contains("not_shrunk")) << dropped->dump();
  EXPECT_GT((*dropped)["steps"].get<size_t>(), 0u);
  std::string minimal = (*dropped)["minimal_body"];
  EXPECT_NE(minimal.find("\"cc\""), std::string::npos)
      << "the shrunk case still fails the same way: " << minimal;
  for (const auto& c : report["cases"]) {
    if (c["id"] != (*dropped)["first_case"]) continue;
    EXPECT_LT(minimal.size(), c["exchange"]["request"]["body"].get<std::string>().size());
  }
  ASSERT_TRUE(dropped->contains("saved_as")) << dropped->dump();
  EXPECT_TRUE(fs::exists((*dropped)["saved_as"].get<std::string>()));
  fs::remove_all(dir);
}

/// Runs conform with no CI variable set, plus `environment` ("NAME=VALUE ..."); the output is
/// its stdout, or its stderr alone with `stderr_only`.
CliRun conform_with_environment(const std::string& environment, const std::string& arguments,
                                bool stderr_only = false) {
  return test::run_shell(
      "env -u GITHUB_RUN_ID -u CI_PIPELINE_ID -u BUILDKITE_BUILD_ID -u CIRCLE_WORKFLOW_ID -u "
      "BUILD_TAG " +
      environment + " timeout 120 " + CONFORM_BINARY + " " + arguments +
      (stderr_only ? " 2>&1 >/dev/null" : " 2>/dev/null"));
}

std::set<std::string> case_ids(const std::string& listing) {
  std::set<std::string> ids;
  std::istringstream in(listing);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) ids.insert(line.substr(0, line.find('\t')));
  }
  return ids;
}

TEST(FuzzGroups, ShardsWithoutASeedShareOneAndTogetherListTheUnshardedRun) {
  CliRun seed_line = conform_with_environment("GITHUB_RUN_ID=777",
                                              "fuzz --shard 1/3 --cases 90 --list-cases", true);
  size_t at = seed_line.output.find("seed ");
  ASSERT_NE(at, std::string::npos) << seed_line.output;
  EXPECT_NE(seed_line.output.find("from GITHUB_RUN_ID=777"), std::string::npos) << seed_line.output;
  std::string seed = seed_line.output.substr(at + 5, seed_line.output.find(' ', at + 5) - at - 5);
  std::set<std::string> together;
  size_t listed = 0;
  for (int k = 1; k <= 3; ++k) {
    CliRun shard = conform_with_environment(
        "GITHUB_RUN_ID=777", "fuzz --shard " + std::to_string(k) + "/3 --cases 90 --list-cases");
    ASSERT_EQ(shard.exit_code, 0) << shard.output;
    std::set<std::string> ids = case_ids(shard.output);
    listed += ids.size();
    together.insert(ids.begin(), ids.end());
  }
  CliRun whole = conform_with_environment("", "fuzz --seed " + seed + " --cases 90 --list-cases");
  ASSERT_EQ(whole.exit_code, 0) << whole.output;
  EXPECT_EQ(together, case_ids(whole.output)) << "the shards ran the unsharded run's cases";
  EXPECT_EQ(listed, together.size()) << "and no case twice";
  CliRun other = conform_with_environment("GITHUB_RUN_ID=778",
                                          "fuzz --shard 1/3 --cases 90 --list-cases", true);
  EXPECT_EQ(other.output.find("seed " + seed + " "), std::string::npos)
      << "another CI run, another seed";
  CliRun dated = conform_with_environment("", "fuzz --shard 2/3 --cases 9 --list-cases", true);
  EXPECT_NE(dated.output.find("from the UTC date "), std::string::npos) << dated.output;
}

/// Answers nothing and counts connections: a run that sends nothing leaves it at zero.
void never_answer(int, const std::atomic<bool>&) {}

TEST(FuzzGroups, ListCasesPrintsThePlanAndSendsNothing) {
  HostileServer server(never_answer);
  CliRun replay = conform_cli("replay --target " + server.url() + " --list-cases");
  EXPECT_EQ(replay.exit_code, 0) << replay.output;
  EXPECT_NE(replay.output.find("whippy-email/"), std::string::npos);
  EXPECT_NE(replay.output.find("\tPOST /"), std::string::npos) << replay.output.substr(0, 500);
  EXPECT_NE(replay.output.find("\tmust be rejected"), std::string::npos);
  EXPECT_NE(
      replay.output.find(
          "capillary-email/an-email-item-with-only-a-recipient-may-be-accepted-or-refused\tPOST"),
      std::string::npos);
  EXPECT_NE(
      replay.output.find(
          "may-be-accepted-or-refused\tPOST /v2/communications/email\tobserved: either answer "
          "passes, only a 5xx fails"),
      std::string::npos)
      << "an open case is listed as observed, not as must be accepted";
  CliRun fuzz = conform_cli("fuzz --target " + server.url() + " --seed 1 --cases 25 --list-cases");
  EXPECT_EQ(fuzz.exit_code, 0) << fuzz.output.substr(0, 500);
  EXPECT_NE(fuzz.output.find("/fuzz-24-"), std::string::npos) << "every random case is listed";
  EXPECT_EQ(server.connections(), 0u);
  CliRun no_target = conform_cli("fuzz --seed 1 --cases 3 --no-coverage --list-cases");
  EXPECT_EQ(no_target.exit_code, 0) << no_target.output;
  EXPECT_EQ(case_ids(no_target.output.substr(no_target.output.find('\n') + 1)).size(), 3u)
      << no_target.output;
}

TEST(FuzzGroups, MaxFailuresStopsTheRunAndTheReportSaysSo) {
  MockServer mock;
  MockOptions options;
  options.faults = {"accept-invalid"};
  mock.start(options);
  fs::path dir = scratch("stop");
  CliRun run = conform_cli("replay --target " + mock.url() +
                           " --jobs 1 --max-failures 2 --report json:" + (dir / "r.json").string() +
                           " --report md:" + (dir / "r.md").string());
  EXPECT_EQ(run.exit_code, 1) << run.output.substr(0, 2000);
  EXPECT_NE(run.output.find("STOPPED at 2 failing cases (--max-failures)"), std::string::npos)
      << run.output.substr(0, 3000);
  json report = read_json(dir / "r.json");
  ASSERT_TRUE(report["runs"][0].contains("stopped_early")) << report["runs"][0].dump();
  EXPECT_EQ(report["runs"][0]["stopped_early"]["after_failures"], 2);
  size_t planned = report["runs"][0]["stopped_early"]["planned_cases"];
  EXPECT_LT(report["cases"].size(), planned);
  EXPECT_EQ(report["summary"]["counts"]["FAIL"], 2)
      << "one worker: no case starts after the second failure";
  EXPECT_NE(read_text(dir / "r.md").find("stopped early"), std::string::npos);
  fs::remove_all(dir);
}

TEST(FuzzGroups, ChecksAndExcludeChecksChooseWhatIsJudged) {
  MockServer mock;
  MockOptions options;
  options.faults = {"accept-invalid"};
  mock.start(options);
  fs::path dir = scratch("checks");
  CliRun only = conform_cli("replay --target " + mock.url() +
                            " --checks not_a_server_error,status_code_conformance --report json:" +
                            (dir / "r.json").string());
  EXPECT_EQ(only.exit_code, 0) << "accepting invalid requests breaks neither check: "
                               << only.output.substr(0, 2000);
  const json only_report = read_json(dir / "r.json");
  for (const auto& c : only_report["cases"]) {
    std::set<std::string> ran;
    for (const auto& check : c["checks"]) ran.insert(check["name"].get<std::string>());
    EXPECT_EQ(ran, (std::set<std::string>{"not_a_server_error", "status_code_conformance"}))
        << c["id"];
  }
  CliRun without =
      conform_cli("fuzz --target " + mock.url() +
                  " --seed 1 --cases 0 --exclude-checks negative_data_rejection,documented_status");
  EXPECT_EQ(without.output.find("negative_data_rejection"), std::string::npos)
      << without.output.substr(0, 2000);
  CliRun unknown = conform_cli("replay --target " + mock.url() + " --checks status_code");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("--checks: unknown check 'status_code' (checks: "
                                "not_a_server_error, status_code_conformance,"),
            std::string::npos)
      << unknown.output;
  CliRun no_budget = conform_cli("replay --target " + mock.url() + " --checks response_time");
  EXPECT_EQ(no_budget.exit_code, 2);
  EXPECT_NE(no_budget.output.find("--checks response_time needs --max-response-time MS"),
            std::string::npos)
      << no_budget.output;
  CliRun both = conform_cli("fuzz --target " + mock.url() +
                            " --checks response_time --exclude-checks response_time");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.output.find("give one of --checks and --exclude-checks"), std::string::npos)
      << both.output;
  fs::remove_all(dir);
}

TEST(FuzzGroups, TheProgressLineShowsDoneTotalRateEtaAndFailing) {
  EXPECT_EQ(progress_line(250, 1000, 2.5, 3), "250/1000 cases, 100/s, ETA 8 s, 3 failing");
  EXPECT_EQ(progress_line(0, 1000, 0.0, 0), "0/1000 cases, 0 failing");
  EXPECT_EQ(progress_line(1000, 1000, 10.0, 0), "1000/1000 cases, 100/s, 0 failing");
}

}  // namespace
}  // namespace conform

namespace conform {
namespace {

/// What every view reads of a report: per-API tallies and the requirement matrix.
std::string views_of(const json& report) {
  std::ostringstream out;
  for (const auto& t : tally_by_api(report)) {
    out << t.name << " " << t.total;
    for (const auto& [outcome, n] : t.counts) out << " " << outcome << "=" << n;
    out << "\n";
  }
  for (const auto& row : requirement_matrix(report)) {
    out << row.api << " " << row.id << " " << row.overall.status << "/" << row.overall.cases;
    for (const auto& [check, cell] : row.by_check)
      out << " " << check << "=" << cell.status << "/" << cell.cases;
    out << "\n";
  }
  for (const auto& check : report_checks(report)) out << check << " ";
  return out.str();
}

TEST(FuzzGroups, FuzzReportsListOnlyCasesThatAreNotPassYetEveryViewStaysTheSame) {
  MockServer mock;
  MockOptions options;
  options.faults = {"whippy-sender-email-400"};
  mock.start(options);
  fs::path dir = scratch("listing");
  std::string run =
      "fuzz --target " + mock.url() + " --seed 4 --cases 300 --max-shrinks 0 --jobs 1 ";
  CliRun failing = conform_cli(run + "--report json:" + (dir / "failing.json").string() +
                               " --report junit:" + (dir / "failing.xml").string());
  CliRun all = conform_cli(run + "--report-cases all --report json:" + (dir / "all.json").string());
  ASSERT_EQ(failing.exit_code, 1) << failing.output.substr(0, 2000);
  ASSERT_EQ(all.exit_code, 1);
  json small = read_json(dir / "failing.json"), whole = read_json(dir / "all.json");
  for (const auto& c : small["cases"]) EXPECT_NE(c["outcome"], "PASS") << c["id"];
  size_t unlisted = 0;
  for (const auto& group : small["passing_cases"]) unlisted += group["cases"].get<size_t>();
  EXPECT_EQ(small["cases"].size() + unlisted, whole["cases"].size());
  json expected_summary = whole["summary"];
  expected_summary["wall_ms"] = small["summary"]["wall_ms"];
  EXPECT_EQ(small["summary"], expected_summary);
  EXPECT_EQ(views_of(small), views_of(whole))
      << "tallies and the matrix do not depend on the listing";
  EXPECT_LT(fs::file_size(dir / "failing.json") * 3, fs::file_size(dir / "all.json"));
  EXPECT_NE(read_text(dir / "failing.xml").find("name=\"passing_cases_not_listed\""),
            std::string::npos);
  CliRun valid = conform_cli("report render " + (dir / "failing.json").string() + " --format md");
  EXPECT_EQ(valid.exit_code, 0) << "the report keeps its schema: " << valid.output.substr(0, 1000);
  CliRun merged = conform_cli("report merge " + (dir / "failing.json").string() + " -o " +
                              (dir / "merged.json").string());
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_EQ(read_json(dir / "merged.json")["summary"]["total"], whole["summary"]["total"]);
  EXPECT_EQ(views_of(read_json(dir / "merged.json")), views_of(whole));
  CliRun bad = conform_cli(run + "--report-cases some");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("--report-cases: must be failing or all, got 'some'"),
            std::string::npos)
      << bad.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace conform
