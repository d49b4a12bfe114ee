/// The outcome table in core/ is the one list of outcomes: every outcome has its row, the gate
/// list is the gate rule, and every report shows every outcome the table has.
#include <gtest/gtest.h>

#include <set>

#include "core/outcome_table.hpp"
#include "report/html_parts.hpp"
#include "report/html_render.hpp"
#include "report/junit_render.hpp"
#include "report/markdown_render.hpp"
#include "report/report_model.hpp"

namespace conform {
namespace {

using nlohmann::json;

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

/// A report with one case of each outcome in the table, summarized as conform summarizes.
json one_case_per_outcome() {
  json report = empty_report();
  report["complete"] = true;
  for (const std::string& name : outcome_names()) {
    report["cases"].push_back({{"id", "case-" + name},
                               {"api", "whippy-email"},
                               {"target", "http://127.0.0.1:1"},
                               {"requirements", json::array()},
                               {"outcome", name},
                               {"checks", json::array()},
                               {"note", ""},
                               {"duration_ms", 1.0},
                               {"curl", ""},
                               {"exchange", nullptr}});
  }
  report["summary"] = summarize_cases(report["cases"], 9.0);
  return report;
}

TEST(OutcomeTable, HasOneRowPerOutcomeAndItsNamesRoundTrip) {
  const int last = static_cast<int>(Outcome::skip);
  ASSERT_EQ(outcome_rows().size(), static_cast<size_t>(last + 1));
  std::set<std::string> names;
  for (int i = 0; i <= last; ++i) {
    const auto outcome = static_cast<Outcome>(i);
    const std::string name = outcome_name(outcome);
    names.insert(name);
    EXPECT_EQ(outcome_from_name(name), outcome) << name;
    ASSERT_NE(find_outcome_row(name), nullptr) << name;
    EXPECT_EQ(find_outcome_row(name)->outcome, outcome) << name;
  }
  EXPECT_EQ(names.size(), outcome_rows().size());
  EXPECT_EQ(outcome_from_name("BOGUS"), std::nullopt);
}

TEST(OutcomeTable, TheGateListIsTheGateRuleInDesignOrder) {
  EXPECT_EQ(gate_failing_outcome_names(),
            (std::vector<std::string>{"FAIL", "XPASS", "ERROR", "TIMEOUT", "REFUSED"}));
  for (const OutcomeRow& row : outcome_rows()) {
    EXPECT_EQ(outcome_fails_gate(row.name), fails_gate(row.outcome)) << row.name;
  }
  EXPECT_FALSE(fails_gate(Outcome::refused, /*refused_allowed=*/true));
  EXPECT_TRUE(fails_gate(Outcome::error, /*refused_allowed=*/true));
  EXPECT_TRUE(outcome_fails_gate("BOGUS"));
}

TEST(OutcomeTable, SeverityPutsFailuresWorstAndUnknownNamesWithError) {
  EXPECT_EQ(outcome_severity("BOGUS"), outcome_severity("ERROR"));
  EXPECT_EQ(outcome_kind("BOGUS"), OutcomeKind::unjudged);
  for (const OutcomeRow& row : outcome_rows()) {
    EXPECT_LE(row.severity, outcome_severity("FAIL")) << row.name;
    if (fails_gate(row.outcome)) {
      EXPECT_GT(row.severity, outcome_severity("XFAIL")) << row.name;
    }
  }
  EXPECT_EQ(outcome_names_by_kind(),
            (std::vector<std::string>{"PASS", "XFAIL", "OBSERVED", "FAIL", "XPASS", "ERROR",
                                      "TIMEOUT", "REFUSED", "SKIP"}));
}

TEST(OutcomeTable, TheSummaryCountsEveryJudgedOutcomeAndTheGateFails) {
  const json summary = one_case_per_outcome()["summary"];
  EXPECT_FALSE(summary["passed"].get<bool>());
  EXPECT_EQ(summary["total"], outcome_rows().size());
  for (const std::string& name : outcome_names()) {
    EXPECT_EQ(summary["counts"].value(name, 0), 1) << name;
  }
}

TEST(OutcomeTable, EveryReportShowsEveryOutcome) {
  const json report = one_case_per_outcome();
  const std::string markdown = render_markdown(report), html = render_html(report);
  std::string header = "| API | pass rate |";
  for (const std::string& name : outcome_names()) header += " " + name + " |";
  EXPECT_NE(markdown.find(header), std::string::npos) << markdown;
  for (const std::string& name : outcome_names()) {
    EXPECT_EQ(html::status_label(name).rfind("? ", 0), std::string::npos) << name;
    EXPECT_NE(html.find("<span>" + html::status_label(name) + "</span></div>"), std::string::npos)
        << "no card for " << name;
    EXPECT_NE(html.find("value=\"" + name + "\" checked"), std::string::npos)
        << "no filter for " << name;
  }
  EXPECT_NE(html.find("Statuses: PASS, XFAIL and OBSERVED pass the gate; FAIL, XPASS, ERROR, "
                      "TIMEOUT and REFUSED fail it"),
            std::string::npos);
}

TEST(OutcomeTable, JunitMapsEachKindToItsElement) {
  const std::string xml = render_junit(one_case_per_outcome());
  EXPECT_EQ(count(xml, "<failure "), 2u);  // FAIL, XPASS
  EXPECT_EQ(count(xml, "<error "), 3u);    // ERROR, TIMEOUT, REFUSED
  EXPECT_EQ(count(xml, "<skipped "), 2u);  // XFAIL, SKIP
  EXPECT_NE(xml.find("failures=\"2\" errors=\"3\" skipped=\"2\""), std::string::npos) << xml;
}

}  // namespace
}  // namespace conform
