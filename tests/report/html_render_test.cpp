/// The HTML report: escaped, self-contained, with matrix, chart, failures and filters.
#include <gtest/gtest.h>

#include <regex>

#include "report/html_render.hpp"
#include "report/report_merge.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using namespace conform::test;

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
  EXPECT_NE(
      html.find("data-outcome=\"NOT RUN\"><td class=\"req compact\"><code>whippy-email.bcc</code>"),
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
  EXPECT_NE(
      html.find("<td class=\"expected\"><pre>422</pre></td><td class=\"actual\"><pre>200</pre>"),
      std::string::npos);
  EXPECT_NE(html.find("<code>/sender_email</code>"), std::string::npos);
  EXPECT_NE(html.find("doc 002_596f1fd0dac9b3a0.txt:84"), std::string::npos);
  EXPECT_NE(html.find("class=\"copy\" data-copy=\"curl-"), std::string::npos);
}

TEST(HtmlRender, ChartAndFiltersCoverEveryApi) {
  const std::string html = render_html(sample_report());
  EXPECT_NE(html.find("<div class=\"bars\""), std::string::npos);
  for (const char* api : {"whippy-email", "genesys-email", "bigin-mail"}) {
    EXPECT_NE(html.find(std::string("<span class=\"api\">") + api + "</span>"), std::string::npos)
        << api;
    EXPECT_NE(html.find(std::string("<option value=\"") + api + "\">"), std::string::npos) << api;
  }
  EXPECT_NE(html.find("<span class=\"rate\">75% · 3/4</span>"), std::string::npos);
  EXPECT_NE(html.find("class=\"filter-outcome\" value=\"XPASS\""), std::string::npos);
}

TEST(HtmlRender, SeveralTargetsGetASideBySideMatrix) {
  EXPECT_EQ(render_html(sample_report()).find("id=\"target-matrix\""), std::string::npos);
  auto merged = merge_reports(
      {{"a", sample_report("http://ref.example")}, {"b", sample_report("http://staging.example")}},
      false);
  const std::string html = render_html(merged);
  EXPECT_NE(html.find("id=\"target-matrix\""), std::string::npos);
  EXPECT_NE(html.find("<th class=\"target\"><code>http://ref.example</code></th><th "
                      "class=\"target\"><code>http://staging.example</code></th>"),
            std::string::npos);
  EXPECT_EQ(html.find("class=\"row differs\""), std::string::npos) << "identical runs agree";
  auto changed = sample_report("http://staging.example");
  changed["cases"][0]["outcome"] = "ERROR";
  auto disagreeing =
      merge_reports({{"a", sample_report("http://ref.example")}, {"b", changed}}, false);
  EXPECT_NE(render_html(disagreeing).find("class=\"row differs\""), std::string::npos);
}

/// Where each of `markers` first occurs in `html`, in the order given.
std::vector<size_t> positions(const std::string& html, const std::vector<std::string>& markers) {
  std::vector<size_t> out;
  for (const auto& marker : markers) out.push_back(html.find(marker));
  return out;
}

bool ascending(const std::vector<size_t>& at) {
  for (size_t i = 0; i < at.size(); ++i) {
    if (at[i] == std::string::npos || (i > 0 && at[i] <= at[i - 1])) return false;
  }
  return true;
}

/// The matrix cell of `requirement`'s row under `check`'s column.
std::string matrix_cell(const std::string& html, const std::string& requirement,
                        const std::string& check) {
  const size_t matrix = html.find("<table id=\"matrix\">");
  const std::string header = html.substr(matrix, html.find("</thead>", matrix) - matrix);
  size_t column = 1;  // the outcome column comes first
  for (size_t at = header.find("<th class=\"check\" title=\""); at != std::string::npos;
       at = header.find("<th class=\"check\" title=\"", at + 1), ++column) {
    if (header.compare(at + 25, check.size() + 1, check + "\"") == 0) break;
  }
  size_t cell =
      html.find("<td class=\"cell", html.find("<code>" + requirement + "</code>", matrix));
  for (size_t i = 0; i < column; ++i) cell = html.find("<td class=\"cell", cell + 1);
  return html.substr(cell, html.find("</td>", cell) + 5 - cell);
}

