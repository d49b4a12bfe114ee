#include "contract/source.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

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
  source.name = "embedded";
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
    std::ifstream in(directory / path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "contract.json")) {
      source.api_ids.push_back(entry.path().filename().string());
    }
  }
  std::sort(source.api_ids.begin(), source.api_ids.end());
  return source;
}

static nlohmann::json read_json(const SchemaSource& source, const std::string& path) {
  std::optional<std::string> text = source.read(path);
  if (!text) throw ContractError(source.name + "/" + path + ": cannot read the file");
  return parse_json_file_text(*text, source.name + "/" + path);
}

ApiBundle load_bundle(const SchemaSource& source, const std::string& api_id) {
  const std::string contract_path = api_id + "/contract.json";
  ApiBundle bundle;
  bundle.contract = parse_contract(read_json(source, contract_path), source.name + "/" + contract_path);
  if (bundle.contract.id != api_id) {
    throw ContractError(source.name + "/" + contract_path + ": id '" + bundle.contract.id +
                        "' does not match its folder '" + api_id + "'");
  }
  for (const auto& [channel, files] : bundle.contract.channels) {
    for (const auto& name : {files.request, files.response}) {
      if (!bundle.schemas.contains(name)) bundle.schemas[name] = read_json(source, api_id + "/" + name);
    }
  }
  return bundle;
}

}  // namespace conform
