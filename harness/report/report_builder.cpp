#include "report/report_builder.hpp"

#include "core/json_text.hpp"
#include "report/report_model.hpp"
#include "report/report_sanitize.hpp"

namespace conform {

using nlohmann::json;

ReportBuilder::ReportBuilder(CaseListing listed) : report_(empty_report()), listed_(listed) {}

json ReportBuilder::start(const RunInfo& info) {
  json event = {{"event", "run_started"},
                {"report_version", kReportVersion},
                {"run", run_info_to_json(info)},
                {"requirements", requirements_to_json(info)},
                {"open_points", open_points_to_json(info)}};
  target_ = event["run"]["target"].get<std::string>();
  allow_refused_ = info.allow_refused;
  apply_event(report_, event, passing_index_);
  return event;
}

json ReportBuilder::add(const CaseResult& result) {
  if (listed_ == CaseListing::failing && result.outcome == Outcome::pass) {
    json event = {{"event", "case_passed"}, {"passing", passing_entry(result, target_)}};
    apply_event(report_, event, passing_index_);
    return event;
  }
  json entry = case_to_json(result, target_);
  if (result.outcome == Outcome::refused && allow_refused_) entry["refused_allowed"] = true;
  json event = {{"event", "case_finished"}, {"case", std::move(entry)}};
  apply_event(report_, event, passing_index_);
  return event;
}

json ReportBuilder::finish(const RunSummary& summary) {
  json event = {
      {"event", "run_finished"}, {"wall_ms", summary.wall_ms}, {"planned", summary.planned}};
  if (summary.interrupted_by != 0) event["interrupted"] = signal_name(summary.interrupted_by);
  if (summary.stopped_at_failures != 0) event["stopped_at_failures"] = summary.stopped_at_failures;
  apply_event(report_, event, passing_index_);
  return event;
}

json ReportBuilder::add(const Counterexample& found) {
  json event = {{"event", "counterexample"}, {"counterexample", counterexample_to_json(found)}};
  apply_event(report_, event, passing_index_);
  return event;
}

namespace {

/// Counts one more case in a summary, in constant time (a recount over every case on every
/// event made a run with a report O(n^2): 10,000 fuzz cases took 83 s instead of 3 s).
void count_case(json& summary, const json& entry, size_t cases = 1) {
  const std::string outcome = entry.value("outcome", "ERROR");
  summary["total"] = summary.value("total", size_t{0}) + cases;
  json& counts = summary["counts"];
  if (outcome == "SKIP" && !counts.contains(outcome))
    counts[outcome] = 0;  // listed only when present
  if (counts.contains(outcome)) counts[outcome] = counts[outcome].get<size_t>() + cases;
  if (case_fails_gate(entry)) summary["passed"] = false;
}

/// PASS cases of one API, target, requirement list and check list share an entry.
std::string passing_key(const json& entry) {
  std::string key = entry.value("api", "") + '\n' + entry.value("target", "") + '\n';
  for (const auto& id : entry["requirements"]) key += id.get<std::string>() + ' ';
  key += '\n';
  for (const auto& name : entry["checks"]) key += name.get<std::string>() + ' ';
  return key;
}

/// Counts an unlisted PASS case into its `passing_cases` entry (added when it is the first).
/// `index` maps keys to entries; it is rebuilt when it does not cover the list (a merge).
void count_passing(json& report, const json& passing, PassingIndex& index) {
  if (!report.contains("passing_cases")) report["passing_cases"] = json::array();
  json& list = report["passing_cases"];
  if (index.size() != list.size()) {
    index.clear();
    for (size_t i = 0; i < list.size(); ++i) index.emplace(passing_key(list[i]), i);
  }
  auto [found, fresh] = index.emplace(passing_key(passing), list.size());
  if (!fresh) {
    json& entry = list[found->second];
    entry["cases"] = entry["cases"].get<size_t>() + passing.value("cases", size_t{1});
    return;
  }
  list.push_back(passing);
  if (!list.back().contains("cases")) list.back()["cases"] = 1;
}

}  // namespace

void merge_passing_cases(json& report, const json& passing_cases) {
  PassingIndex index;
  for (const auto& passing : passing_cases) {
    count_passing(report, passing, index);
    count_case(report["summary"], {{"outcome", "PASS"}}, passing.value("cases", size_t{1}));
  }
}

bool apply_event(json& report, const json& event, PassingIndex& index) {
  const std::string kind = event.value("event", "");
  if (kind == "run_started") {
    report["runs"].push_back(event.at("run"));
    for (const auto& [api, list] : event.at("requirements").items()) {
      if (!report["requirements"].contains(api)) report["requirements"][api] = list;
    }
    if (!report.contains("open_points")) report["open_points"] = json::object();
    const json registers = event.value("open_points", json::object());
    for (const auto& [api, list] : registers.items()) {
      if (!report["open_points"].contains(api)) report["open_points"][api] = list;
    }
  } else if (kind == "case_finished") {
    report["cases"].push_back(event.at("case"));
    count_case(report["summary"], report["cases"].back());
  } else if (kind == "case_passed") {
    const json& passing = event.at("passing");
    count_passing(report, passing, index);
    count_case(report["summary"], {{"outcome", "PASS"}}, passing.value("cases", size_t{1}));
  } else if (kind == "counterexample") {
    if (!report.contains("counterexamples")) report["counterexamples"] = json::array();
    report["counterexamples"].push_back(event.at("counterexample"));
  } else if (kind == "run_finished") {
    double wall_ms = event.value("wall_ms", 0.0);
    bool interrupted = event.contains("interrupted");
    if (!report["runs"].empty()) {
      json& run = report["runs"].back();
      run["wall_ms"] = wall_ms;
      // An interrupted run wrote what it ran; the report says so and stays incomplete.
      if (interrupted)
        run["interrupted"] = {{"signal", event["interrupted"]},
                              {"planned_cases", event.value("planned", 0)}};
      if (event.contains("stopped_at_failures")) {
        run["stopped_early"] = {{"after_failures", event["stopped_at_failures"]},
                                {"planned_cases", event.value("planned", 0)}};
      }
    }
    if (interrupted) report["summary"]["passed"] = false;
    report["complete"] = !event.contains("interrupted");
    report["summary"]["wall_ms"] = wall_ms;
  } else {
    return false;
  }
  return true;
}

json report_from_events(std::string_view ndjson) {
  json report = empty_report();
  PassingIndex index;
  size_t start = 0;
  while (start < ndjson.size()) {
    size_t end = ndjson.find('\n', start);
    if (end == std::string_view::npos) end = ndjson.size();
    std::string_view line = ndjson.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    JsonParse parsed = parse_json(line);
    if (!parsed.value || !parsed.value->is_object()) break;  // a line torn by a killed writer
    apply_event(report, *parsed.value, index);
  }
  return report;
}

}  // namespace conform