nlohmann::json sample_counterexample() {
  return {{"api", "whippy-email"},
          {"outcome", "FAIL"},
          {"check", "status_code_conformance"},
          {"pointer", "/sender_email"},
          {"requirement", "whippy-email.sender_email.invalid-422"},
          {"message", "an invalid sender_email must get 422"},
          {"cases", 3},
          {"first_case", "whippy-email/fuzz-7"},
          {"minimal_body", "{\"sender_email\":\"a\"}"},
          {"curl", "curl -X POST http://127.0.0.1:8080/v1/messaging/email"},
          {"steps", 2},
          {"sends", 9}};
}

TEST(HtmlRender, FailuresComeBeforeTheMatricesWithTheFirstFailureOpen) {
  const std::string html = render_html(sample_report());
  EXPECT_TRUE(ascending(positions(
      html, {"<header", "class=\"bars\"", "id=\"filters\"", "id=\"failures\"", "id=\"matrix\""})))
      << "header, chart, filters, failures, then the matrix";
  const size_t first = html.find("<details class=\"case\"");
  EXPECT_EQ(html.substr(first, html.find('>', first) - first),
            "<details class=\"case\" data-api=\"whippy-email\" data-outcome=\"FAIL\" open");
  EXPECT_EQ(count(html, " open><summary>"), 1u) << "only the first failure is open";
}

TEST(HtmlRender, ShrunkCounterexamplesComeFirstAndTakeTheOpenItem) {
  auto report = sample_report();
  report["counterexamples"] =
      nlohmann::json::array({sample_counterexample(), sample_counterexample()});
  const std::string html = render_html(report);
  EXPECT_TRUE(ascending(positions(
      html, {"id=\"filters\"", "id=\"counterexamples\"", "id=\"failures\"", "id=\"matrix\""})));
  EXPECT_EQ(count(html, " open><summary>"), 1u);
  EXPECT_LT(html.find(" open><summary>"), html.find("id=\"failures\""))
      << "the first counterexample is the open one";
  EXPECT_NE(
      html.find(
          "<details class=\"case\" data-api=\"whippy-email\" data-outcome=\"FAIL\" open><summary>"
          "<span class=\"badge st-fail\">✗ FAIL</span> <code>whippy-email</code> "
          "status_code_conformance"),
      std::string::npos)
      << "counterexamples carry data-api and data-outcome, so the filters reach them";
}

TEST(HtmlRender, APassingReportOpensNoCase) {
  auto report = sample_report();
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& entry : report["cases"]) {
    if (entry["outcome"] == "PASS" || entry["outcome"] == "OBSERVED") kept.push_back(entry);
  }
  report["cases"] = kept;
  const std::string html = render_html(report);
  EXPECT_NE(html.find("data-outcome=\"OBSERVED\"><summary>"), std::string::npos)
      << "the observation is listed";
  EXPECT_EQ(count(html, " open><summary>"), 0u) << "an observation is not a failure: nothing opens";
}

TEST(HtmlRender, ACheckACaseDidNotRunShowsAsNotRunInItsMatrixCell) {
  auto report = sample_report();
  for (auto& entry : report["cases"]) {
    if (entry["id"] == "whippy-email/a-plain-text-email-is-accepted") {
      entry["checks"].push_back(
          {{"name", "response_time"}, {"status", "pass"}, {"failures", nlohmann::json::array()}});
    }
  }
  const std::string html = render_html(report);
  EXPECT_NE(html.find("<th class=\"check\" title=\"response_time\">response time</th>"),
            std::string::npos);
  EXPECT_EQ(matrix_cell(html, "whippy-email.to", "response_time"),
            "<td class=\"cell st-pass\" title=\"1 case(s)\">✓ PASS</td>");
  EXPECT_EQ(matrix_cell(html, "bigin-mail.rejection", "response_time"),
            "<td class=\"cell st-notrun\" title=\"0 case(s)\">– not run</td>")
      << "no case covering this requirement ran response_time";
  EXPECT_EQ(matrix_cell(html, "bigin-mail.rejection", "not_a_server_error"),
            "<td class=\"cell st-fail\" title=\"1 case(s)\">✗ FAIL</td>");
}

TEST(HtmlRender, AReportWhereNoCaseRanACheckHasNoColumnForIt) {
  const std::string html = render_html(sample_report());
  EXPECT_EQ(html.find("title=\"response_time\""), std::string::npos)
      << "response_time never ran in the sample";
}

}  // namespace
}  // namespace conform
