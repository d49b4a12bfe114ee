#include "report/report_view.hpp"

#include <algorithm>
#include <set>

#include "core/outcome_table.hpp"
#include "report/report_model.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// How bad a status is: "NOT RUN" is 0, as SKIP (not sent); an outcome has its table severity.
int rank(const std::string& status) {
  return status == "NOT RUN" ? 0 : outcome_severity(status);
}

bool names_requirement(const json& entry, const std::string& requirement) {
  for (const auto& id : entry["requirements"]) {
    if (id == requirement) return true;
  }
  return false;
}

/// A failure counts against `requirement` when it names it, or when it names none of the case's
/// requirements (then it counts against all of them).
bool failure_belongs(const json& failure, const json& entry, const std::string& requirement) {
  const std::string named = failure.value("requirement", "");
  return named == requirement ||
         (!names_requirement(entry, named) && names_requirement(entry, requirement));
}

bool covers(const json& entry, const std::string& requirement) {
  if (names_requirement(entry, requirement)) return true;
  for (const json* failure : case_failures(entry)) {
    if ((*failure)["requirement"] == requirement) return true;
  }
  return false;
}

std::string status_for(const json& entry, const std::string& requirement) {
  const std::string outcome = entry["outcome"];
  if (outcome != "FAIL" && outcome != "XFAIL" && outcome != "OBSERVED") return outcome;
  for (const json* failure : case_failures(entry)) {
    if (failure_belongs(*failure, entry, requirement)) return outcome;
  }
  return "PASS";
}

std::string check_status_for(const json& check, const json& entry, const std::string& requirement) {
  const std::string outcome = entry["outcome"];
  if (outcome_kind(outcome) == OutcomeKind::unjudged) return outcome;  // nothing judged
  if (outcome_kind(outcome) == OutcomeKind::unsent) return "NOT RUN";  // not sent
  for (const auto& failure : check["failures"]) {
    if (failure_belongs(failure, entry, requirement)) return outcome;
  }
  return "PASS";
}

void merge_cell(Cell& cell, const std::string& status, size_t cases = 1) {
  cell.status = worse_status(cell.status, status);
  cell.cases += cases;
}

/// The unlisted PASS cases (`--report-cases failing`), by API, target, requirements and checks.
const json& passing_cases(const json& report) {
  static const json none = json::array();
  auto found = report.find("passing_cases");
  return found == report.end() ? none : *found;
}

/// Unlisted PASS cases count toward every requirement they name, for every check they ran.
void fill_row_with_passing(MatrixRow& row, const json& report) {
  for (const auto& group : passing_cases(report)) {
    if (group["api"] != row.api || !names_requirement(group, row.id)) continue;
    size_t cases = group.value("cases", size_t{1});
    merge_cell(row.overall, "PASS", cases);
    merge_cell(row.by_target[group.value("target", "")], "PASS", cases);
    for (const auto& name : group["checks"])
      merge_cell(row.by_check[name.get<std::string>()], "PASS", cases);
  }
}

void fill_row(MatrixRow& row, const json& report) {
  for (const auto& entry : report["cases"]) {
    if (entry["api"] != row.api || !covers(entry, row.id)) continue;
    const std::string status = status_for(entry, row.id);
    merge_cell(row.overall, status);
    merge_cell(row.by_target[entry.value("target", "")], status);
    for (const auto& check : entry["checks"]) {
      merge_cell(row.by_check[check["name"]], check_status_for(check, entry, row.id));
    }
    for (const json* failure : case_failures(entry)) {
      if (row.locator.empty() && (*failure)["requirement"] == row.id) {
        row.locator = failure->value("locator", "");
      }
    }
  }
  fill_row_with_passing(row, report);
}

}  // namespace

size_t Tally::good() const {
  size_t n = 0;
  for (const auto& [outcome, count] : counts) {
    if (!outcome_fails_gate(outcome)) n += count;
  }
  n += refused_allowed;
  return n;
}

double Tally::pass_rate() const {
  return total == 0 ? 1.0 : double(good()) / double(total);
}

std::string worse_status(const std::string& a, const std::string& b) {
  return rank(b) > rank(a) ? b : a;
}

std::vector<const json*> case_failures(const json& entry) {
  std::vector<const json*> out;
  for (const auto& check : entry["checks"]) {
    for (const auto& failure : check["failures"]) out.push_back(&failure);
  }
  return out;
}

std::vector<Tally> tally_by_api(const json& report) {
  std::map<std::string, Tally> by_api;
  for (const auto& entry : report["cases"]) {
    Tally& tally = by_api[entry["api"]];
    tally.name = entry["api"];
    ++tally.counts[entry["outcome"]];
    ++tally.total;
    if (entry["outcome"] == "REFUSED" && !case_fails_gate(entry)) ++tally.refused_allowed;
  }
  for (const auto& group : passing_cases(report)) {
    Tally& tally = by_api[group["api"]];
    tally.name = group["api"];
    size_t cases = group.value("cases", size_t{1});
    tally.counts["PASS"] += cases;
    tally.total += cases;
  }
  std::vector<Tally> out;
  for (auto& [api, tally] : by_api) out.push_back(std::move(tally));
  return out;
}

std::vector<std::string> report_targets(const json& report) {
  std::vector<std::string> out;
  auto add = [&](const std::string& target) {
    if (std::find(out.begin(), out.end(), target) == out.end()) out.push_back(target);
  };
  for (const auto& run : report["runs"]) add(run.value("target", ""));
  for (const auto& entry : report["cases"]) add(entry.value("target", ""));
  for (const auto& group : passing_cases(report)) add(group.value("target", ""));
  return out;
}

