#include "report/html_render.hpp"

#include <sstream>

#include "core/outcome_table.hpp"
#include "report/html_parts.hpp"
#include "report/open_points_view.hpp"
#include "report/report_markup.hpp"
#include "report/report_view.hpp"

namespace conform {
namespace {

using html::badge;
using nlohmann::json;

std::string esc(const std::string& text) {
  return escape_markup(text);
}

/// "Statuses: PASS, XFAIL and OBSERVED pass the gate; FAIL, … fail it; …", from the outcome table.
std::string gate_legend() {
  std::vector<std::string> passing, failing, unsent;
  for (const OutcomeRow& row : outcome_rows()) {
    if (row.kind == OutcomeKind::unsent) {
      unsent.emplace_back(row.name);
    } else {
      (fails_gate(row.outcome) ? failing : passing).emplace_back(row.name);
    }
  }
  return "Statuses: " + spoken_list(passing) + " pass the gate; " + spoken_list(failing) +
         " fail it (REFUSED: still 429/503 after the retries, no verdict, unless "
         "--allow-refused); " +
         spoken_list(unsent) + " was not sent.";
}

void write_head(std::ostream& out, const json& report) {
  const bool passed = report["summary"].value("passed", false);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>conform report: "
      << (passed ? "passed" : "failed") << "</title>\n<style>" << html::stylesheet()
      << "</style>\n</head>\n<body>\n";
}

void write_run_list(std::ostream& out, const json& report) {
  out << "<dl class=\"runs\">\n";
  for (const auto& run : report["runs"]) {
    out << "<div><dt>target</dt><dd><code>" << esc(run.value("target", "")) << "</code></dd>"
        << "<dt>mode</dt><dd>" << esc(run.value("mode", "")) << "</dd>"
        << "<dt>conform</dt><dd>" << esc(run.value("tool_version", "")) << "</dd>";
    if (!run.value("shard", "").empty())
      out << "<dt>shard</dt><dd>" << esc(run["shard"]) << "</dd>";
    if (!run["seed"].is_null()) out << "<dt>seed</dt><dd>" << esc(run["seed"].dump()) << "</dd>";
    out << "<dt>started</dt><dd>" << esc(run.value("started_at", "")) << "</dd></div>\n";
  }
  out << "</dl>\n";
}

void write_header(std::ostream& out, const json& report) {
  const json& summary = report["summary"];
  const bool passed = summary.value("passed", false);
  const size_t total = summary.value("total", 0);
  size_t bad = 0;
  for (const std::string& outcome : gate_failing_outcome_names()) {
    bad += summary["counts"].value(outcome, 0);
  }
  out << "<header class=\"top " << (passed ? "ok" : "bad") << "\">\n<h1>conform report</h1>\n"
      << "<p class=\"verdict\">" << (passed ? "✓ Passed" : "✗ Failed") << " <span>"
      << (passed ? "every case keeps the contracts or is a documented deviation"
                 : std::to_string(bad) + " of " + std::to_string(total) + " cases fail the gate")
      << "</span></p>\n";
  if (std::string partial = incompleteness(report); !partial.empty()) {
    out << "<p class=\"warning\">⚠ " << escape_markup(partial) << "</p>\n";
  }
  write_run_list(out, report);
  out << "</header>\n";
}

void write_cards(std::ostream& out, const json& summary) {
  out << "<section class=\"cards\">\n";
  for (const std::string& outcome : outcome_names()) {
    out << "<div class=\"card " << html::status_class(outcome) << "\"><b>"
        << summary["counts"].value(outcome, 0) << "</b><span>" << html::status_label(outcome)
        << "</span></div>\n";
  }
  out << "<div class=\"card total\"><b>" << summary.value("total", 0)
      << "</b><span>cases in all</span></div>\n</section>\n";
}

void write_filters(std::ostream& out, const json& report) {
  out << "<section class=\"filters\" id=\"filters\">\n<label>API <select id=\"filter-api\">"
         "<option value=\"\">all APIs</option>";
  for (const Tally& tally : tally_by_api(report)) {
    out << "<option value=\"" << esc(tally.name) << "\">" << esc(tally.name) << "</option>";
  }
  out << "</select></label>\n<span class=\"outcome-filters\">Outcome ";
  std::vector<std::string> statuses = outcome_names();
  statuses.emplace_back("NOT RUN");
  for (const std::string& outcome : statuses) {
    out << "<label class=\"chip " << html::status_class(outcome)
        << "\"><input type=\"checkbox\" class=\"filter-outcome\" value=\"" << outcome
        << "\" checked> " << outcome << "</label>";
  }
  out << "</span>\n<span id=\"filter-count\" class=\"muted\"></span>\n</section>\n";
}

/// The requirement view's open points, as a table (see open_points_view.hpp).
void write_open_points(std::ostream& out, const json& report) {
  auto rows = observed_open_points(report);
  size_t registered = registered_open_points(report);
  if (rows.empty() && registered == 0) return;
  out << "<section class=\"open-points\" id=\"open-points\">\n<h2>Open points</h2>\n<p "
         "class=\"muted\">"
      << registered
      << " registered open points (<code>conform list --open</code>): the pages leave them open, "
         "so an "
         "exchange there is OBSERVED, never FAIL.</p>\n";
  if (!rows.empty()) {
    out << "<table>\n<thead><tr><th>API</th><th>open point</th><th>observed</th><th>permitted "
           "answers</th>"
           "<th>why it is open</th></tr></thead>\n<tbody>\n";
    for (const auto& r : rows) {
      out << "<tr><td>" << esc(r.api) << "</td><td><code>" << esc(r.id) << "</code></td><td>"
          << r.observed << "</td><td>" << esc(r.permitted) << "</td><td>" << esc(r.sentence)
          << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
  }
  out << "</section>\n";
}

bool has_counterexamples(const json& report) {
  auto list = report.find("counterexamples");
  return list != report.end() && !list->empty();
}

/// A fuzz run's shrunk failure groups, above the failures: the first thing to read, the first
/// one open.
void write_counterexamples(std::ostream& out, const json& report) {
  if (!has_counterexamples(report)) return;
  auto list = report.find("counterexamples");
  out << "<section class=\"cases counterexamples\" id=\"counterexamples\">\n<h2>Shrunk "
         "counterexamples "
         "<span class=\"muted\">("
      << list->size() << ")</span></h2>\n";
  for (size_t i = 0; i < list->size(); ++i) {
    const json& c = (*list)[i];
    std::string where = c.value("pointer", "").empty() ? "" : " at " + c.value("pointer", "");
    out << "<details class=\"case\" data-api=\"" << esc(c.value("api", "")) << "\" data-outcome=\""
        << esc(c.value("outcome", "")) << "\"" << (i == 0 ? " open" : "") << "><summary>"
        << badge(c.value("outcome", "")) << " <code>" << esc(c.value("api", "")) << "</code> "
        << esc(c.value("check", "") + where) << " <span class=\"muted\">" << c.value("cases", 0)
        << " case(s)</span></summary>\n<p>" << esc(c.value("message", ""))
        << "</p>\n<p class=\"muted\">first case " << esc(c.value("first_case", "")) << "</p>\n<pre>"
        << esc(c.value("minimal_body", "")) << "</pre>\n<pre>" << esc(c.value("curl", ""))
        << "</pre>\n</details>\n";
  }
  out << "</section>\n";
}

}  // namespace

/// The page reads top down: the verdict and the chart, the filters, what failed (a fuzz run's
/// shrunk counterexamples, then every noteworthy case), and only then the matrices and the open
/// points. One item is open on load: the first counterexample when there is one (it is the
/// minimal form of a failure below, so the failures stay closed), else the first failing case.
std::string render_html(const json& report) {
  std::ostringstream out;
  write_head(out, report);
  out << "<main>\n";
  write_header(out, report);
  out << "<div class=\"overview\">\n<section class=\"chart\">\n<h2>Pass rate per API</h2>\n";
  html::write_chart(out, report);
  out << "</section>\n";
  write_cards(out, report["summary"]);
  out << "</div>\n";
  write_filters(out, report);
  write_counterexamples(out, report);
  html::write_failures(out, report, !has_counterexamples(report));
  html::write_matrix(out, report);
  html::write_target_matrix(out, report);
  write_open_points(out, report);
  out << "<footer>Generated by conform from a version " << report.value("report_version", 0)
      << " JSON report. " << esc(gate_legend()) << "</footer>\n</main>\n<script>" << html::script()
      << "</script>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace conform
