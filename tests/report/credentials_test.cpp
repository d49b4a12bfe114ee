/// Credentials never appear in any report, whatever format and however they were sent.
#include <gtest/gtest.h>

#include "report/html_render.hpp"
#include "report/junit_render.hpp"
#include "report/markdown_render.hpp"
#include "report/report_io.hpp"
#include "report/report_sanitize.hpp"
#include "report/report_set.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using namespace conform::test;

void expect_no_secret(const std::string& text, const std::string& format) {
  for (const char* secret : {kBearerSecret, kWhippyKey, "leaky-query-token", "hunter2"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << format << " contains " << secret;
  }
}

TEST(Credentials, NoReportFormatContainsACredentialFromTheExchanges) {
  auto dir = scratch_dir("credentials");
  std::string stream_text;
  {
    ReportSet sink;
    ASSERT_TRUE(sink.add("json", dir / "run.json"));
    sink.run_started(sample_run_info("https://ann:hunter2@127.0.0.1:8080/api"));
    for (const auto& c : sample_cases()) sink.case_finished(c);
    stream_text =
        slurp(dir / "run.json.ndjson");  // read while the run goes: it is removed at the end
    sink.run_finished(RunSummary{});
  }
  const std::string json_text = slurp(dir / "run.json");
  ASSERT_FALSE(json_text.empty());
  ASSERT_FALSE(stream_text.empty());
  nlohmann::json report = read_report_file(dir / "run.json");
  expect_no_secret(json_text, "json");
  expect_no_secret(stream_text, "ndjson");
  expect_no_secret(render_junit(report), "junit");
  expect_no_secret(render_markdown(report), "markdown");
  expect_no_secret(render_html(report), "html");
  // The redaction is visible, so a reader knows a header was there.
  EXPECT_NE(json_text.find("\"X-WHIPPY-KEY\""), std::string::npos);
  EXPECT_NE(json_text.find(kRedacted), std::string::npos);
}

TEST(Credentials, CurlLinesKeepTheirShapeButLoseTheSecret) {
  const std::string curl =
      "curl -H 'Authorization: Bearer abc.def' -H \"X-Api-Key: k1\" -H 'Accept: x' -u ann:pw "
      "'http://h'";
  const std::string redacted = redact_curl(curl);
  EXPECT_EQ(redacted.find("abc.def"), std::string::npos);
  EXPECT_EQ(redacted.find("k1"), std::string::npos);
  EXPECT_EQ(redacted.find("ann:pw"), std::string::npos);
  EXPECT_NE(redacted.find("'Accept: x'"), std::string::npos);
  EXPECT_NE(redacted.find("'http://h'"), std::string::npos);
}

TEST(Credentials, ASecretEchoedInsideABodyIsScrubbed) {
  Headers headers = {{"Authorization", "Basic YW5uOnB3ZA=="}, {"Accept", "application/json"}};
  auto secrets = secrets_in(headers);
  EXPECT_EQ(scrub("echo: Basic YW5uOnB3ZA== and YW5uOnB3ZA==", secrets),
            "echo: [REDACTED] and [REDACTED]");
}

}  // namespace
}  // namespace conform
