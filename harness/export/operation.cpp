#include "export/operation.hpp"

#include <cctype>

namespace conform {
namespace {

using json = nlohmann::ordered_json;

/// x-requirement / x-locator / x-inferred, each only when set.
void annotate(json& node, const std::string& requirement, const std::string& locator,
              const std::string& inferred = "") {
  if (!requirement.empty()) node["x-requirement"] = requirement;
  if (!locator.empty()) node["x-locator"] = locator;
  if (!inferred.empty()) node["x-inferred"] = inferred;
}

/// A pattern matching `value` in any letter case, e.g. `[Ss][Mm][Ss]`.
std::string any_case(const std::string& value) {
  std::string out;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u))
      out += std::string("[") + static_cast<char>(std::toupper(u)) +
             static_cast<char>(std::tolower(u)) + "]";
    else if (std::isalnum(u) || c == '_' || c == '-')
      out += c;
    else
      out += std::string("\\") + c;
  }
  return out;
}

/// An enum; a case-insensitive one is `anyOf` the canonical enum and a pattern in any case,
/// since an OpenAPI enum compares exactly and the page accepts `SMS` as well as `sms`.
json parameter_schema(const Parameter& p) {
  json schema = {{"type", "string"}};
  if (!p.allowed.empty() && p.case_insensitive) {
    std::string alternatives;
    for (const auto& v : p.allowed) alternatives += (alternatives.empty() ? "" : "|") + any_case(v);
    schema["anyOf"] =
        json::array({{{"enum", p.allowed}}, {{"pattern", "^(?:" + alternatives + ")$"}}});
  } else if (!p.allowed.empty()) {
    schema["enum"] = p.allowed;
  }
  if (p.default_value) schema["default"] = *p.default_value;
  return schema;
}

std::string query_description(const Contract& contract, const Parameter& p) {
  std::string text = "Allowed values: ";
  for (size_t i = 0; i < p.allowed.size(); ++i) text += (i ? ", " : "") + p.allowed[i];
  text += ".";
  if (p.case_insensitive) text += " Case-insensitive: the page accepts any letter case (e.g. SMS).";
  if (p.default_value) text += " Absent means " + *p.default_value + ".";
  if (p.selects_channel && contract.has_channels())
    text += " It selects the request and response body schema (see the body's oneOf).";
  return text;
}

json parameter(const Contract& contract, const Parameter& p, bool in_path) {
  json out = {{"name", p.name},
              {"in", in_path ? "path" : "query"},
              {"required", in_path},
              {"schema", parameter_schema(p)}};
  if (!p.example.empty())
    out["example"] = p.example;
  else if (!p.allowed.empty())
    out["example"] = p.default_value.value_or(p.allowed.front());
  if (!in_path) out["description"] = query_description(contract, p);
  if (p.case_insensitive) out["x-case-insensitive"] = true;
  if (p.selects_channel) out["x-selects-channel"] = true;
  annotate(out, p.requirement, p.locator);
  return out;
}

json schema_ref(const std::string& api_id, const std::string& file) {
  return {{"$ref", "#/components/schemas/" + schema_component(api_id, file)}};
}

/// One schema, or `oneOf` the channel schemas (disjoint: each requires its own top-level key).
json body_schema(const Contract& contract, PayloadKind kind) {
  auto file_of = [kind](const SchemaFiles& f) {
    return kind == PayloadKind::request ? f.request : f.response;
  };
  if (!contract.has_channels()) return schema_ref(contract.id, file_of(contract.channels.at("")));
  const Parameter* selector = contract.channel_parameter();
  std::string name = selector ? selector->name : "channel";
  std::vector<std::string> order;  // the default channel first: tools that pick one pick it
  std::string first = selector ? selector->default_value.value_or("") : "";
  if (contract.channels.contains(first)) order.push_back(first);
  for (const auto& [channel, files] : contract.channels) {
    if (channel != first) order.push_back(channel);
  }
  json schema = {{"oneOf", json::array()}, {"x-channels", json::object()}};
  for (const auto& channel : order) {
    json ref = schema_ref(contract.id, file_of(contract.channels.at(channel)));
    schema["oneOf"].push_back(ref);
    schema["x-channels"][channel] = ref["$ref"];
  }
  schema["description"] = "One body per channel; the query parameter '" + name +
                          "' says which applies (x-channels maps each value to its schema). "
                          "OpenAPI 3.0 cannot select a schema by a query parameter, so a body "
                          "is checked against all and must match exactly one.";
  return schema;
}

