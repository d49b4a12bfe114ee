#include "derive/requirement_summary.hpp"

#include <set>

namespace conform::derive {
namespace {

using ojson = nlohmann::ordered_json;

std::string field_of(const std::string& id) {
  auto dot = id.find('.');
  return dot == std::string::npos ? id : id.substr(dot + 1);
}

std::string kind_of(const ojson& node) {
  if (node.contains("const")) return "the constant " + node["const"].dump();
  std::string kind =
      node.contains("type") && node["type"].is_string() ? node["type"].get<std::string>() : "value";
  if (kind == "array" && node.contains("items") && node["items"].contains("type") &&
      node["items"]["type"].is_string())
    kind = "list of " + node["items"]["type"].get<std::string>() + "s";
  if (node.contains("format") && node["format"].is_string())
    kind = node["format"].get<std::string>() + " " + kind;
  return kind;
}

std::string summary_of(const std::string& id, const ojson& node, bool required) {
  std::string s =
      field_of(id) + " is " + (required ? "a required " : "an optional ") + kind_of(node);
  if (node.contains("enum") && node["enum"].is_array()) {
    std::string values;
    for (const auto& v : node["enum"])
      values += (values.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
    s += ": one of " + values;
  }
  return s.size() > 200 ? s.substr(0, 197) + "..." : s;
}

struct Walk {
  ojson list = ojson::array();
  std::set<std::string> seen;

  void add(const std::string& id, const ojson& node, const std::string& summary) {
    if (!seen.insert(id).second) return;
    ojson r = {{"id", id}, {"summary", summary}};
    if (node.contains("x-locator")) r["locator"] = node["x-locator"];
    if (node.contains("x-inferred")) r["inferred"] = node["x-inferred"];
    if (!r.contains("locator") && !r.contains("inferred"))
      r["inferred"] = "the schema node that names it gives no page line";
    list.push_back(r);
  }

  void node(const ojson& n, bool required) {
    if (!n.is_object()) return;
    if (n.contains("x-requirement") && n["x-requirement"].is_string()) {
      std::string id = n["x-requirement"].get<std::string>();
      add(id, n, summary_of(id, n, required));
    }
    if (n.contains("x-requirements") && n["x-requirements"].is_object()) {
      for (auto it = n["x-requirements"].begin(); it != n["x-requirements"].end(); ++it) {
        if (!it.value().is_string()) continue;
        std::string id = it.value().get<std::string>();
        add(id, n, field_of(id) + ": the " + it.key() + " rule of " + kind_of(n));
      }
    }
    std::set<std::string> needed;
    if (n.contains("required") && n["required"].is_array())
      for (const auto& r : n["required"])
        if (r.is_string()) needed.insert(r.get<std::string>());
    if (n.contains("properties") && n["properties"].is_object())
      for (auto it = n["properties"].begin(); it != n["properties"].end(); ++it)
        node(it.value(), needed.count(it.key()) > 0);
    if (n.contains("items")) node(n["items"], true);
    for (const char* key : {"anyOf", "oneOf", "allOf"})
      if (n.contains(key) && n[key].is_array())
        for (const auto& b : n[key]) node(b, required);
    if (n.contains("definitions") && n["definitions"].is_object())
      for (auto it = n["definitions"].begin(); it != n["definitions"].end(); ++it)
        node(it.value(), true);
  }
};

}  // namespace

ojson schema_requirements(const std::vector<std::pair<std::string, ojson>>& schemas) {
  Walk walk;
  for (const auto& entry : schemas) walk.node(entry.second, true);
  return walk.list;
}

std::string parameter_summary(const std::string& name, const std::vector<std::string>& values) {
  std::string s = name + " is a path or query parameter";
  if (values.empty()) return s;
  s += ": one of ";
  for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + values[i];
  return s.size() > 200 ? s.substr(0, 197) + "..." : s;
}

}  // namespace conform::derive
