/// The JSON report: schema, NDJSON stream of a killed run, atomic final file, redaction.
#include <gtest/gtest.h>

#include "report/html_render.hpp"
#include "report/junit_render.hpp"
#include "report/markdown_render.hpp"
#include "report/report_builder.hpp"
#include "report/report_io.hpp"
#include "report/report_model.hpp"
#include "report/report_schema.hpp"
#include "report/report_set.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace conform::test;

TEST(JsonReport, AFinishedRunWritesAVersionedReportThatKeepsTheSchema) {
  auto dir = scratch_dir("json-finished");
  {
    ReportSet sink;
    ASSERT_TRUE(sink.add("json", dir / "run.json"));
    play(sink, sample_run_info("http://127.0.0.1:8080/api"), sample_cases());
  }
  json report = read_report_file(dir / "run.json");
  EXPECT_FALSE(std::filesystem::exists(dir / "run.json.ndjson"))
      << "a complete run leaves no event stream behind";
  ReportSchema schema;
  EXPECT_EQ(schema.problems(report), std::vector<std::string>{});
  EXPECT_EQ(report["report_version"], 1);
  EXPECT_TRUE(report["complete"].get<bool>());
  EXPECT_EQ(report["cases"].size(), sample_cases().size());
  EXPECT_EQ(report["summary"]["counts"]["FAIL"], 2);
  EXPECT_EQ(report["summary"]["counts"]["XPASS"], 1);
  EXPECT_FALSE(report["summary"]["passed"].get<bool>());
  EXPECT_EQ(report["runs"][0]["seed"], 20260501);
  EXPECT_EQ(report["runs"][0]["contract_hashes"]["bigin-mail"], "sha256:bigin-mail");
  const json& whippy = report["requirements"]["whippy-email"];
  ASSERT_GT(whippy.size(), 10u);
  EXPECT_FALSE(whippy[0]["summary"].get<std::string>().empty());
  EXPECT_NE(whippy[0]["locator"].get<std::string>().find(".txt:"), std::string::npos);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
  }
}

TEST(JsonReport, TheRunningSummaryEqualsARecountOfEveryCase) {
  // The summary is kept up to date one case at a time (a recount per event was O(n^2)).
  ReportBuilder builder;
  builder.start(sample_run_info("http://127.0.0.1:8080/api"));
  std::vector<CaseResult> cases = sample_cases();
  for (int round = 0; round < 50; ++round) {
    for (const auto& c : cases) {
      builder.add(c);
      ASSERT_EQ(builder.report()["summary"], summarize_cases(builder.report()["cases"], 0));
    }
  }
  RunSummary summary;
  summary.wall_ms = 12.5;
  builder.finish(summary);
  EXPECT_EQ(builder.report()["summary"], summarize_cases(builder.report()["cases"], 12.5));
  EXPECT_EQ(builder.report()["summary"]["total"], 50 * cases.size());
}

TEST(JsonReport, ACaseKeepsItsChecksAndFailuresWithEveryField) {
  json report = sample_report();
  const json* found = nullptr;
  for (const auto& entry : report["cases"]) {
    if (entry["id"] == "whippy-email/an-invalid-sender-email-gets-422") found = &entry;
  }
  ASSERT_NE(found, nullptr);
  EXPECT_EQ((*found)["outcome"], "FAIL");
  bool saw_failing_check = false;
  for (const auto& check : (*found)["checks"]) {
    if (check["name"] != "status_code_conformance") {
      continue;
    }
    saw_failing_check = true;
    EXPECT_EQ(check["status"], "fail");
    const json& failure = check["failures"][0];
    EXPECT_EQ(failure["expected"], "422");
    EXPECT_EQ(failure["actual"], "200");
    EXPECT_EQ(failure["pointer"], "/sender_email");
    EXPECT_EQ(failure["requirement"], "whippy-email.sender_email.invalid-422");
    EXPECT_EQ(failure["locator"], "002_596f1fd0dac9b3a0.txt:84");
  }
  EXPECT_TRUE(saw_failing_check);
  EXPECT_EQ((*found)["exchange"]["response"]["status"], 200);
  EXPECT_NE((*found)["curl"].get<std::string>().find("curl "), std::string::npos);
}

