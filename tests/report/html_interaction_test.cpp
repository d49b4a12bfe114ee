/// The HTML report used as a person uses it, in headless Chromium driven over DevTools: the
/// filters hide and show rows, the copy button's feedback matches what it did, the chart's rate
/// labels are never cut off, and a screenshot lands under the build directory.
#include <gtest/gtest.h>

#include <fstream>

#include "chromium_driver.hpp"
#include "report/html_render.hpp"
#include "report/report_model.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using namespace conform::test;
using nlohmann::json;

std::filesystem::path write_page(const std::filesystem::path& file, const std::string& html) {
  std::ofstream(file) << html;
  return file;
}

/// Rows and cases a person can see: "<data-api>|<data-outcome>" for each.
const char* const kVisibleRows =
    "Array.from(document.querySelectorAll('#matrix tr.row, details.case'))"
    ".filter(el => el.getClientRects().length > 0)"
    ".map(el => el.getAttribute('data-api') + '|' + el.getAttribute('data-outcome'))";

/// A report whose one API has `cases` passing cases, plus an API with a very long id.
json report_with_pass_count(size_t cases) {
  json report = empty_report();
  for (size_t i = 0; i < cases; ++i) {
    report["cases"].push_back({{"id", "capillary-message/case-" + std::to_string(i)},
                               {"api", "capillary-message"},
                               {"target", ""},
                               {"requirements", json::array()},
                               {"outcome", "PASS"},
                               {"checks", json::array()}});
  }
  report["cases"].push_back({{"id", "x/1"},
                             {"api", "an-api-whose-identifier-is-far-longer-than-any-today"},
                             {"target", ""},
                             {"requirements", json::array()},
                             {"outcome", "PASS"},
                             {"checks", json::array()}});
  report["complete"] = true;
  report["summary"]["total"] = cases + 1;
  report["summary"]["counts"]["PASS"] = cases + 1;
  report["summary"]["passed"] = true;
  return report;
}

class HtmlInteraction : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kChromiumPath)) {
      GTEST_SKIP() << "chromium is not installed (scripts/bootstrap installs it)";
    }
  }
};

TEST_F(HtmlInteraction, TheApiSelectAndTheOutcomeChipsHideAndShowRows) {
  auto dir = scratch_dir("browser-filters");
  ChromiumPage page(dir, 1400, 1000);
  page.open(write_page(dir / "report.html", render_html(sample_report())));
  const json all = page.evaluate(kVisibleRows);
  ASSERT_GT(all.size(), 20u);
  page.evaluate(
      "(() => { const s = document.getElementById('filter-api'); s.value = 'bigin-mail';"
      " s.dispatchEvent(new Event('change')); })()");
  const json bigin = page.evaluate(kVisibleRows);
  EXPECT_GT(bigin.size(), 0u);
  EXPECT_LT(bigin.size(), all.size());
  for (const auto& row : bigin)
    EXPECT_EQ(row.get<std::string>().rfind("bigin-mail|", 0), 0u) << row;
  EXPECT_EQ(page.evaluate("document.querySelectorAll('.bars .api')[0].getClientRects().length > 0"),
            true)
      << "the chart is not filtered";

  page.click(".filter-outcome[value='FAIL']");
  EXPECT_EQ(page.evaluate("document.querySelector(\".filter-outcome[value='FAIL']\").checked"),
            false);
  const json without_fail = page.evaluate(kVisibleRows);
  EXPECT_LT(without_fail.size(), bigin.size());
  for (const auto& row : without_fail)
    EXPECT_EQ(row.get<std::string>().find("|FAIL"), std::string::npos) << row;
  EXPECT_NE(page.evaluate("document.getElementById('filter-count').textContent")
                .get<std::string>()
                .find("requirement rows shown"),
            std::string::npos);

  page.click(".filter-outcome[value='FAIL']");
  page.evaluate(
      "(() => { const s = document.getElementById('filter-api'); s.value = '';"
      " s.dispatchEvent(new Event('change')); })()");
  EXPECT_EQ(page.evaluate(kVisibleRows), all) << "clearing the filters shows every row again";
}

/// What a click on the open case's copy button did: what the button said, what a paste into a
/// fresh text box gives, and what the page has selected.
struct CopyResult {
  std::string curl, said, pasted, selected;
};

