/// The Markdown summary for pull requests.
#include <gtest/gtest.h>

#include "report/markdown_render.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using namespace conform::test;

TEST(MarkdownRender, AStatusTablePerApiThenTheFailures) {
  const std::string md = render_markdown(sample_report());
  EXPECT_NE(md.find("## conform: ❌ failed — 12 cases"), std::string::npos) << md;
  EXPECT_NE(md.find("| API | pass rate | PASS | FAIL |"), std::string::npos);
  EXPECT_NE(md.find("| ❌ whippy-email | 75% (3/4) | 2 | 1 | 1 | 0 | 0 | 0 | 0 |"),
            std::string::npos)
      << md;
  const auto table = md.find("| API |"), failures = md.find("### Failures");
  ASSERT_NE(failures, std::string::npos);
  EXPECT_LT(table, failures);
  EXPECT_NE(md.find("| status_code_conformance | whippy-email.sender_email.invalid-422 | "
                    "002_596f1fd0dac9b3a0.txt:84 | /sender_email | 422 | 200 |"),
            std::string::npos);
  EXPECT_NE(md.find("```sh\ncurl -sS -X POST"), std::string::npos);
  EXPECT_NE(md.find("### Observations and known deviations"), std::string::npos);
}

TEST(MarkdownRender, ServerTextCannotBreakTheTableOrInjectHtml) {
  const std::string md = render_markdown(sample_report());
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_EQ(markdown_cell("a|b\n<i>`c`"), "a\\|b<br>&lt;i&gt;&#96;c&#96;");
}

TEST(MarkdownRender, OnlyTheChecksThatRanAreNamedWithTheirShareOfTheCases) {
  auto report = sample_report();
  const std::string before = render_markdown(report);
  EXPECT_NE(
      before.find(
          "Checks run: `content_type_conformance`, `negative_data_rejection` (2 of 10 cases), "
          "`not_a_server_error`, "),
      std::string::npos)
      << before;
  EXPECT_EQ(before.find("response_time"), std::string::npos) << "no case ran it";
  report["cases"][0]["checks"].push_back(
      {{"name", "response_time"}, {"status", "pass"}, {"failures", nlohmann::json::array()}});
  EXPECT_NE(render_markdown(report).find("`response_time` (1 of 10 cases)"), std::string::npos);
}

TEST(MarkdownRender, AnUnfinishedRunSaysSo) {
  auto report = sample_report();
  report["complete"] = false;
  EXPECT_NE(render_markdown(report).find("did not finish"), std::string::npos);
}

}  // namespace
}  // namespace conform
