#include "report/report_merge.hpp"

#include <algorithm>
#include <map>

#include "report/report_builder.hpp"
#include "report/report_model.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// api → (hash, origin of the first report that gave it).
using HashBook = std::map<std::string, std::pair<std::string, std::string>>;

void check_hashes(HashBook& book, const MergeInput& input, bool force) {
  for (const auto& run : input.report["runs"]) {
    for (const auto& [api, hash] : run["contract_hashes"].items()) {
      auto [it, inserted] =
          book.emplace(api, std::make_pair(hash.get<std::string>(), input.origin));
      if (inserted || it->second.first == hash || force) continue;
      throw MergeConflict("the contract of " + api + " differs: " + it->second.second + " has " +
                          it->second.first + ", " + input.origin + " has " +
                          hash.get<std::string>() + " (use --force to merge anyway)");
    }
  }
}

void merge_requirements(json& into, const json& from) {
  for (const auto& [api, list] : from.items()) {
    json& known = into[api];
    if (!known.is_array()) known = json::array();
    for (const auto& requirement : list) {
      bool present = false;
      for (const auto& existing : known) present = present || existing["id"] == requirement["id"];
      if (!present) known.push_back(requirement);
    }
  }
}

/// Adds a case; returns false when the same case for the same target is already there.
bool add_case(json& cases, std::map<std::string, size_t>& index, const json& entry, bool force) {
  const std::string key = entry.value("target", "") + "\n" + entry.value("id", "");
  auto found = index.find(key);
  if (found == index.end()) {
    index[key] = cases.size();
    cases.push_back(entry);
    return true;
  }
  if (force) cases[found->second] = entry;
  return force;
}

/// The same failure group from two shards: the counts add up, and the smaller case is kept.
void merge_counterexamples(json& merged, const json& report) {
  auto list = report.find("counterexamples");
  if (list == report.end()) return;
  if (!merged.contains("counterexamples")) merged["counterexamples"] = json::array();
  json& into = merged["counterexamples"];
  auto key = [](const json& c) {
    std::string reason =
        c.value("outcome", "") == "FAIL" ? c.value("pointer", "") : c.value("message", "");
    return c.value("api", "") + "\n" + c.value("outcome", "") + "\n" + c.value("check", "") + "\n" +
           reason;
  };
  for (const auto& found : *list) {
    auto same =
        std::find_if(into.begin(), into.end(), [&](const json& c) { return key(c) == key(found); });
    if (same == into.end()) {
      into.push_back(found);
      continue;
    }
    size_t cases = same->value("cases", 0) + found.value("cases", 0);
    bool smaller = found.value("minimal_body", "").size() < same->value("minimal_body", "").size();
    if (smaller && !found.contains("not_shrunk")) *same = found;
    (*same)["cases"] = cases;
  }
}

}  // namespace

json merge_reports(const std::vector<MergeInput>& inputs, bool force) {
  json merged = empty_report();
  merged["complete"] = !inputs.empty();
  HashBook hashes;
  std::map<std::string, size_t> index;
  double wall_ms = 0;
  for (const auto& input : inputs) {
    const json& report = input.report;
    if (report.value("report_version", 0) != kReportVersion) {
      throw MergeConflict(input.origin + ": report_version " +
                          report.value("report_version", json()).dump() + " is not " +
                          std::to_string(kReportVersion));
    }
    check_hashes(hashes, input, force);
    for (const auto& run : report["runs"]) merged["runs"].push_back(run);
    merge_requirements(merged["requirements"], report["requirements"]);
    const json registers = report.value("open_points", json::object());
    merge_requirements(merged["open_points"],
                       registers);  // the same shape: lists of entries with an id
    for (const auto& entry : report["cases"]) {
      if (!add_case(merged["cases"], index, entry, force)) {
        throw MergeConflict(input.origin + ": case " + entry.value("id", "") + " for target " +
                            entry.value("target", "") +
                            " is already in an earlier report (use --force to keep the later one)");
      }
    }
    merge_counterexamples(merged, report);
    merged["complete"] = merged["complete"].get<bool>() && report.value("complete", false);
    wall_ms = std::max(wall_ms, report["summary"].value("wall_ms", 0.0));
  }
  merged["summary"] = summarize_cases(merged["cases"], wall_ms);
  for (const auto& input : inputs)
    merge_passing_cases(merged, input.report.value("passing_cases", json::array()));
  // A shard a signal stopped ran only part of its cases: the whole never passes.
  for (const auto& run : merged["runs"]) {
    if (run.contains("interrupted")) merged["summary"]["passed"] = false;
  }
  return merged;
}

}  // namespace conform
