#include "derive/samples.hpp"

namespace conform::derive {
namespace {

using ojson = nlohmann::ordered_json;

std::string json_type(const ojson& v) {
  if (v.is_object()) return "object";
  if (v.is_array()) return "array";
  if (v.is_string()) return "string";
  if (v.is_boolean()) return "boolean";
  if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
  if (v.is_number()) return "number";
  return "null";
}

bool type_fits(const std::string& type, const ojson& v) {
  std::string t = json_type(v);
  return t == type || (type == "number" && t == "integer") || t == "null";
}

std::string escape_token(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

ojson infer(const ojson& v, const std::string& reason) {
  ojson node = {{"type", json_type(v)}};
  if (v.is_null()) node.erase("type");
  node["x-inferred"] = reason;
  if (v.is_object()) {
    node["properties"] = ojson::object();
    for (auto it = v.begin(); it != v.end(); ++it)
      node["properties"][it.key()] = infer(it.value(), reason);
  } else if (v.is_array() && !v.empty()) {
    node["items"] = infer(v.front(), reason);
  }
  return node;
}

void walk(const ojson& schema, const ojson& value, const std::string& at,
          const std::string& schema_at, const std::string& where,
          std::vector<SampleConflict>& out) {
  if (!schema.is_object()) return;
  if (schema.contains("type") && schema["type"].is_string() &&
      !type_fits(schema["type"].get<std::string>(), value)) {
    std::string type = schema["type"].get<std::string>();
    std::string line = schema.value("x-locator", std::string("the table"));
    out.push_back({at, schema_at,
                   "the table (" + line + ") says " + type + ", the sample at " + where +
                       " sends " + json_type(value) + " at " + (at.empty() ? "/" : at)});
    return;
  }
  if (value.is_object() && schema.contains("properties") && schema["properties"].is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!schema["properties"].contains(it.key())) continue;
      std::string token = escape_token(it.key());
      walk(schema["properties"][it.key()], it.value(), at + "/" + token,
           schema_at + "/properties/" + token, where, out);
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size() && i < 100; ++i)
      walk(schema["items"], value[i], at + "/" + std::to_string(i), schema_at + "/items", where,
           out);
  }
}

}  // namespace

std::vector<PageSample> page_samples(const DocPage& page) {
  std::vector<PageSample> out;
  for (const auto& example : page.examples) {
    if (example.kind != SectionKind::kRequest && example.kind != SectionKind::kResponse) continue;
    ojson body = ojson::parse(example.text, nullptr, false);
    if (body.is_discarded() || !body.is_structured()) continue;
    out.push_back({example.kind, example.line, std::move(body)});
  }
  return out;
}

ojson sample_schema(const DocPage& page, const PageSample& sample, const std::string& api,
                    const std::string& title) {
  std::string where = locator(page, sample.line);
  ojson root = {{"$schema", "http://json-schema.org/draft-07/schema#"}, {"title", title}};
  ojson inferred = infer(
      sample.body, "the page has no table for this body; shape read from the sample at " + where);
  for (auto it = inferred.begin(); it != inferred.end(); ++it) root[it.key()] = it.value();
  root["x-locator"] = where;
  root["x-requirement"] = api + (sample.kind == SectionKind::kRequest ? ".request" : ".response");
  return root;
}

std::vector<SampleConflict> sample_conflicts(const DocPage& page, const PageSample& sample,
                                             const ojson& schema) {
  std::vector<SampleConflict> out;
  walk(schema, sample.body, "", "", locator(page, sample.line), out);
  return out;
}

void open_conflicts(ojson& schema, const std::vector<SampleConflict>& conflicts) {
  for (const auto& c : conflicts) {
    ojson& node = c.schema_at.empty() ? schema : schema[ojson::json_pointer(c.schema_at)];
    node["x-accept"]["type"] = c.reason + ".";
  }
}

ojson sample_fixture(const PageSample& sample, const std::string& locator,
                     const std::string& requirement, const ojson& path_params,
                     const std::vector<SampleConflict>& conflicts) {
  ojson f = {{"conform_fixture", 1},
             {"kind", sample.kind == SectionKind::kRequest ? "request" : "response"},
             {"expect", conflicts.empty() ? "valid" : "open"},
             {"requirements", ojson::array({requirement})},
             {"source", locator}};
  if (!conflicts.empty()) {
    f["errors_at"] = ojson::array();
    for (const auto& c : conflicts) f["errors_at"].push_back(c.pointer);
    f["doc_defect"] = conflicts.front().reason;
  }
  if (sample.kind == SectionKind::kRequest && !path_params.empty()) f["path_params"] = path_params;
  f["body"] = sample.body;
  return f;
}

std::string sample_fixture_name(const PageSample& sample, bool open) {
  return std::string("the-") + (sample.kind == SectionKind::kRequest ? "request" : "response") +
         "-sample-at-line-" + std::to_string(sample.line) +
         (open ? "-contradicts-its-table" : "-is-accepted") + ".json";
}

}  // namespace conform::derive