json examples_of(const std::string& api_id, PayloadKind kind,
                 const std::vector<PageExample>& examples) {
  json out = json::object();
  for (const auto& e : examples) {
    if (e.api != api_id || e.kind != kind) continue;
    json example = {{"summary", e.name}, {"value", e.body}};
    if (!e.source.empty())
      example["x-locator"] = e.source;
    else
      example["x-inferred"] = "the page shows no example here; this is conform's fixture " + e.name;
    if (!e.channel.empty()) example["x-channel"] = e.channel;
    out[e.name] = example;
  }
  return out;
}

json media(const Contract& contract, PayloadKind kind, const std::vector<PageExample>& examples) {
  json content = {{"schema", body_schema(contract, kind)}};
  json found = examples_of(contract.id, kind, examples);
  if (!found.empty()) content["examples"] = found;
  return {{"application/json", content}};
}

/// "2xx" → "2XX" (OpenAPI's range key); exact codes stay.
std::string status_key(const std::string& code) {
  if (code.size() == 3 && (code[1] == 'x' || code[1] == 'X')) return std::string(1, code[0]) + "XX";
  return code;
}

std::string auth_scheme_name(const Contract& contract, const std::string& prefix) {
  if (prefix == "Basic ") return "basic";
  if (prefix == "Bearer ") return "bearer";
  return contract.id + ".key";
}

json auth_scheme(const AuthScheme& auth, const std::string& prefix) {
  if (prefix == "Basic ") return {{"type", "http"}, {"scheme", "basic"}};
  if (prefix == "Bearer ") return {{"type", "http"}, {"scheme", "bearer"}};
  std::string text = "The credential travels in the " + auth.header + " header";
  if (!prefix.empty()) text += "; its value starts with '" + prefix + "'";
  json out = {
      {"type", "apiKey"}, {"in", "header"}, {"name", auth.header}, {"description", text + "."}};
  if (!prefix.empty()) out["x-prefix"] = prefix;
  return out;
}

}  // namespace

json operation_parameters(const Contract& contract) {
  json out = json::array();
  for (const auto& p : contract.path_params) out.push_back(parameter(contract, p, true));
  for (const auto& p : contract.query_params) out.push_back(parameter(contract, p, false));
  return out;
}

json operation_request_body(const ApiEntry& api, const std::vector<PageExample>& examples) {
  return {{"required", true}, {"content", media(api.contract, PayloadKind::request, examples)}};
}

json operation_responses(const ApiEntry& api, const std::vector<PageExample>& examples) {
  json out = json::object();
  for (const auto& status : api.contract.statuses) {
    json response = {{"description", status.when.empty() ? "documented status" : status.when}};
    if (status.code[0] == '2')
      response["content"] = media(api.contract, PayloadKind::response, examples);
    annotate(response, status.requirement, status.locator);
    out[status_key(status.code)] = response;
  }
  return out;
}

json operation_security(const Contract& contract, json& schemes) {
  json alternatives = json::array();
  for (const auto& prefix : contract.auth.prefixes) {
    std::string name = auth_scheme_name(contract, prefix);
    if (!schemes.contains(name)) schemes[name] = auth_scheme(contract.auth, prefix);
    alternatives.push_back({{name, json::array()}});
  }
  return alternatives;
}

}  // namespace conform
