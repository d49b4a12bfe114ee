#include "contract/source.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/file_text.hpp"
#include "core/json_text.hpp"

namespace conform {
namespace fs = std::filesystem;

nlohmann::json parse_json_file_text(const std::string& text, const std::string& origin) {
  JsonParse parsed = parse_json(text);
  if (!parsed.value) throw ContractError(origin + ": " + parsed.error);
  return std::move(*parsed.value);
}

SchemaSource embedded_schema_source() {
  SchemaSource source;
  source.name = kEmbeddedSourceName;
  source.read = [](const std::string& path) -> std::optional<std::string> {
    for (const auto& file : embedded_files()) {
      if (file.path == path) return std::string(file.text);
    }
    return std::nullopt;
  };
  const std::string suffix = "/contract.json";
  for (const auto& file : embedded_files()) {
    std::string_view p = file.path;
    if (p.size() > suffix.size() && p.ends_with(suffix) &&
        p.find('/') == p.size() - suffix.size()) {
      source.api_ids.emplace_back(p.substr(0, p.size() - suffix.size()));
    }
  }
  std::sort(source.api_ids.begin(), source.api_ids.end());
  return source;
}

SchemaSource directory_schema_source(const fs::path& directory) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    throw ContractError(directory.string() + ": not a readable directory");
  }
  SchemaSource source;
  source.name = directory.string();
  source.read = [directory](const std::string& path) -> std::optional<std::string> {
    return read_text_file(directory / path);
  };
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "contract.json")) {
      source.api_ids.push_back(entry.path().filename().string());
    }
  }
  std::sort(source.api_ids.begin(), source.api_ids.end());
  return source;
}

namespace {

std::string api_of(const std::string& path) {
  size_t slash = path.find('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string replaced_notice(const std::string& id, const std::string& by, const std::string& was) {
  std::string whose = was == kEmbeddedSourceName ? "the built-in one" : "the one from " + was;
  return "--schemas " + by + ": " + id + " replaces " + whose;
}

/// A directory given to --schemas must hold at least one bundle (`DIR/<api>/contract.json`).
void require_bundles(const SchemaSource& layer) {
  if (!layer.api_ids.empty()) return;
  std::string why = layer.name + ": holds no contract bundle (no <api>/contract.json under it)";
  if (fs::exists(fs::path(layer.name) / "contract.json"))
    why += "; it is a bundle itself: give its parent directory";
  throw ContractError(why);
}

nlohmann::json read_json(const SchemaSource& source, const std::string& path) {
  std::optional<std::string> text = source.read(path);
  if (!text) throw ContractError(source_file_label(source, path) + ": cannot read the file");
  return parse_json_file_text(*text, source_file_label(source, path));
}

}  // namespace

std::string SchemaSource::origin_of(const std::string& api_id) const {
  auto it = origins.find(api_id);
  return it == origins.end() ? name : it->second;
}

std::string origin_label(const std::string& origin) {
  return origin == kEmbeddedSourceName ? "built-in" : origin;
}

std::string source_file_label(const SchemaSource& source, const std::string& path) {
  return source.origin_of(api_of(path)) + "/" + path;
}

SchemaSource layered_schema_source(const std::vector<std::string>& directories) {
  auto layers = std::make_shared<std::vector<SchemaSource>>();
  layers->push_back(embedded_schema_source());
  SchemaSource out;
  out.name = kEmbeddedSourceName;
  for (const auto& directory : directories) {
    layers->push_back(directory_schema_source(directory));
    require_bundles(layers->back());
    out.name += " + " + directory;
  }
  std::map<std::string, size_t> owner;  // api id → the last layer that has it
  for (size_t i = 0; i < layers->size(); ++i) {
    for (const auto& id : (*layers)[i].api_ids) {
      auto [it, added] = owner.emplace(id, i);
      if (added) continue;
      out.notices.push_back(replaced_notice(id, (*layers)[i].name, (*layers)[it->second].name));
      it->second = i;
    }
  }
  for (const auto& [id, layer] : owner) {
    out.api_ids.push_back(id);
    out.origins[id] = (*layers)[layer].name;
  }
  out.read = [layers, owner](const std::string& path) -> std::optional<std::string> {
    auto it = owner.find(api_of(path));
    return (*layers)[it == owner.end() ? 0 : it->second].read(path);
  };
  return out;
}

std::optional<nlohmann::json> read_source_json(const SchemaSource& source,
                                               const std::string& path) {
  std::optional<std::string> text = source.read(path);
  if (!text) return std::nullopt;
  return parse_json_file_text(*text, source_file_label(source, path));
}

ApiBundle load_bundle(const SchemaSource& source, const std::string& api_id,
                      const DocumentCheck& check_contract) {
  const std::string contract_path = api_id + "/contract.json";
  const std::string label = source_file_label(source, contract_path);
  nlohmann::json document = read_json(source, contract_path);
  if (check_contract) check_contract(document, label);
  ApiBundle bundle;
  bundle.contract = parse_contract(document, label);
  if (bundle.contract.id != api_id) {
    throw ContractError(label + ": /id: '" + bundle.contract.id + "' does not match its folder '" +
                        api_id + "'");
  }
  for (const auto& [channel, files] : bundle.contract.channels) {
    for (const auto& name : {files.request, files.response}) {
      if (!bundle.schemas.contains(name))
        bundle.schemas[name] = read_json(source, api_id + "/" + name);
    }
  }
  return bundle;
}

}  // namespace conform
