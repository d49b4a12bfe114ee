#include "report/open_points_view.hpp"

#include <map>
#include <utility>

namespace conform {
namespace {

using nlohmann::json;

std::string joined(const json& answers) {
  std::string out;
  if (!answers.is_array()) return out;
  for (const auto& a : answers)
    out += (out.empty() ? "" : " | ") + (a.is_string() ? a.get<std::string>() : a.dump());
  return out;
}

/// (api, open point) → OBSERVED cases naming it.
std::map<std::pair<std::string, std::string>, size_t> observation_counts(const json& report) {
  std::map<std::pair<std::string, std::string>, size_t> counts;
  const json cases = report.value("cases", json::array());
  for (const auto& c : cases) {
    if (c.value("outcome", "") != "OBSERVED") continue;
    ++counts[{c.value("api", ""), c.value("open_point", "unsettled")}];
  }
  return counts;
}

}  // namespace

std::vector<OpenPointRow> observed_open_points(const json& report) {
  auto counts = observation_counts(report);
  std::vector<OpenPointRow> rows;
  const json registers = report.value("open_points", json::object());
  for (const auto& [api, points] : registers.items()) {
    for (const auto& p : points) {
      auto found = counts.find({api, p.value("id", "")});
      if (found == counts.end()) continue;
      rows.push_back({api, found->first.second, p.value("where", ""),
                      joined(p.value("permitted", json::array())), p.value("sentence", ""),
                      found->second});
      counts.erase(found);
    }
  }
  for (const auto& [key, count] : counts) {
    rows.push_back({key.first, key.second, "", "", "a finding the page does not settle", count});
  }
  return rows;
}

size_t registered_open_points(const json& report) {
  size_t n = 0;
  const json registers = report.value("open_points", json::object());
  for (const auto& [api, points] : registers.items()) n += points.size();
  return n;
}

}  // namespace conform
