#include "export/schema_convert.hpp"

#include <cctype>
#include <set>

#include "contract/contract.hpp"

namespace conform {
namespace {

using nlohmann::json;

constexpr int kMaxDepth = 64;  // schemas nest far less; a deeper one is refused, not recursed

/// Keywords OpenAPI 3.0.3 allows in a Schema Object and whose value is not a sub-schema.
const std::set<std::string>& plain_keywords() {
  static const std::set<std::string> keys = {
      "title",    "multipleOf", "maximum",     "minimum",     "maxLength",     "minLength",
      "pattern",  "maxItems",   "minItems",    "uniqueItems", "maxProperties", "minProperties",
      "required", "enum",       "description", "format",      "default",       "nullable",
      "readOnly", "writeOnly",  "example",     "deprecated",  "externalDocs",  "xml"};
  return keys;
}

struct Walk {
  const SchemaConversion& conversion;
  int depth = 0;
};

json convert(const json& schema, Walk walk);

std::string sanitise(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  return out;
}

std::string rewrite_ref(const std::string& ref, const SchemaConversion& conversion) {
  const std::string local = "#/definitions/";
  if (ref.rfind(local, 0) != 0) return ref;
  return "#/components/schemas/" +
         component_name(conversion.component_prefix, ref.substr(local.size()));
}

/// `type` as draft-07 writes it (a string or a list) into OpenAPI's `type` + `nullable`.
void convert_type(const json& type, json& out) {
  if (type.is_string()) {
    if (type == "null")
      out["nullable"] = true;
    else
      out["type"] = type;
    return;
  }
  std::vector<std::string> kinds;
  for (const auto& t : type) {
    if (t == "null")
      out["nullable"] = true;
    else
      kinds.push_back(t.get<std::string>());
  }
  if (kinds.size() == 1) {
    out["type"] = kinds.front();
  } else if (kinds.size() > 1) {
    json any = json::array();
    for (const auto& k : kinds) {
      any.push_back({{"type", k}});
      if (k == "array") any.back()["items"] = json::object();  // OpenAPI 3.0 wants items with array
    }
    out["anyOf"] = any;
  }
}

/// A numeric draft-07 `exclusiveMinimum: n` becomes `minimum: n, exclusiveMinimum: true`.
void convert_exclusive(const std::string& key, const json& value, json& out) {
  if (value.is_boolean()) {
    out[key] = value;
    return;
  }
  out[key == "exclusiveMinimum" ? "minimum" : "maximum"] = value;
  out[key] = true;
}

json convert_map(const json& map, Walk walk) {
  json out = json::object();
  for (const auto& [name, sub] : map.items()) out[name] = convert(sub, walk);
  return out;
}

json convert_list(const json& list, Walk walk) {
  json out = json::array();
  for (const auto& sub : list) out.push_back(convert(sub, walk));
  return out;
}

void move_definitions(const json& definitions, Walk walk) {
  if (walk.conversion.components == nullptr)
    throw ContractError("schema has definitions but no components to move them to");
  for (const auto& [name, sub] : definitions.items()) {
    (*walk.conversion.components)[component_name(walk.conversion.component_prefix, name)] =
        convert(sub, walk);
  }
}

/// One keyword of a schema object into `out`; returns false for a keyword it does not know.
bool convert_keyword(const std::string& key, const json& value, Walk walk, json& out) {
  if (key == "$schema" || key == "$id") return true;
  if (key.rfind("x-", 0) == 0) {
    out[key] = value;
    return true;
  }
  if (key == "$comment") {
    out["x-comment"] = value;
    return true;
  }
  if (key == "type") {
    convert_type(value, out);
    return true;
  }
  if (key == "const") {
    out["enum"] = json::array({value});
    return true;
  }
  if (key == "required") {
    if (!value.empty()) out[key] = value;
    return true;
  }
  if (key == "exclusiveMinimum" || key == "exclusiveMaximum") {
    convert_exclusive(key, value, out);
    return true;
  }
  if (key == "definitions") {
    move_definitions(value, walk);
    return true;
  }
  if (key == "properties") {
    out[key] = convert_map(value, walk);
    return true;
  }
  if (key == "allOf" || key == "anyOf" || key == "oneOf") {
    out[key] = convert_list(value, walk);
    return true;
  }
  if (key == "not" || key == "additionalProperties") {
    out[key] = value.is_boolean() && key == "additionalProperties" ? value : convert(value, walk);
    return true;
  }
  if (key == "items" && value.is_object()) {
    out[key] = convert(value, walk);
    return true;
  }
  if (plain_keywords().contains(key)) {
    out[key] = value;
    return true;
  }
  return false;
}

/// A `$ref` keeps only x- annotations beside it; other siblings go into an `allOf` wrapper.
json convert_ref(const json& schema, Walk walk) {
  json ref = {{"$ref", rewrite_ref(schema["$ref"].get<std::string>(), walk.conversion)}};
  json rest = schema;
  rest.erase("$ref");
  bool annotations_only = true;
  for (const auto& [key, value] : rest.items())
    annotations_only = annotations_only && key.rfind("x-", 0) == 0;
  if (rest.empty() || annotations_only) return ref;
  json out = convert(rest, walk);
  if (out.contains("allOf"))
    out["allOf"].push_back(ref);
  else
    out["allOf"] = json::array({ref});
  return out;
}

/// `format: email` → conform's own rule as a pattern (kept beside any pattern already there).
void rewrite_email(json& out, const EmailPolicy& policy) {
  out.erase("format");
  out["x-format"] = "email";
  json rule = {{"pattern", email_pattern(policy)}};
  if (!out.contains("pattern"))
    out.update(rule);
  else if (out.contains("allOf"))
    out["allOf"].push_back(rule);
  else
    out["allOf"] = json::array({rule});
}

json convert(const json& schema, Walk walk) {
  if (++walk.depth > kMaxDepth) throw ContractError("schema nests deeper than 64 levels");
  if (schema.is_boolean())
    return schema.get<bool>() ? json::object() : json{{"not", json::object()}};
  if (!schema.is_object()) throw ContractError("a schema must be an object or a boolean");
  if (schema.contains("$ref")) return convert_ref(schema, walk);
  json out = json::object();
  for (const auto& [key, value] : schema.items()) {
    if (!convert_keyword(key, value, walk, out)) out["x-draft07-" + key] = value;
  }
  if (out.value("type", "") == "array" && !out.contains("items")) out["items"] = json::object();
  if (out.value("format", "") == "email" && walk.conversion.email_policy)
    rewrite_email(out, *walk.conversion.email_policy);
  return out;
}

}  // namespace

std::string component_name(const std::string& prefix, const std::string& name) {
  return sanitise(prefix.empty() ? name : prefix + "." + name);
}

std::string email_pattern(const EmailPolicy& policy) {
  const std::string atext = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  const std::string label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  std::string address = "(?=[^@]{1,64}@)" + atext + "(?:\\." + atext + ")*@" + label + "(?:\\." +
                        label + (policy.require_domain_dot ? ")+" : ")*");
  return policy.allow_empty ? "^(?:|" + address + ")$" : "^" + address + "$";
}

json to_openapi_schema(const json& schema, const SchemaConversion& conversion) {
  return convert(schema, Walk{conversion});
}

}  // namespace conform