std::vector<std::string> report_checks(const json& report) {
  std::set<std::string> names;
  for (const auto& entry : report["cases"]) {
    for (const auto& check : entry["checks"]) names.insert(check["name"].get<std::string>());
  }
  for (const auto& group : passing_cases(report)) {
    for (const auto& name : group["checks"]) names.insert(name.get<std::string>());
  }
  return {names.begin(), names.end()};
}

CheckRuns check_runs(const json& report) {
  CheckRuns runs;
  for (const auto& entry : report["cases"]) {
    if (entry["checks"].empty()) continue;
    ++runs.judged;
    for (const auto& check : entry["checks"]) ++runs.cases[check["name"].get<std::string>()];
  }
  return runs;
}

std::vector<MatrixRow> requirement_matrix(const json& report) {
  std::map<std::string, std::vector<MatrixRow>> by_api;
  auto add_row = [&](const std::string& api, const std::string& id, const json* listed) {
    auto& rows = by_api[api];
    for (const auto& row : rows) {
      if (row.id == id) return;
    }
    MatrixRow row{api,
                  id,
                  listed ? listed->value("summary", "") : "",
                  listed ? listed->value("locator", "") : "",
                  {},
                  {},
                  {}};
    rows.push_back(std::move(row));
  };
  for (const auto& [api, list] : report["requirements"].items()) {
    for (const auto& requirement : list) add_row(api, requirement["id"], &requirement);
  }
  for (const auto& group : passing_cases(report)) {
    for (const auto& id : group["requirements"]) add_row(group["api"], id, nullptr);
  }
  for (const auto& entry : report["cases"]) {
    for (const auto& id : entry["requirements"]) add_row(entry["api"], id, nullptr);
    for (const json* failure : case_failures(entry)) {
      const std::string id = (*failure)["requirement"];
      if (!id.empty()) add_row(entry["api"], id, nullptr);
    }
  }
  std::vector<MatrixRow> out;
  for (auto& [api, rows] : by_api) {
    for (auto& row : rows) fill_row(row, report);
    std::stable_partition(rows.begin(), rows.end(),
                          [](const MatrixRow& row) { return row.overall.cases > 0; });
    for (auto& row : rows) out.push_back(std::move(row));
  }
  return out;
}

std::vector<const json*> noteworthy_cases(const json& report) {
  std::vector<const json*> out;
  for (const auto& entry : report["cases"]) {
    const std::string outcome = entry["outcome"];
    if (outcome_fails_gate(outcome) || !case_failures(entry).empty())
      out.push_back(&entry);  // an allowed REFUSED case too: it still got no verdict
  }
  std::stable_sort(out.begin(), out.end(), [](const json* a, const json* b) {
    return rank((*a)["outcome"]) > rank((*b)["outcome"]);
  });
  return out;
}

std::string counterexample_text(const nlohmann::json& c) {
  std::string where = c.value("pointer", "").empty() ? "" : " at " + c.value("pointer", "");
  std::string requirement =
      c.value("requirement", "").empty() ? "" : " [" + c.value("requirement", "") + "]";
  std::string check =
      c.value("check", "") == c.value("outcome", "") ? "" : " " + c.value("check", "");
  std::string text = c.value("outcome", "") + " " + c.value("api", "") + check + where +
                     requirement + ": " + std::to_string(c.value("cases", 0)) + " case(s), first " +
                     c.value("first_case", "") + "\n  " + c.value("message", "") + "\n";
  std::string how = c.contains("not_shrunk")
                        ? "not shrunk: " + c.value("not_shrunk", "")
                        : "shrunk in " + std::to_string(c.value("steps", 0)) + " step(s), " +
                              std::to_string(c.value("sends", 0)) + " request(s)";
  text += "  minimal body (" + how + "): " + c.value("minimal_body", "") + "\n";
  text += "  reproduce: " + c.value("curl", "") + "\n";
  if (c.contains("saved_as")) text += "  saved as " + c.value("saved_as", "") + "\n";
  if (c.contains("not_saved")) text += "  not saved: " + c.value("not_saved", "") + "\n";
  return text;
}

std::map<std::string, const nlohmann::json*> counterexamples_by_case(const nlohmann::json& report) {
  std::map<std::string, const nlohmann::json*> out;
  auto list = report.find("counterexamples");
  if (list == report.end()) return out;
  for (const auto& c : *list) out.emplace(c.value("first_case", ""), &c);
  return out;
}

std::string incompleteness(const nlohmann::json& report) {
  for (const auto& run : report["runs"]) {
    if (!run.contains("stopped_early")) continue;
    const nlohmann::json& stop = run["stopped_early"];
    return "The run stopped early, at its " + std::to_string(stop.value("after_failures", 0)) +
           "th failing case (--max-failures), after " +
           std::to_string(report["summary"].value("total", size_t{0})) + " of " +
           std::to_string(stop.value("planned_cases", 0)) +
           " cases: this report holds the cases that ran.";
  }
  if (report.value("complete", false)) return "";
  for (const auto& run : report["runs"]) {
    if (!run.contains("interrupted")) continue;
    const nlohmann::json& stop = run["interrupted"];
    return "The run was interrupted by " + stop.value("signal", "a signal") + " after " +
           std::to_string(report["summary"].value("total", size_t{0})) + " of " +
           std::to_string(stop.value("planned_cases", 0)) +
           " cases: this report holds the cases that ran.";
  }
  return "The run did not finish: this report holds the cases recorded before it stopped.";
}

}  // namespace conform
