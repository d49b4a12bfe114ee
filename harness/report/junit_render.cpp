#include "report/junit_render.hpp"

#include <map>
#include <sstream>
#include <vector>

#include "core/outcome_table.hpp"
#include "report/report_markup.hpp"
#include "report/report_model.hpp"
#include "report/report_view.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// The cases of one testsuite and their counts.
struct Suite {
  std::string name;
  std::string target;
  std::vector<const json*> cases;
  size_t failures = 0, errors = 0, skipped = 0;
  size_t unlisted_passes = 0;  ///< PASS cases `--report-cases failing` left out
  double ms = 0;
};

std::string attr(const std::string& value) {
  return "\"" + escape_markup(value) + "\"";
}

std::string failure_text(const json& entry) {
  std::ostringstream out;
  for (const json* failure : case_failures(entry)) {
    const json& f = *failure;
    out << f.value("check", "") << " [" << f.value("requirement", "") << "]";
    if (!f.value("locator", "").empty()) out << " (" << f.value("locator", "") << ")";
    out << "\n  " << f.value("message", "") << "\n";
    if (!f.value("pointer", "").empty()) out << "  pointer:  " << f.value("pointer", "") << "\n";
    out << "  expected: " << f.value("expected", "") << "\n  actual:   " << f.value("actual", "")
        << "\n";
  }
  if (!entry.value("note", "").empty()) out << "note: " << entry.value("note", "") << "\n";
  if (!entry.value("curl", "").empty()) out << "reproduce: " << entry.value("curl", "") << "\n";
  return out.str();
}

std::string first_message(const json& entry) {
  auto failures = case_failures(entry);
  if (!failures.empty()) return (*failures.front()).value("message", "");
  if (!entry.value("note", "").empty()) return entry.value("note", "");
  return entry.value("outcome", "") + std::string(" (") + entry.value("id", "") + ")";
}

std::string first_check(const json& entry) {
  auto failures = case_failures(entry);
  return failures.empty() ? entry.value("outcome", "") : (*failures.front()).value("check", "");
}

/// A REFUSED case of a run with --allow-refused: reported as skipped, not as an error.
bool refused_allowed(const json& entry) {
  return entry.value("outcome", "") == "REFUSED" && !case_fails_gate(entry);
}

/// The JUnit element a case becomes, from its outcome's kind: a judged failure is a <failure>, a
/// case that fails the gate without a verdict an <error>; an expected failure (XFAIL), a case not
/// sent and an allowed REFUSED case are <skipped>; the rest pass.
enum class JunitElement { none, failure, error, skipped };

JunitElement junit_element(const json& entry) {
  const std::string outcome = entry.value("outcome", "ERROR");
  switch (outcome_kind(outcome)) {
    case OutcomeKind::failed:
      return JunitElement::failure;
    case OutcomeKind::unjudged:
      return case_fails_gate(entry) ? JunitElement::error : JunitElement::skipped;
    case OutcomeKind::unsent:
      return JunitElement::skipped;
    case OutcomeKind::noted:
      return outcome == "XFAIL" ? JunitElement::skipped : JunitElement::none;
    case OutcomeKind::passed:
      return JunitElement::none;
  }
  return JunitElement::error;
}

/// `shrunk`: the counterexample whose first case this is, or nullptr.
void write_testcase(std::ostream& out, const json& entry, const json* shrunk) {
  const std::string outcome = entry.value("outcome", "ERROR");
  out << "    <testcase name=" << attr(entry.value("id", ""))
      << " classname=" << attr("conform." + entry.value("api", ""))
      << " time=" << attr(seconds_text(entry.value("duration_ms", 0.0))) << ">\n";
  const std::string message = outcome +
                              (refused_allowed(entry) ? " (allowed by --allow-refused)" : "") +
                              ": " + first_message(entry);
  const JunitElement element = junit_element(entry);
  if (element == JunitElement::failure) {
    out << "      <failure message=" << attr(message) << " type=" << attr(first_check(entry)) << ">"
        << escape_markup(failure_text(entry)) << "</failure>\n";
  } else if (element == JunitElement::error && outcome == "REFUSED") {  // the server refused it
    out << "      <error message=" << attr(message) << " type=\"REFUSED\"/>\n";
  } else if (element == JunitElement::error) {
    out << "      <error message=" << attr(message) << " type=" << attr(outcome) << ">"
        << escape_markup(failure_text(entry)) << "</error>\n";
  } else if (element == JunitElement::skipped) {
    out << "      <skipped message=" << attr(message) << "/>\n";
  }
  if (outcome_kind(outcome) == OutcomeKind::noted) {
    out << "      <system-out>" << escape_markup(failure_text(entry)) << "</system-out>\n";
  } else if (shrunk) {
    out << "      <system-out>" << escape_markup(counterexample_text(*shrunk)) << "</system-out>\n";
  }
  out << "    </testcase>\n";
}

