#pragma once
/// The requirement view's open points: each registered point of a report, with the number of
/// OBSERVED cases that name it, for the Markdown and HTML renderers.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform {

/// One open point of one API and how often a run observed it.
struct OpenPointRow {
  std::string api;
  std::string id;
  std::string where;
  std::string permitted;  ///< the permitted answers, joined with " | "
  std::string sentence;
  size_t observed = 0;
};

/// Every registered open point with at least one observation, then observations of kinds the
/// register does not list (a check name), in api and id order.
std::vector<OpenPointRow> observed_open_points(const nlohmann::json& report);

/// How many open points the report's register holds, over all APIs.
size_t registered_open_points(const nlohmann::json& report);

}  // namespace conform
