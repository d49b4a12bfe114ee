/// What each fault means at each API it affects, read from that API's contract.
#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "mock/faults.hpp"
#include "validate/catalog.hpp"

namespace conform {
namespace {

std::vector<std::string> affected_apis(const FaultSpec& spec, const Catalog& catalog) {
  std::vector<std::string> ids;
  if (std::string(spec.apis) == "*") {
    for (const auto& entry : catalog.apis()) ids.push_back(entry.contract.id);
    return ids;
  }
  std::string list = spec.apis;
  for (size_t start = 0; start <= list.size();) {
    size_t comma = std::min(list.find(',', start), list.size());
    ids.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return ids;
}

/// True when some response schema of the API constrains anything. It reads the schema as
/// cases/interaction.cpp does for the checks, which then only observe an undocumented response;
/// tests/mock/fault_listing_test.cpp keeps the two readings in step through replay.
bool documents_response(const ApiEntry& api) {
  static const char* const kShapeKeys[] = {"type",  "properties", "required", "items", "$ref",
                                           "oneOf", "anyOf",      "allOf",    "enum",  "const"};
  for (const auto& [channel, files] : api.contract.channels) {
    auto schema = api.schemas.find(files.response);
    if (schema == api.schemas.end() || !schema->second.is_object()) continue;
    const nlohmann::json& document = schema->second;
    if (std::any_of(std::begin(kShapeKeys), std::end(kShapeKeys),
                    [&](const char* key) { return document.contains(key); })) {
      return true;
    }
  }
  return false;
}

std::string requirement_id(const std::string& pattern, const std::string& api_id) {
  std::string id = pattern;
  if (size_t at = id.find("{api}"); at != std::string::npos) id.replace(at, 5, api_id);
  return id;
}

FaultVerdict verdict_at(const FaultSpec& spec, const ApiEntry& api) {
  const Contract& contract = api.contract;
  FaultVerdict verdict{contract.id, "", "", false, ""};
  if (*spec.open_point && contract.find_open_point(spec.open_point)) {
    verdict.permitted = "permitted by open point " + std::string(spec.open_point);
  } else if (spec.touches_response && !documents_response(api)) {
    verdict.permitted = "the page documents no response, so it is only observed";
  } else if (*spec.breaks) {
    std::string id = requirement_id(spec.breaks, contract.id);
    const Requirement* requirement = contract.find_requirement(id);
    if (!requirement) {
      throw std::invalid_argument(std::string("fault ") + spec.name + ": no requirement " + id);
    }
    verdict.requirement = id;
    verdict.locator = requirement->locator;
    verdict.inferred = !requirement->inferred.empty();
  }
  return verdict;
}

}  // namespace

std::vector<FaultVerdict> fault_verdicts(const FaultSpec& spec, const Catalog& catalog) {
  std::vector<FaultVerdict> verdicts;
  for (const auto& id : affected_apis(spec, catalog)) {
    const ApiEntry* api = catalog.find(id);
    if (!api) throw std::invalid_argument(std::string("fault ") + spec.name + ": no api " + id);
    verdicts.push_back(verdict_at(spec, *api));
  }
  return verdicts;
}

}  // namespace conform
