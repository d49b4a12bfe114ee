/// The HTML report: escaped, self-contained, with matrix, chart, failures and filters.
#include <gtest/gtest.h>

#include <regex>

#include "report/html_render.hpp"
#include "report/report_merge.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using namespace conform::testing;

TEST(HtmlRender, AResponseBodyWithAScriptTagRendersAsText) {
  const std::string html = render_html(sample_report());
  EXPECT_EQ(count(html, "<script"), 1u) << "only the report's own script may be a script element";
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>Internal</b>"), std::string::npos);
}

TEST(HtmlRender, ThePageMakesNoExternalRequests) {
  const std::string html = render_html(sample_report());
  std::smatch match;
  EXPECT_FALSE(std::regex_search(html, match, std::regex(R"((src|href|action)\s*=)")))
      << match.str();
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
}

TEST(HtmlRender, TheMatrixShowsEachRequirementWithItsSummaryLocatorAndStatus) {
  const auto report = sample_report();
  const std::string html = render_html(report);
  EXPECT_NE(html.find("<tr class=\"row\" data-api=\"whippy-email\" data-outcome=\"FAIL\"><td "
                      "class=\"req\"><code>whippy-email.sender_email.invalid-422</code>"),
            std::string::npos);
  EXPECT_NE(html.find("data-api=\"bigin-mail\" data-outcome=\"TIMEOUT\"><td class=\"req\"><code>"
                      "bigin-mail.data.scheduled_time</code>"),
            std::string::npos);
  EXPECT_NE(html.find("data-outcome=\"NOT RUN\"><td class=\"req compact\"><code>whippy-email.bcc</code>"),
            std::string::npos);
  const auto& first = report["requirements"]["whippy-email"][0];
  EXPECT_NE(html.find(first["summary"].get<std::string>()), std::string::npos);
  EXPECT_NE(html.find(first["locator"].get<std::string>()), std::string::npos);
  EXPECT_NE(html.find("<th class=\"check\" title=\"status_code_conformance\">"), std::string::npos);
  EXPECT_NE(html.find("✗ FAIL"), std::string::npos) << "status needs text, not only colour";
}

TEST(HtmlRender, FailuresExpandWithExpectedActualPointerLocatorAndCurl) {
  const std::string html = render_html(sample_report());
  EXPECT_EQ(count(html, "<details class=\"case\""), 7u);
  EXPECT_NE(html.find("<td class=\"expected\"><pre>422</pre></td><td class=\"actual\"><pre>200</pre>"),
            std::string::npos);
  EXPECT_NE(html.find("<code>/sender_email</code>"), std::string::npos);
  EXPECT_NE(html.find("doc 002_596f1fd0dac9b3a0.txt:84"), std::string::npos);
  EXPECT_NE(html.find("class=\"copy\" data-copy=\"curl-"), std::string::npos);
}

TEST(HtmlRender, ChartAndFiltersCoverEveryApi) {
  const std::string html = render_html(sample_report());
  EXPECT_NE(html.find("<svg class=\"bars\""), std::string::npos);
  for (const char* api : {"whippy-email", "genesys-email", "bigin-mail"}) {
    EXPECT_NE(html.find(std::string("<text class=\"api\" x=\"0\" y=\"")), std::string::npos);
    EXPECT_NE(html.find(std::string("<option value=\"") + api + "\">"), std::string::npos) << api;
  }
  EXPECT_NE(html.find("75% · 3/4"), std::string::npos);
  EXPECT_NE(html.find("class=\"filter-outcome\" value=\"XPASS\""), std::string::npos);
}

TEST(HtmlRender, SeveralTargetsGetASideBySideMatrix) {
  EXPECT_EQ(render_html(sample_report()).find("id=\"target-matrix\""), std::string::npos);
  auto merged = merge_reports({{"a", sample_report("http://ref.example")},
                               {"b", sample_report("http://staging.example")}},
                              false);
  const std::string html = render_html(merged);
  EXPECT_NE(html.find("id=\"target-matrix\""), std::string::npos);
  EXPECT_NE(html.find("<th class=\"target\"><code>http://ref.example</code></th><th "
                      "class=\"target\"><code>http://staging.example</code></th>"),
            std::string::npos);
  EXPECT_EQ(html.find("class=\"row differs\""), std::string::npos) << "identical runs agree";
  auto changed = sample_report("http://staging.example");
  changed["cases"][0]["outcome"] = "ERROR";
  auto disagreeing = merge_reports({{"a", sample_report("http://ref.example")}, {"b", changed}}, false);
  EXPECT_NE(render_html(disagreeing).find("class=\"row differs\""), std::string::npos);
}

}  // namespace
}  // namespace conform
