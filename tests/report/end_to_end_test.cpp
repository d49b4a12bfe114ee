/// A replay against a faulty in-process mock writes every report format; each one validates
/// (schema, XSD, browser) and none holds the credentials the run sent.
#include <gtest/gtest.h>

#include "mock/mock_server.hpp"
#include "report/html_render.hpp"
#include "report/junit_render.hpp"
#include "report/markdown_render.hpp"
#include "report/report_io.hpp"
#include "report/report_schema.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using namespace conform::test;

const char* const kWhippySecret = "e2e-whippy-secret-55";
const char* const kBiginSecret = "e2e-bigin-token-77";

TEST(EndToEnd, AReplayAgainstAFaultyMockWritesEveryReport) {
  MockServer mock;
  MockOptions options;
  options.faults = {"whippy-sender-email-400", "server-error-on-invalid",
                    "genesys-status-code-string"};
  mock.start(options);
  auto dir = scratch_dir("end-to-end");
  const std::string base = (dir / "conformance").string();
  std::string out;
  const int status =
      run_command(std::string(CONFORM_BINARY) + " replay --target " + mock.url() + " --fixtures " +
                      CONFORM_SOURCE_DIR "/fixtures --auth whippy-email=" + kWhippySecret +
                      " --auth 'bigin-mail=Zoho-oauthtoken " + kBiginSecret +
                      "' --report json:" + base + ".json --report junit:" + base +
                      ".xml --report md:" + base + ".md --report html:" + base + ".html",
                  out);
  mock.stop();
  EXPECT_EQ(status, 1) << out;

  auto report = read_report_file(base + ".json");
  EXPECT_EQ(ReportSchema().problems(report), std::vector<std::string>{});
  EXPECT_GT(report["summary"]["counts"]["FAIL"].get<int>(), 0);
  std::string xsd_out;
  EXPECT_EQ(run_command("xmllint --noout --schema " CONFORM_SOURCE_DIR "/tests/report/junit.xsd " +
                            base + ".xml",
                        xsd_out),
            0)
      << xsd_out;
  const std::string html = slurp(base + ".html");
  EXPECT_NE(html.find("data-outcome=\"FAIL\""), std::string::npos);
  EXPECT_NE(slurp(base + ".md").find("### Failures"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(base + ".json.ndjson"))
      << "the complete JSON report replaces its stream";
  for (const char* extension : {".json", ".xml", ".md", ".html"}) {
    const std::string text = slurp(base + extension);
    ASSERT_FALSE(text.empty()) << extension;
    EXPECT_EQ(text.find(kWhippySecret), std::string::npos) << extension;
    EXPECT_EQ(text.find(kBiginSecret), std::string::npos) << extension;
  }
  if (!std::filesystem::exists("/usr/bin/chromium")) {
    GTEST_SKIP() << "chromium is not installed: the browser half of this test is skipped";
  }
  std::string shot_out;
  run_command(
      "timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic "
      "--no-first-run --disable-background-networking --disable-component-update "
      "--disable-sync --hide-scrollbars --user-data-dir='" +
          (dir / "profile").string() + "' --screenshot='" + base +
          ".png' --window-size=1400,1000 'file://" + base + ".html'",
      shot_out);
  EXPECT_TRUE(std::filesystem::exists(base + ".png")) << shot_out;
}

/// Replays the fixtures against a clean mock with `flags`; returns the JSON report.
nlohmann::json replay_report(const std::string& name, const std::string& flags) {
  MockServer mock;
  mock.start(MockOptions{});
  auto dir = scratch_dir(name);
  std::string out;
  run_command(std::string(CONFORM_BINARY) + " replay --target " + mock.url() + " --fixtures " +
                  CONFORM_SOURCE_DIR "/fixtures " + flags +
                  " --report json:" + (dir / "r.json").string(),
              out);
  mock.stop();
  return read_report_file(dir / "r.json");
}

/// Cases that ran `check`, and cases that ran any check.
std::pair<size_t, size_t> cases_running(const nlohmann::json& report, const std::string& check) {
  size_t ran = 0, judged = 0;
  for (const auto& entry : report["cases"]) {
    judged += !entry["checks"].empty();
    for (const auto& c : entry["checks"]) ran += c["name"] == check;
  }
  return {ran, judged};
}

TEST(EndToEnd, ResponseTimeIsRecordedOnlyWhenARunHasABudget) {
  auto unbudgeted = replay_report("no-budget", "");
  auto [ran, judged] = cases_running(unbudgeted, "response_time");
  EXPECT_GT(judged, 0u);
  EXPECT_EQ(ran, 0u) << "without --max-response-time no case may list response_time as run";
  EXPECT_EQ(ReportSchema().problems(unbudgeted), std::vector<std::string>{});
  EXPECT_EQ(render_html(unbudgeted).find("title=\"response_time\""), std::string::npos);
  EXPECT_EQ(render_markdown(unbudgeted).find("response_time"), std::string::npos);
  EXPECT_EQ(render_junit(unbudgeted).find("response_time"), std::string::npos);

  auto budgeted = replay_report("budget", "--max-response-time 60000");
  auto [ran_with_budget, judged_with_budget] = cases_running(budgeted, "response_time");
  EXPECT_EQ(ran_with_budget, judged_with_budget) << "with a budget every judged case ran it";
  EXPECT_NE(render_markdown(budgeted).find("`response_time`"), std::string::npos);
}

}  // namespace
}  // namespace conform