CopyResult click_copy(ChromiumPage& page, bool trusted) {
  const std::string button = "details[open] button.copy";
  CopyResult r;
  r.curl = page.evaluate("document.getElementById(document.querySelector('" + button +
                         "').getAttribute('data-copy')).textContent");
  if (trusted) {
    page.click(button);
  } else {
    page.evaluate("document.querySelector('" + button + "').click()");  // no user gesture
  }
  for (int i = 0; i < 40 && (r.said.empty() || r.said == "Copy curl"); ++i) {
    r.said = page.evaluate("document.querySelector('" + button + "').textContent");
  }
  r.selected = page.evaluate("window.getSelection().toString()");
  page.evaluate(
      "(() => { const t = document.createElement('textarea'); document.body.appendChild(t);"
      " t.id = 'paste-' + document.querySelectorAll('textarea').length; t.focus(); })()");
  page.paste();
  r.pasted = page.evaluate("document.activeElement.value");
  return r;
}

TEST_F(HtmlInteraction, TheCopyButtonPutsTheCurlLineOnTheClipboardAndSaysCopied) {
  auto dir = scratch_dir("browser-copy");
  ChromiumPage page(dir, 1400, 1000);
  page.open(write_page(dir / "report.html", render_html(sample_report())));
  CopyResult r = click_copy(page, true);
  ASSERT_EQ(r.curl.rfind("curl ", 0), 0u) << r.curl;
  EXPECT_EQ(r.said, "Copied");
  EXPECT_EQ(r.pasted, r.curl) << "the clipboard holds the curl line the case shows";
}

TEST_F(HtmlInteraction, WhenTheBrowserRefusesToCopyTheButtonSelectsTheLineAndSaysPressCtrlC) {
  auto dir = scratch_dir("browser-copy-refused");
  ChromiumPage page(dir, 1400, 1000);
  page.open(write_page(dir / "report.html", render_html(sample_report())));
  CopyResult r =
      click_copy(page, false);  // a script's click carries no gesture: both copy paths refuse
  EXPECT_EQ(r.pasted, "") << "nothing reached the clipboard";
  EXPECT_EQ(r.said, "Press Ctrl+C") << "the button must not claim a copy that did not happen";
  EXPECT_EQ(r.selected, r.curl) << "the line is selected, ready for Ctrl+C";
}

/// The rate labels (and API names) of the chart at one viewport width: each one whose text
/// overflows its box, or whose box reaches past the chart's section.
json clipped_chart_labels(ChromiumPage& page) {
  return page.evaluate(
      "(() => { const box = document.querySelector('section.chart').getBoundingClientRect();"
      " return Array.from(document.querySelectorAll('.bars .rate, .bars .api'))"
      ".filter(el => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().right > "
      "box.right ||"
      " el.getBoundingClientRect().left < box.left)"
      ".map(el => el.textContent + ' (' + el.scrollWidth + '/' + el.clientWidth + ')'); })()");
}

TEST_F(HtmlInteraction, TheRateLabelIsNeverCutOffEvenFor100000Cases) {
  auto dir = scratch_dir("browser-chart");
  auto file = write_page(dir / "report.html", render_html(report_with_pass_count(100000)));
  for (int width : {1400, 1000, 700, 420}) {
    ChromiumPage page(dir / std::to_string(width), width, 800);
    page.open(file);
    const json rates = page.evaluate(
        "Array.from(document.querySelectorAll('.bars .rate')).map(el => el.textContent)");
    EXPECT_EQ(rates, json::array({"100% · 1/1", "100% · 100000/100000"})) << width;
    EXPECT_EQ(clipped_chart_labels(page), json::array()) << "at a " << width << " px wide window";
    if (width == 700) page.screenshot(dir / "chart-700.png");
  }
}

TEST_F(HtmlInteraction, AScreenshotAfterOpeningTheReportShowsTheFailuresFirst) {
  auto dir = scratch_dir("browser-ui");
  ChromiumPage page(dir, 1400, 1000);
  page.open(write_page(dir / "report.html", render_html(sample_report())));
  const json order = page.evaluate(
      "Array.from(document.querySelectorAll('main > section, main > div.overview, main > header'))"
      ".map(el => el.id || el.className)");
  EXPECT_EQ(order,
            json::array({"top bad", "overview", "filters", "failures", "matrix", "open-points"}));
  EXPECT_EQ(page.evaluate("document.querySelector('details.case').open"), true);
  EXPECT_EQ(page.evaluate("document.querySelectorAll('details.case[open]').length"), 1);
  const auto png = dir / "report.png";
  page.screenshot(png);
  ASSERT_TRUE(std::filesystem::exists(png));
  EXPECT_GT(std::filesystem::file_size(png), 20000u);
  EXPECT_EQ(slurp(png).substr(0, 8), "\x89PNG\r\n\x1a\n");
}

}  // namespace
}  // namespace conform