std::vector<Suite> suites_of(const json& report) {
  const bool several_targets = report_targets(report).size() > 1;
  std::map<std::pair<std::string, std::string>, Suite> by_key;
  for (const auto& entry : report["cases"]) {
    const std::string api = entry.value("api", ""), target = entry.value("target", "");
    Suite& suite = by_key[{api, several_targets ? target : ""}];
    suite.name = several_targets ? api + " @ " + target : api;
    suite.target = target;
    suite.cases.push_back(&entry);
    const JunitElement element = junit_element(entry);
    suite.failures += element == JunitElement::failure;
    suite.errors += element == JunitElement::error;
    suite.skipped += element == JunitElement::skipped;
    suite.ms += entry.value("duration_ms", 0.0);
  }
  for (const auto& group : report.value("passing_cases", json::array())) {
    const std::string api = group.value("api", ""), target = group.value("target", "");
    Suite& suite = by_key[{api, several_targets ? target : ""}];
    suite.name = several_targets ? api + " @ " + target : api;
    suite.target = target;
    suite.unlisted_passes += group.value("cases", size_t{0});
  }
  std::vector<Suite> out;
  for (auto& [key, suite] : by_key) out.push_back(std::move(suite));
  return out;
}

/// "interrupted by SIGINT after 120 of 20567 cases" for each run a signal stopped.
std::vector<std::string> interruptions(const json& report) {
  std::vector<std::string> out;
  size_t ran = report["summary"].value("total", report["cases"].size());  // listed or not
  for (const auto& run : report["runs"]) {
    if (!run.contains("interrupted")) continue;
    const json& stop = run["interrupted"];
    out.push_back("interrupted by " + stop.value("signal", "a signal") + " after " +
                  std::to_string(ran) + " of " + std::to_string(stop.value("planned_cases", 0)) +
                  " cases; the cases below are the ones that ran");
  }
  return out;
}

/// An interrupted run shows in CI as one error of its own, so a partial report never reads green.
void write_interruptions(std::ostream& out, const std::vector<std::string>& notes) {
  if (notes.empty()) return;
  out << "  <testsuite name=\"conform.run\" tests=\"" << notes.size()
      << "\" failures=\"0\" errors=\"" << notes.size() << "\" skipped=\"0\" time=\"0.000\">\n";
  for (const auto& note : notes) {
    out << "    <testcase name=\"the-run-finished\" classname=\"conform.run\" time=\"0.000\">\n"
        << "      <error message=" << attr(note) << " type=\"INTERRUPTED\">" << escape_markup(note)
        << "</error>\n"
        << "    </testcase>\n";
  }
  out << "  </testsuite>\n";
}

}  // namespace

std::string render_junit(const json& report) {
  const std::vector<Suite> suites = suites_of(report);
  const std::vector<std::string> stops = interruptions(report);
  const auto shrunk = counterexamples_by_case(report);
  Suite all;
  all.errors = stops.size();
  for (const auto& suite : suites) {
    all.failures += suite.failures;
    all.errors += suite.errors;
    all.skipped += suite.skipped;
    all.ms += suite.ms;
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"conform\" tests=\""
      << report["cases"].size() + stops.size() << "\" failures=\"" << all.failures << "\" errors=\""
      << all.errors << "\" skipped=\"" << all.skipped << "\" time=\"" << seconds_text(all.ms)
      << "\">\n";
  for (const auto& suite : suites) {
    out << "  <testsuite name=" << attr(suite.name) << " tests=\"" << suite.cases.size()
        << "\" failures=\"" << suite.failures << "\" errors=\"" << suite.errors << "\" skipped=\""
        << suite.skipped << "\" time=\"" << seconds_text(suite.ms) << "\">\n"
        << "    <properties>\n      <property name=\"target\" value=" << attr(suite.target)
        << "/>\n";
    if (suite.unlisted_passes > 0) {
      out << "      <property name=\"passing_cases_not_listed\" value=\"" << suite.unlisted_passes
          << "\"/>\n";  // --report-cases failing
    }
    out << "    </properties>\n";
    for (const json* entry : suite.cases) {
      auto found = shrunk.find(entry->value("id", ""));
      write_testcase(out, *entry, found == shrunk.end() ? nullptr : found->second);
    }
    out << "  </testsuite>\n";
  }
  write_interruptions(out, stops);
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace conform