TEST(JsonReport, AKilledRunLeavesEveryFinishedCaseReadable) {
  auto dir = scratch_dir("json-killed");
  auto cases = sample_cases();
  ReportSet sink;
  ASSERT_TRUE(sink.add("json", dir / "run.json"));
  sink.run_started(sample_run_info("http://127.0.0.1:8080"));
  for (size_t i = 0; i < 3; ++i) sink.case_finished(cases[i]);
  // No run_finished: the run is "killed" here, while the sink is still open.
  EXPECT_FALSE(std::filesystem::exists(dir / "run.json"));
  std::string stream = slurp(event_stream_path(dir / "run.json"));
  json report = report_from_events(stream + "{\"event\":\"case_fini");  // torn last line
  EXPECT_FALSE(report["complete"].get<bool>());
  ASSERT_EQ(report["cases"].size(), 3u);
  EXPECT_EQ(report["cases"][1]["outcome"], "FAIL");
  EXPECT_EQ(report["summary"]["total"], 3);
  EXPECT_EQ(ReportSchema().problems(report), std::vector<std::string>{});
  json from_file = read_report_file(event_stream_path(dir / "run.json"));
  EXPECT_EQ(from_file["cases"].size(), 3u);
}

TEST(JsonReport, FourFormatsComeFromOneReportBuiltOnce) {
  auto dir = scratch_dir("json-four");
  ReportSet set;
  for (const char* format : {"json", "junit", "md", "html"})
    ASSERT_TRUE(set.add(format, dir / (std::string("run.") + format)));
  EXPECT_FALSE(set.add("pdf", dir / "run.pdf"));
  play(set, sample_run_info("http://127.0.0.1:8080/api"), sample_cases());
  json report = read_report_file(dir / "run.json");
  EXPECT_EQ(slurp(dir / "run.junit"), render_junit(report));
  EXPECT_EQ(slurp(dir / "run.md"), render_markdown(report));
  EXPECT_EQ(slurp(dir / "run.html"), render_html(report));
}

TEST(JsonReport, TheSchemaRejectsAReportThatBreaksIt) {
  ReportSchema schema;
  json report = sample_report();
  report["cases"][0]["outcome"] = "MAYBE";
  EXPECT_FALSE(schema.problems(report).empty());
  report = sample_report();
  report["cases"][1]["checks"][0].erase("status");
  EXPECT_FALSE(schema.problems(report).empty());
  report = sample_report();
  report["report_version"] = 2;
  EXPECT_FALSE(schema.problems(report).empty());
}

TEST(JsonReport, TheTargetIsWrittenWithoutItsCredentials) {
  RunInfo info = sample_run_info("https://ann:hunter2@api.example.com/base?api_key=abc123&x=1");
  ReportBuilder builder;
  builder.start(info);
  const std::string target = builder.report()["runs"][0]["target"];
  EXPECT_EQ(target.find("hunter2"), std::string::npos);
  EXPECT_EQ(target.find("abc123"), std::string::npos);
  EXPECT_NE(target.find("api.example.com/base"), std::string::npos);
  EXPECT_NE(target.find("x=1"), std::string::npos);
}

TEST(JsonReport, BodiesAreValidUtf8AndCapped) {
  CaseResult big;
  big.id = "whippy-email/big";
  big.api = "whippy-email";
  big.outcome = Outcome::pass;
  Exchange exchange;
  exchange.request.method = "POST";
  exchange.response = HttpResponse{200, {}, std::string(20000, 'x') + "\xc3", false};
  big.exchange = exchange;
  json entry = case_to_json(big, "t");
  const json& response = entry["exchange"]["response"];
  EXPECT_LE(response["body"].get<std::string>().size(), kReportBodyCap);
  EXPECT_TRUE(response["body_truncated"].get<bool>());
  json report = sample_report();
  std::string text = report_text(report);  // must not throw on the \xff\xfe in a body
  EXPECT_NE(text.find("\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace conform
