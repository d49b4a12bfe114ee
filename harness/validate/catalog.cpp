#include "validate/catalog.hpp"

#include "validate/bundle_references.hpp"
#include "validate/meta_schema.hpp"

namespace conform {
namespace {

std::shared_ptr<const SchemaValidator> compile(const ApiBundle& bundle, const std::string& file,
                                               const std::string& fallback,
                                               const SchemaSource& source) {
  SchemaSettings settings{bundle.contract.email_policy,
                          fallback,
                          source_file_label(source, bundle.contract.id + "/" + file),
                          {}};
  for (const auto& r : bundle.contract.requirements)
    settings.requirement_locators[r.id] = r.locator;
  return std::make_shared<const SchemaValidator>(bundle.schemas.at(file), std::move(settings));
}

/// A bundle's overlay (derive's input) keeps its format too, when the bundle has one.
void check_overlay(const SchemaSource& source, const std::string& api_id, const MetaSchema& meta) {
  const std::string path = api_id + "/overlay.json";
  if (std::optional<nlohmann::json> overlay = read_source_json(source, path)) {
    meta.check(*overlay, source_file_label(source, path));
  }
}

}  // namespace

const SchemaValidator* ApiEntry::validator(PayloadKind kind, const std::string& channel) const {
  auto it = channels.find(channel);
  if (it == channels.end()) return nullptr;
  return kind == PayloadKind::request ? it->second.request.get() : it->second.response.get();
}

Catalog Catalog::load(const SchemaSource& source) {
  Catalog catalog;
  const MetaSchema contract_meta(MetaKind::contract);
  const MetaSchema overlay_meta(MetaKind::overlay);
  auto check_contract = [&contract_meta](const nlohmann::json& document, const std::string& file) {
    contract_meta.check(document, file);
  };
  for (const auto& id : source.api_ids) {
    ApiBundle bundle = load_bundle(source, id, check_contract);
    check_requirement_references(bundle, source);
    check_overlay(source, id, overlay_meta);
    ApiEntry entry{bundle.contract, bundle.schemas, {}, source.origin_of(id)};
    for (const auto& [channel, files] : bundle.contract.channels) {
      entry.channels[channel] = {compile(bundle, files.request, id + ".request", source),
                                 compile(bundle, files.response, id + ".response", source)};
    }
    catalog.apis_.push_back(std::move(entry));
  }
  return catalog;
}

const ApiEntry* Catalog::find(const std::string& api_id) const {
  for (const auto& api : apis_) {
    if (api.contract.id == api_id) return &api;
  }
  return nullptr;
}

std::string Catalog::id_list() const {
  std::string out;
  for (const auto& api : apis_) out += (out.empty() ? "" : ", ") + api.contract.id;
  return out;
}

}  // namespace conform
