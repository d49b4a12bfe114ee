/// JUnit XML from a JSON report, checked against the JUnit XSD with xmllint.
#include <gtest/gtest.h>

#include <fstream>

#include "report/junit_render.hpp"
#include "report/report_merge.hpp"
#include "report_samples.hpp"

namespace conform {
namespace {

using namespace conform::test;

/// xmllint's verdict on a document, against tests/report/junit.xsd.
int xmllint(const std::string& xml, const std::string& name, std::string& output) {
  auto file = scratch_dir("junit-" + name) / "report.xml";
  std::ofstream(file) << xml;
  return run_command("xmllint --noout --schema " CONFORM_SOURCE_DIR "/tests/report/junit.xsd '" +
                         file.string() + "'",
                     output);
}

TEST(JunitRender, TheDocumentKeepsTheJunitXsd) {
  std::string output;
  const std::string xml = render_junit(sample_report());
  EXPECT_EQ(xmllint(xml, "valid", output), 0) << output << "\n" << xml;
}

TEST(JunitRender, TheXsdCheckCanFail) {
  std::string xml = render_junit(sample_report());
  const std::string from = " classname=";
  xml.replace(xml.find(from), from.size(), " klass=");
  std::string output;
  EXPECT_NE(xmllint(xml, "invalid", output), 0) << "xmllint accepted a testcase without classname";
}

TEST(JunitRender, OneSuitePerApiAndOneTestcasePerCase) {
  const std::string xml = render_junit(sample_report());
  EXPECT_EQ(count(xml, "<testsuite "), 3u);
  EXPECT_EQ(count(xml, "<testcase "), sample_cases().size());
  EXPECT_NE(
      xml.find(
          "<testsuites name=\"conform\" tests=\"12\" failures=\"3\" errors=\"2\" skipped=\"1\""),
      std::string::npos)
      << xml.substr(0, 300);
  EXPECT_NE(
      xml.find(
          "<testsuite name=\"whippy-email\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\""),
      std::string::npos);
  EXPECT_NE(xml.find("type=\"status_code_conformance\""), std::string::npos);
  EXPECT_NE(xml.find("expected: 422"), std::string::npos);
}

TEST(JunitRender, ServerTextIsEscaped) {
  const std::string xml = render_junit(sample_report());
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(JunitRender, SeveralTargetsGetOneSuitePerApiAndTarget) {
  auto merged = merge_reports(
      {{"a", sample_report("http://a.example")}, {"b", sample_report("http://b.example")}}, false);
  const std::string xml = render_junit(merged);
  EXPECT_EQ(count(xml, "<testsuite "), 6u);
  EXPECT_NE(xml.find("name=\"bigin-mail @ http://b.example\""), std::string::npos);
  std::string output;
  EXPECT_EQ(xmllint(xml, "merged", output), 0) << output;
}

}  // namespace
}  // namespace conform
