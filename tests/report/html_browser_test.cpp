/// The HTML report in a real browser (headless Chromium): it loads without console errors, the
/// script runs, the matrix shows the failures, and a screenshot lands under the build directory.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "report/html_render.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using namespace conform::test;

const char* const kChromium = "/usr/bin/chromium";

std::string chromium_command(const std::filesystem::path& profile, const std::string& extra) {
  return std::string("timeout 90 ") + kChromium +
         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
         " --disable-background-networking --disable-component-update --disable-sync"
         " --hide-scrollbars --user-data-dir='" +
         profile.string() + "' " + extra;
}

/// What Chromium reported about a page: its DOM after scripts ran, and its console lines.
struct PageLoad {
  std::string dom;
  std::string console;
};

PageLoad load_page(const std::filesystem::path& dir, const std::filesystem::path& page) {
  const auto dom = dir / "dom.html", log = dir / "chromium.log";
  std::string out;
  run_command("(" +
                  chromium_command(dir / "profile-dom",
                                   "--enable-logging=stderr --v=0 --dump-dom"
                                   " 'file://" +
                                       page.string() + "'") +
                  " > '" + dom.string() + "' 2> '" + log.string() + "')",
              out);
  PageLoad load{slurp(dom), ""};
  std::istringstream lines(slurp(log));
  for (std::string line; std::getline(lines, line);) {
    if (line.find("CONSOLE") != std::string::npos) load.console += line + "\n";
  }
  return load;
}

std::filesystem::path write_page(const std::filesystem::path& file, const std::string& html) {
  std::ofstream(file) << html;
  return file;
}

class HtmlBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kChromium)) {
      GTEST_SKIP() << "chromium is not installed (scripts/bootstrap installs it)";
    }
  }
};

TEST_F(HtmlBrowser, ThePageLoadsWithoutConsoleErrorsAndShowsTheFailures) {
  auto dir = scratch_dir("browser");
  auto page = write_page(dir / "report.html", render_html(sample_report()));
  PageLoad load = load_page(dir, page);
  ASSERT_NE(load.dom.find("</html>"), std::string::npos) << "no DOM dumped";
  EXPECT_EQ(load.console, "") << "console messages while loading the report";
  EXPECT_NE(load.dom.find("data-ready=\"true\""), std::string::npos) << "the script did not run";
  EXPECT_NE(load.dom.find("requirement rows shown"), std::string::npos);
  EXPECT_NE(load.dom.find("<code>whippy-email.sender_email.invalid-422</code>"), std::string::npos);
  EXPECT_NE(load.dom.find("data-outcome=\"FAIL\""), std::string::npos);
  EXPECT_EQ(load.dom.find("<script>alert(1)"), std::string::npos);
}

TEST_F(HtmlBrowser, TheConsoleCheckCatchesAScriptError) {
  auto dir = scratch_dir("browser-broken");
  auto page =
      write_page(dir / "broken.html",
                 "<!DOCTYPE html><html><body><script>no_such_function();</script></body></html>");
  EXPECT_NE(load_page(dir, page).console.find("no_such_function"), std::string::npos);
}

TEST_F(HtmlBrowser, AScreenshotIsWrittenUnderTheBuildDirectory) {
  auto dir = scratch_dir("browser-shot");
  auto page = write_page(dir / "report.html", render_html(sample_report()));
  const auto png = dir / "report.png";
  std::string out;
  run_command(chromium_command(dir / "profile-shot", "--screenshot='" + png.string() +
                                                         "' --window-size=1400,1000 'file://" +
                                                         page.string() + "'"),
              out);
  ASSERT_TRUE(std::filesystem::exists(png)) << out;
  EXPECT_GT(std::filesystem::file_size(png), 20000u);
  EXPECT_EQ(slurp(png).substr(0, 8), "\x89PNG\r\n\x1a\n");
}

}  // namespace
}  // namespace conform
