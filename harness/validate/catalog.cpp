#include "validate/catalog.hpp"

namespace conform {
namespace {

std::shared_ptr<const SchemaValidator> compile(const ApiBundle& bundle, const std::string& file,
                                               const std::string& fallback,
                                               const std::string& source_name) {
  SchemaSettings settings{bundle.contract.email_policy, fallback,
                          source_name + "/" + bundle.contract.id + "/" + file, {}};
  for (const auto& r : bundle.contract.requirements) settings.requirement_locators[r.id] = r.locator;
  return std::make_shared<const SchemaValidator>(bundle.schemas.at(file), std::move(settings));
}

}  // namespace

const SchemaValidator* ApiEntry::validator(PayloadKind kind, const std::string& channel) const {
  auto it = channels.find(channel);
  if (it == channels.end()) return nullptr;
  return kind == PayloadKind::request ? it->second.request.get() : it->second.response.get();
}

Catalog Catalog::load(const SchemaSource& source) {
  Catalog catalog;
  for (const auto& id : source.api_ids) {
    ApiBundle bundle = load_bundle(source, id);
    ApiEntry entry{bundle.contract, bundle.schemas, {}};
    for (const auto& [channel, files] : bundle.contract.channels) {
      entry.channels[channel] = {compile(bundle, files.request, id + ".request", source.name),
                                 compile(bundle, files.response, id + ".response", source.name)};
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
