#include "derive/overlay.hpp"

#include "derive/canonical_json.hpp"

namespace conform::derive {
namespace {

void require_reason(const nlohmann::ordered_json& entry, const std::string& where) {
  if (!entry.is_object() || !entry.contains("reason") || !entry["reason"].is_string() ||
      entry["reason"].get<std::string>().empty())
    throw DeriveError(where + ": every overlay entry needs a non-empty \"reason\"");
}

template <typename T>
T field(const nlohmann::ordered_json& entry, const char* key, const std::string& where,
        T fallback) {
  if (!entry.contains(key)) return fallback;
  try {
    return entry[key].get<T>();
  } catch (const nlohmann::json::exception&) {
    throw DeriveError(where + ": \"" + key + "\" has the wrong type");
  }
}

const nlohmann::ordered_json& list(const nlohmann::ordered_json& j, const char* key,
                                   const std::string& origin) {
  static const nlohmann::ordered_json empty = nlohmann::ordered_json::array();
  if (!j.contains(key)) return empty;
  if (!j[key].is_array()) throw DeriveError(origin + ": \"" + key + "\" must be an array");
  return j[key];
}

}  // namespace

Overlay parse_overlay(const nlohmann::ordered_json& j, const std::string& origin) {
  if (!j.is_object()) throw DeriveError(origin + ": an overlay is a JSON object");
  Overlay o;
  o.api = field<std::string>(j, "api", origin, "");
  o.snapshot = field<std::string>(j, "snapshot", origin, "");
  if (o.api.empty()) throw DeriveError(origin + ": \"api\" is missing");
  const auto& names = list(j, "names", origin);
  for (size_t i = 0; i < names.size(); ++i) {
    std::string where = origin + ": names[" + std::to_string(i) + "]";
    require_reason(names[i], where);
    o.names.push_back(
        {field<int>(names[i], "line", where, 0), field<std::string>(names[i], "name", where, "")});
  }
  const auto& outputs = list(j, "outputs", origin);
  for (size_t i = 0; i < outputs.size(); ++i) {
    std::string where = origin + ": outputs[" + std::to_string(i) + "]";
    require_reason(outputs[i], where);
    o.outputs.push_back({field<std::string>(outputs[i], "file", where, ""),
                         field<int>(outputs[i], "section", where, 0),
                         field<std::string>(outputs[i], "root", where, ""),
                         field<std::string>(outputs[i], "title", where, "")});
    if (o.outputs.back().file.empty()) throw DeriveError(where + ": \"file\" is missing");
  }
  const auto& patches = list(j, "patches", origin);
  for (size_t i = 0; i < patches.size(); ++i) {
    std::string where = origin + ": patches[" + std::to_string(i) + "]";
    require_reason(patches[i], where);
    OverlayPatch p{field<std::string>(patches[i], "file", where, ""),
                   field<std::vector<std::string>>(patches[i], "pointers", where, {}),
                   patches[i].contains("merge") ? patches[i]["merge"] : nlohmann::ordered_json()};
    if (p.file.empty() || p.pointers.empty() || !p.merge.is_object())
      throw DeriveError(where + ": needs \"file\", \"pointers\" and an object \"merge\"");
    o.patches.push_back(std::move(p));
  }
  const auto& contract = list(j, "contract", origin);
  for (size_t i = 0; i < contract.size(); ++i) {
    std::string where = origin + ": contract[" + std::to_string(i) + "]";
    require_reason(contract[i], where);
    if (!contract[i].contains("merge") || !contract[i]["merge"].is_object())
      throw DeriveError(where + ": needs an object \"merge\"");
    o.contract.push_back(contract[i]["merge"]);
  }
  return o;
}

void apply_overlay_to_page(DocPage& page, const Overlay& overlay) {
  for (const auto& name : overlay.names) {
    bool found = false;
    for (auto& section : page.sections) {
      for (auto& row : section.rows) {
        if (row.line != name.line) continue;
        row.name = name.name;
        found = true;
      }
    }
    if (!found)
      throw DeriveError(page.file + ":" + std::to_string(name.line) +
                        ": the overlay names a row that the page does not have");
  }
  for (const auto& output : overlay.outputs) {
    if (output.root.empty()) continue;
    for (auto& section : page.sections) {
      if (section.line == output.section) section.parent = output.root;
    }
  }
}

void apply_patches(nlohmann::ordered_json& schema, const Overlay& overlay,
                   const std::string& file) {
  for (const auto& patch : overlay.patches) {
    if (patch.file != file) continue;
    for (const auto& pointer : patch.pointers) {
      try {
        merge_patch(schema[nlohmann::ordered_json::json_pointer(pointer)], patch.merge);
      } catch (const nlohmann::json::exception& e) {
        throw DeriveError(overlay.api + "/overlay.json: patch at '" + pointer + "' on " + file +
                          ": " + e.what());
      }
    }
  }
}

}  // namespace conform::derive
