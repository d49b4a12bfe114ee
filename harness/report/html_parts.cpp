#include <algorithm>
#include <cstdio>
#include <set>

#include "core/outcome_table.hpp"
#include "report/html_parts.hpp"
#include "report/report_markup.hpp"
#include "report/report_model.hpp"
#include "report/report_view.hpp"

namespace conform::html {
namespace {

using nlohmann::json;

std::string esc(const std::string& text) {
  return escape_markup(text);
}

std::string readable_check(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string percent(double rate) {
  return std::to_string(static_cast<int>(rate * 100 + 0.5)) + "%";
}

std::string fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string row_attributes(const std::string& api, const std::string& status) {
  return " data-api=\"" + esc(api) + "\" data-outcome=\"" + esc(status) + "\"";
}

void write_cell(std::ostream& out, const Cell& cell) {
  out << "<td class=\"cell " << status_class(cell.status) << "\" title=\"" << cell.cases
      << " case(s)\">" << status_label(cell.status) << "</td>";
}

/// The requirement: id, summary and doc locator; on one line when no case covered it.
void write_requirement_cell(std::ostream& out, const MatrixRow& row) {
  const bool compact = row.overall.status == "NOT RUN";
  const char* block = compact ? "span" : "div";
  out << "<td class=\"req" << (compact ? " compact" : "") << "\"><code>" << esc(row.id)
      << "</code>";
  if (!row.summary.empty()) {
    out << " <" << block << " class=\"summary\">" << esc(row.summary) << "</" << block << ">";
  }
  if (!row.locator.empty()) {
    out << " <" << block << " class=\"locator\">doc " << esc(row.locator) << "</" << block << ">";
  }
  out << "</td>";
}

void write_exchange(std::ostream& out, const json& exchange) {
  if (!exchange.is_object()) return;
  const json& request = exchange["request"];
  out << "<div class=\"exchange\"><div><h4>Request</h4><pre>" << esc(request.value("method", ""))
      << " " << esc(request.value("path", "")) << "\n";
  for (const auto& header : request["headers"]) {
    out << esc(header.value("name", "")) << ": " << esc(header.value("value", "")) << "\n";
  }
  out << "\n" << esc(request.value("body", "")) << "</pre></div><div><h4>Response</h4><pre>";
  const json& response = exchange["response"];
  if (response.is_object()) {
    out << "HTTP " << response.value("status", 0) << "\n";
    for (const auto& header : response["headers"]) {
      out << esc(header.value("name", "")) << ": " << esc(header.value("value", "")) << "\n";
    }
    out << "\n" << esc(response.value("body", ""));
    if (response.value("body_truncated", false)) out << "\n… (truncated)";
  } else {
    out << "no response: " << esc(exchange.value("transport_error", ""))
        << (exchange.value("timed_out", false) ? " (timed out)" : "");
  }
  out << "</pre></div></div>\n";
}

void write_failure_table(std::ostream& out, const json& entry) {
  auto failures = case_failures(entry);
  if (failures.empty()) return;
  out << "<table class=\"failures\"><thead><tr><th>check</th><th>requirement · doc</th>"
         "<th>pointer</th><th>expected</th><th>actual</th></tr></thead><tbody>\n";
  for (const json* f : failures) {
    out << "<tr><td><code>" << esc(f->value("check", "")) << "</code></td><td><code>"
        << esc(f->value("requirement", "")) << "</code><div class=\"locator\">doc "
        << esc(f->value("locator", "")) << "</div></td><td><code>" << esc(f->value("pointer", ""))
        << "</code></td><td class=\"expected\"><pre>" << esc(f->value("expected", ""))
        << "</pre></td><td class=\"actual\"><pre>" << esc(f->value("actual", ""))
        << "</pre></td></tr>\n<tr class=\"message\"><td colspan=\"5\">"
        << esc(f->value("message", "")) << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

void write_case(std::ostream& out, const json& entry, size_t index, bool several_targets,
                bool open) {
  const std::string outcome = entry.value("outcome", "ERROR");
  auto failures = case_failures(entry);
  const std::string headline =
      failures.empty() ? entry.value("note", "") : failures.front()->value("message", "");
  out << "<details class=\"case\"" << row_attributes(entry.value("api", ""), outcome)
      << (open ? " open" : "") << "><summary>" << badge(outcome) << " <code>"
      << esc(entry.value("id", "")) << "</code>";
  if (several_targets)
    out << " <span class=\"target\">@ " << esc(entry.value("target", "")) << "</span>";
  out << " <span class=\"headline\">" << esc(headline)
      << "</span></summary>\n<div class=\"body\">\n";
  if (!entry.value("note", "").empty())
    out << "<p class=\"note\">" << esc(entry["note"]) << "</p>\n";
  write_failure_table(out, entry);
  write_exchange(out, entry["exchange"]);
  if (!entry.value("curl", "").empty()) {
    out << "<div class=\"curl\"><button type=\"button\" class=\"copy\" data-copy=\"curl-" << index
        << "\">Copy curl</button><pre id=\"curl-" << index << "\">" << esc(entry["curl"])
        << "</pre></div>\n";
  }
  out << "</div></details>\n";
}

void write_chart_legend(std::ostream& out) {
  out << "<p class=\"chart-key\">";
  for (const std::string& outcome : outcome_names_by_kind()) {
    out << "<span><i class=\"swatch " << status_class(outcome) << "\"></i>" << outcome << "</span>";
  }
  out << "</p>\n";
}

/// One API: its name, a bar of its outcomes, and the rate as text ("75% · 3/4"), which sits in a
/// column as wide as its text so it is never cut off.
void write_chart_row(std::ostream& out, const Tally& tally) {
  out << "<div class=\"bar-row\" data-api=\"" << esc(tally.name) << "\"><span class=\"api\">"
      << esc(tally.name) << "</span><span class=\"track\">";
  for (const std::string& outcome : outcome_names_by_kind()) {
    auto found = tally.counts.find(outcome);
    if (found == tally.counts.end() || tally.total == 0) continue;
    out << "<span class=\"swatch " << status_class(outcome)
        << "\" style=\"width:" << fixed(100.0 * double(found->second) / double(tally.total))
        << "%\" title=\"" << esc(tally.name) << ": " << found->second << " " << outcome
        << "\"></span>";
  }
  out << "</span><span class=\"rate\">" << percent(tally.pass_rate()) << " · " << tally.good()
      << "/" << tally.total << "</span></div>\n";
}

}  // namespace

void write_chart(std::ostream& out, const json& report) {
  out << "<div class=\"bars\" role=\"group\" aria-label=\"pass rate per API\">\n";
  for (const Tally& tally : tally_by_api(report)) write_chart_row(out, tally);
  out << "</div>\n";
  write_chart_legend(out);
}

void write_matrix(std::ostream& out, const json& report) {
  const auto checks = report_checks(report);
  const auto tallies = tally_by_api(report);
  out << "<section class=\"matrix\"><h2>Conformance matrix</h2>\n<table id=\"matrix\"><thead><tr>"
         "<th class=\"req\">requirement</th><th>outcome</th>";
  for (const auto& check : checks) {
    out << "<th class=\"check\" title=\"" << esc(check) << "\">" << esc(readable_check(check))
        << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  std::string api;
  for (const MatrixRow& row : requirement_matrix(report)) {
    if (row.api != api) {
      api = row.api;
      auto tally = std::find_if(tallies.begin(), tallies.end(),
                                [&](const Tally& t) { return t.name == api; });
      out << "<tr class=\"group\" data-api=\"" << esc(api) << "\"><th colspan=\""
          << checks.size() + 2 << "\">" << esc(api) << " <span class=\"muted\">"
          << (tally == tallies.end() ? "no cases"
                                     : percent(tally->pass_rate()) + " of " +
                                           std::to_string(tally->total) + " cases pass")
          << "</span></th></tr>\n";
    }
    out << "<tr class=\"row\"" << row_attributes(row.api, row.overall.status) << ">";
    write_requirement_cell(out, row);
    write_cell(out, row.overall);
    for (const auto& check : checks) {
      auto found = row.by_check.find(check);
      write_cell(out, found == row.by_check.end() ? Cell{} : found->second);
    }
    out << "</tr>\n";
  }
  out << "</tbody></table></section>\n";
}

void write_target_matrix(std::ostream& out, const json& report) {
  const auto targets = report_targets(report);
  if (targets.size() < 2) return;
  out << "<section class=\"matrix targets\"><h2>Targets side by side <span class=\"muted\">(a mark "
         "at the left: the targets disagree)</span></h2>\n<table id=\"target-matrix\">"
         "<thead><tr><th class=\"req\">requirement</th>";
  for (const auto& target : targets)
    out << "<th class=\"target\"><code>" << esc(target) << "</code></th>";
  out << "</tr></thead>\n<tbody>\n";
  std::string api;
  for (const MatrixRow& row : requirement_matrix(report)) {
    if (row.api != api) {
      api = row.api;
      out << "<tr class=\"group\" data-api=\"" << esc(api) << "\"><th colspan=\""
          << targets.size() + 1 << "\">" << esc(api) << "</th></tr>\n";
    }
    std::set<std::string> statuses;
    for (const auto& target : targets) {
      auto found = row.by_target.find(target);
      statuses.insert(found == row.by_target.end() ? "NOT RUN" : found->second.status);
    }
    const bool differs = statuses.size() > 1;
    out << "<tr class=\"row" << (differs ? " differs" : "") << "\""
        << row_attributes(row.api, row.overall.status) << ">";
    write_requirement_cell(out, row);
    for (const auto& target : targets) {
      auto found = row.by_target.find(target);
      write_cell(out, found == row.by_target.end() ? Cell{} : found->second);
    }
    out << "</tr>\n";
  }
  out << "</tbody></table></section>\n";
}

void write_failures(std::ostream& out, const json& report, bool open_first) {
  const auto cases = noteworthy_cases(report);
  const bool several_targets = report_targets(report).size() > 1;
  out << "<section class=\"cases\" id=\"failures\"><h2>Failures and observations <span "
         "class=\"muted\">("
      << cases.size() << ")</span></h2>\n";
  if (cases.empty())
    out << "<p class=\"muted\">No case failed and none recorded an observation.</p>\n";
  for (size_t i = 0; i < cases.size(); ++i) {
    const bool open = open_first && i == 0 && case_fails_gate(*cases[i]);
    write_case(out, *cases[i], i, several_targets, open);
  }
  out << "</section>\n";
}

}  // namespace conform::html
