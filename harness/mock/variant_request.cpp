/// The variants (and one fault) that change how the mock reads a request before it judges it:
/// null members dropped, enum letter case folded, and violations it forgives.
#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "core/json_pointer.hpp"
#include "mock/pipeline.hpp"
#include "mock/schema_walk.hpp"

namespace conform {
namespace {

using nlohmann::json;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// The enum value `value` spells in another letter case, or nullptr (also when it is exact).
const json* enum_spelling(const SchemaSite& site) {
  const json* values = site.schema.find("enum");
  if (!values || !values->is_array() || !site.value.is_string()) return nullptr;
  const auto& text = site.value.get_ref<const std::string&>();
  if (std::find(values->begin(), values->end(), site.value) != values->end()) return nullptr;
  for (const auto& v : *values) {
    if (v.is_string() && iequals(v.get_ref<const std::string&>(), text)) return &v;
  }
  return nullptr;
}

bool optional_null(const SchemaSite& site) {
  return site.is_member && !site.required && site.value.is_null() && site.parent &&
         site.parent->declared();
}

/// The exact-status requirements (e.g. whippy's sender_email 422): never forgiven.
std::set<std::string> documented_requirements(const Contract& contract) {
  std::set<std::string> out;
  for (const auto& status : contract.statuses) {
    bool exact =
        status.code.size() == 3 && std::all_of(status.code.begin(), status.code.end(), ::isdigit);
    if (exact && !status.requirement.empty()) out.insert(status.requirement);
  }
  return out;
}

bool email_field(const SchemaValidator& validator, const std::string& pointer) {
  auto it = validator.index().find(pointer_pattern(pointer));
  return it != validator.index().end() && it->second.format == "email";
}

}  // namespace

const json* request_schema(const MockApi& api, const std::string& channel) {
  auto files = api.entry->contract.channels.find(channel);
  if (files == api.entry->contract.channels.end()) return nullptr;
  auto schema = api.entry->schemas.find(files->second.request);
  return schema == api.entry->schemas.end() ? nullptr : &schema->second;
}

void reread_request(const MockContext& ctx, const MockApi& api, const std::string& channel,
                    json& body) {
  const std::string& id = api.entry->contract.id;
  bool drop_nulls = ctx.variants.on(Variant::null_as_absent, id);
  bool fold_case = ctx.variants.on(Variant::case_insensitive_enums, id);
  const json* schema = request_schema(api, channel);
  if ((!drop_nulls && !fold_case) || !schema) return;
  std::vector<std::string> nulls;
  std::vector<std::pair<std::string, json>> spellings;
  walk_with_schema(*schema, body, [&](const SchemaSite& site) {
    if (drop_nulls && optional_null(site)) nulls.push_back(site.pointer);
    if (!fold_case) return;
    if (const json* canonical = enum_spelling(site))
      spellings.emplace_back(site.pointer, *canonical);
  });
  for (const auto& pointer : nulls) erase_member(body, pointer);
  for (auto& [pointer, value] : spellings) body.at(json::json_pointer(pointer)) = std::move(value);
}

void forgive_violations(const MockContext& ctx, const MockApi& api,
                        const SchemaValidator& validator, std::vector<Violation>& violations) {
  const Contract& contract = api.entry->contract;
  auto forgive = [&](auto&& rule) {
    violations.erase(std::remove_if(violations.begin(), violations.end(), rule), violations.end());
  };
  if (contract.id == "genesys-email" && ctx.faults.has(Fault::genesys_operation_name_optional)) {
    forgive([](const Violation& v) {
      return v.pointer == "/operationName" && v.keyword == "required";
    });
  }
  if (ctx.variants.on(Variant::lenient_open, contract.id)) {
    forgive([](const Violation& v) { return !v.settled; });
  }
  if (ctx.variants.on(Variant::loose_address, contract.id)) {
    std::set<std::string> kept = documented_requirements(contract);
    forgive([&](const Violation& v) {
      return v.keyword == "format" && email_field(validator, v.pointer) &&
             !kept.contains(v.requirement);
    });
  }
}

}  // namespace conform
