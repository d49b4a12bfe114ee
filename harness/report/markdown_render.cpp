#include "report/markdown_render.hpp"

#include <sstream>

#include "core/outcome_table.hpp"
#include "report/open_points_view.hpp"
#include "report/report_markup.hpp"
#include "report/report_model.hpp"
#include "report/report_view.hpp"

namespace conform {
namespace {

using nlohmann::json;

const char* outcome_icon(const std::string& outcome) {
  switch (outcome_kind(outcome)) {
    case OutcomeKind::passed:
      return "✅";
    case OutcomeKind::noted:
      return "ℹ️";
    case OutcomeKind::unjudged:
      return "⚠️";
    case OutcomeKind::unsent:
      return "⏭️";
    case OutcomeKind::failed:
      return "❌";
  }
  return "❌";
}

/// A fenced code block whose fence is longer than any backtick run inside.
std::string code_block(const std::string& text, const char* language) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  return fence + language + "\n" + text + "\n" + fence + "\n";
}

void write_header(std::ostream& out, const json& report) {
  const json& summary = report["summary"];
  const bool passed = summary.value("passed", false);
  out << "## conform: " << (passed ? "✅ passed" : "❌ failed") << " — " << summary.value("total", 0)
      << " cases\n\n";
  for (const auto& run : report["runs"]) {
    out << "- target `" << markdown_cell(run.value("target", "")) << "`, conform "
        << markdown_cell(run.value("tool_version", "")) << ", "
        << markdown_cell(run.value("mode", ""))
        << (run.value("shard", "").empty() ? "" : ", shard " + run.value("shard", ""))
        << (run["seed"].is_null() ? "" : ", seed " + run["seed"].dump()) << ", started "
        << markdown_cell(run.value("started_at", "")) << "\n";
  }
  if (std::string partial = incompleteness(report); !partial.empty())
    out << "\n> ⚠️ " << partial << "\n";
  out << "\n";
}

void write_status_table(std::ostream& out, const json& report) {
  out << "| API | pass rate |";
  const std::vector<std::string> outcomes = outcome_names();
  for (const std::string& outcome : outcomes) out << " " << outcome << " |";
  out << "\n|---|---|";
  for (size_t i = 0; i < outcomes.size(); ++i) out << "---:|";
  out << "\n";
  for (const Tally& tally : tally_by_api(report)) {
    out << "| " << (tally.good() == tally.total ? "✅ " : "❌ ") << markdown_cell(tally.name) << " | "
        << static_cast<int>(tally.pass_rate() * 100 + 0.5) << "% (" << tally.good() << "/"
        << tally.total << ") |";
    for (const std::string& outcome : outcomes) {
      auto found = tally.counts.find(outcome);
      out << " " << (found == tally.counts.end() ? 0 : found->second) << " |";
    }
    out << "\n";
  }
  out << "\n";
}

/// The checks that ran, each with its share of the judged cases when it missed some: a check
/// that did not run is never shown as passed.
void write_checks_run(std::ostream& out, const json& report) {
  const CheckRuns runs = check_runs(report);
  if (runs.judged == 0) return;
  out << "Checks run:";
  const char* separator = " ";
  for (const auto& [name, cases] : runs.cases) {
    out << separator << "`" << markdown_cell(name) << "`";
    if (cases < runs.judged) out << " (" << cases << " of " << runs.judged << " cases)";
    separator = ", ";
  }
  out << ". A check not named here did not run.\n\n";
}

void write_failure(std::ostream& out, const json& entry) {
  const std::string outcome = entry.value("outcome", "");
  out << "#### " << outcome_icon(outcome) << " " << outcome << " `"
      << markdown_cell(entry.value("id", "")) << "`\n\n";
  if (!entry.value("note", "").empty()) out << markdown_cell(entry.value("note", "")) << "\n\n";
  auto failures = case_failures(entry);
  if (!failures.empty()) {
    out << "| check | requirement | locator | pointer | expected | actual | message |\n"
           "|---|---|---|---|---|---|---|\n";
    for (const json* f : failures) {
      out << "| " << markdown_cell(f->value("check", "")) << " | "
          << markdown_cell(f->value("requirement", "")) << " | "
          << markdown_cell(f->value("locator", "")) << " | "
          << markdown_cell(f->value("pointer", "")) << " | "
          << markdown_cell(f->value("expected", "")) << " | "
          << markdown_cell(f->value("actual", "")) << " | "
          << markdown_cell(f->value("message", "")) << " |\n";
    }
    out << "\n";
  }
  if (!entry.value("curl", "").empty()) out << code_block(entry.value("curl", ""), "sh") << "\n";
}

void write_failures(std::ostream& out, const json& report) {
  std::vector<const json*> gate, observed;
  for (const json* entry : noteworthy_cases(report)) {
    (case_fails_gate(*entry) ? gate : observed).push_back(entry);
  }
  if (!gate.empty()) out << "### Failures\n\n";
  for (size_t i = 0; i < gate.size() && i < kMarkdownFailureLimit; ++i)
    write_failure(out, *gate[i]);
  if (gate.size() > kMarkdownFailureLimit) {
    out << "…and " << gate.size() - kMarkdownFailureLimit << " more (see the HTML report).\n\n";
  }
  if (observed.empty()) return;
  out << "### Observations and known deviations\n\n";
  for (const json* entry : observed) {
    auto failures = case_failures(*entry);
    out << "- " << (*entry).value("outcome", "") << " `" << markdown_cell((*entry).value("id", ""))
        << "`: "
        << markdown_cell(failures.empty() ? (*entry).value("note", "")
                                          : failures.front()->value("message", ""))
        << "\n";
  }
  out << "\n";
}

/// A fuzz run's shrunk failure groups, each with its minimal case.
void write_counterexamples(std::ostream& out, const json& report) {
  auto list = report.find("counterexamples");
  if (list == report.end() || list->empty()) return;
  out << "### Shrunk counterexamples\n\nOne per API, check and pointer: the smallest failing case "
         "found.\n\n";
  for (const auto& c : *list) {
    std::string where =
        c.value("pointer", "").empty() ? "" : " at `" + markdown_cell(c.value("pointer", "")) + "`";
    out << "- **" << markdown_cell(c.value("outcome", "")) << "** `"
        << markdown_cell(c.value("api", "")) << "` " << markdown_cell(c.value("check", "")) << where
        << ": " << c.value("cases", 0) << " case(s). " << markdown_cell(c.value("message", ""))
        << "\n\n";
    out << code_block(c.value("minimal_body", ""), "json") << "\n"
        << code_block(c.value("curl", ""), "sh") << "\n";
  }
}

/// The requirement view's open points: what the pages leave open, and how often this run saw
/// a server take the answer the mock does not.
void write_open_points(std::ostream& out, const json& report) {
  auto rows = observed_open_points(report);
  size_t registered = registered_open_points(report);
  if (rows.empty() && registered == 0) return;
  out << "### Open points\n\n"
      << registered
      << " registered open points (`conform list --open`): the pages leave them open, so an "
         "exchange "
         "there is OBSERVED, never FAIL.\n\n";
  if (rows.empty()) return;
  out << "| API | open point | observed | permitted answers | why it is open "
         "|\n|---|---|---|---|---|\n";
  for (const auto& r : rows) {
    out << "| " << markdown_cell(r.api) << " | `" << markdown_cell(r.id) << "` | " << r.observed
        << " | " << markdown_cell(r.permitted) << " | " << markdown_cell(r.sentence) << " |\n";
  }
  out << "\n";
}

}  // namespace

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : escape_markup(text)) {
    if (c == '|')
      out += "\\|";
    else if (c == '`')
      out += "&#96;";
    else if (c == '\n')
      out += "<br>";
    else if (c != '\r')
      out += c;
  }
  return out;
}

std::string render_markdown(const json& report) {
  std::ostringstream out;
  write_header(out, report);
  write_status_table(out, report);
  write_checks_run(out, report);
  write_counterexamples(out, report);
  write_failures(out, report);
  write_open_points(out, report);
  return out.str();
}

}  // namespace conform
