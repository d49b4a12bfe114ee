#include "validate/open_register.hpp"

#include <set>

namespace conform {
namespace {

/// Permitted answers for an acceptance-core keyword, on a request or a response.
std::vector<std::string> permitted_for(const std::string& keyword, bool response) {
  if (response) return {"the shape the mock sends", "another shape (" + keyword + " not kept)"};
  return {"accept a value that breaks this " + keyword + " rule", "reject it with a 4xx"};
}

void add_schema_points(const std::string& file, const SchemaValidator& validator,
                       std::vector<RegisteredOpenPoint>& out) {
  bool response = file.rfind("response", 0) == 0;
  for (const auto& [pattern, rules] : validator.index()) {
    for (const auto& [keyword, reason] : rules.accept_only) {
      if (keyword == "future" || keyword == "omit" || keyword == "include")
        continue;  // generation hints
      OpenPoint p{"x-accept:" + pattern + ":" + keyword, pattern.empty() ? "/" : pattern,
                  permitted_for(keyword, response), reason, rules.locator};
      out.push_back({std::move(p), file});
    }
  }
}

}  // namespace

std::vector<RegisteredOpenPoint> open_register(const ApiEntry& api) {
  std::vector<RegisteredOpenPoint> out;
  for (const auto& p : api.contract.open_points) out.push_back({p, ""});
  std::set<std::string> files;
  for (const auto& [channel, validators] : api.channels) {
    const SchemaFiles& names = api.contract.channels.at(channel);
    if (files.insert(names.request).second && validators.request)
      add_schema_points(names.request, *validators.request, out);
    if (files.insert(names.response).second && validators.response)
      add_schema_points(names.response, *validators.response, out);
  }
  return out;
}

}  // namespace conform
