#include "validate/bundle_references.hpp"

#include <set>

#include "core/json_pointer.hpp"

namespace conform {
namespace {

using nlohmann::json;

struct ReferenceCheck {
  std::set<std::string> listed;
  std::string file;  ///< label of the file being walked
};

void require_listed(const ReferenceCheck& check, const std::string& id,
                    const std::string& pointer) {
  if (id.empty() || check.listed.contains(id)) return;
  throw ContractError(check.file + ": " + pointer + ": names requirement '" + id +
                      "', which contract.json does not list in /requirements");
}

void walk_schema(const ReferenceCheck& check, const json& node, const std::string& pointer) {
  if (node.is_object()) {
    auto one = node.find("x-requirement");
    if (one != node.end() && one->is_string())
      require_listed(check, one->get<std::string>(), append_pointer(pointer, "x-requirement"));
    auto many = node.find("x-requirements");
    if (many != node.end() && many->is_object()) {
      for (const auto& [keyword, id] : many->items()) {
        if (id.is_string())
          require_listed(check, id.get<std::string>(),
                         append_pointer(append_pointer(pointer, "x-requirements"), keyword));
      }
    }
  }
  if (!node.is_structured()) return;
  if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i)
      walk_schema(check, node[i], append_pointer(pointer, std::to_string(i)));
    return;
  }
  for (const auto& [key, child] : node.items())
    walk_schema(check, child, append_pointer(pointer, key));
}

void check_parameters(const ReferenceCheck& check, const std::vector<Parameter>& params,
                      const std::string& where) {
  for (size_t i = 0; i < params.size(); ++i)
    require_listed(check, params[i].requirement, where + "/" + std::to_string(i) + "/requirement");
}

void check_contract_fields(const ReferenceCheck& check, const Contract& c) {
  check_parameters(check, c.path_params, "/path_params");
  check_parameters(check, c.query_params, "/query_params");
  require_listed(check, c.auth.requirement, "/auth/requirement");
  for (size_t i = 0; i < c.statuses.size(); ++i)
    require_listed(check, c.statuses[i].requirement,
                   "/statuses/" + std::to_string(i) + "/requirement");
  require_listed(check, c.rejection.requirement, "/rejection/requirement");
}

}  // namespace

void check_requirement_references(const ApiBundle& bundle, const SchemaSource& source) {
  const std::string& id = bundle.contract.id;
  ReferenceCheck check;
  for (const auto& r : bundle.contract.requirements) check.listed.insert(r.id);
  check.file = source_file_label(source, id + "/contract.json");
  check_contract_fields(check, bundle.contract);
  for (const auto& [name, schema] : bundle.schemas) {
    check.file = source_file_label(source, id + "/" + name);
    walk_schema(check, schema, "");
  }
}

}  // namespace conform
