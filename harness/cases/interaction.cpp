#include "cases/interaction.hpp"

#include <algorithm>

#include "contract/contract.hpp"

namespace conform {
namespace {
using nlohmann::json;

[[noreturn]] void bad(const std::string& origin, const std::string& pointer,
                      const std::string& why) {
  throw ContractError(origin + ": " + pointer + ": " + why);
}

/// True when a response schema constrains anything; whippy's documents no shape at all.
bool schema_has_shape(const json& schema) {
  static const char* kShapeKeys[] = {"type",  "properties", "required", "items", "$ref",
                                     "oneOf", "anyOf",      "allOf",    "enum",  "const"};
  if (!schema.is_object()) return false;
  return std::any_of(std::begin(kShapeKeys), std::end(kShapeKeys),
                     [&](const char* key) { return schema.contains(key); });
}

bool response_documented(const ApiEntry& api, const std::string& channel) {
  auto files = api.contract.channels.find(channel);
  if (files == api.contract.channels.end()) return false;
  auto schema = api.schemas.find(files->second.response);
  return schema != api.schemas.end() && schema_has_shape(schema->second);
}

/// The documented exact status whose requirement the case names (e.g. whippy's 422).
const DocumentedStatus* named_status(const Contract& contract,
                                     const std::vector<std::string>& requirements) {
  for (const auto& status : contract.statuses) {
    if (status.requirement.empty() || status.code.find('x') != std::string::npos) continue;
    if (std::find(requirements.begin(), requirements.end(), status.requirement) !=
        requirements.end())
      return &status;
  }
  return nullptr;
}

std::string status_text(const json& value, const std::string& origin) {
  std::string text;
  if (value.is_number_integer()) text = std::to_string(value.get<long long>());
  if (value.is_string()) text = value.get<std::string>();
  if (!is_status_spec(text))
    bad(origin, "/interaction/status", "expected a code (422) or a class (\"4xx\")");
  return text;
}

Matcher parse_matcher(const json& spec, const std::string& origin, const std::string& at) {
  if (!spec.is_object() || !spec.contains("pointer") || !spec["pointer"].is_string())
    bad(origin, at, "a matcher needs a string \"pointer\"");
  Matcher m;
  m.pointer = spec["pointer"].get<std::string>();
  if (spec.contains("equals")) m.equals = spec["equals"];
  if (spec.contains("same_length_as")) {
    if (!spec["same_length_as"].is_string())
      bad(origin, at + "/same_length_as", "expected a pointer");
    m.same_length_as = spec["same_length_as"].get<std::string>();
  }
  if (m.equals.has_value() == !m.same_length_as.empty())
    bad(origin, at, "a matcher needs exactly one of \"equals\" and \"same_length_as\"");
  for (const auto& [key, value] : spec.items()) {
    if (key != "pointer" && key != "equals" && key != "same_length_as")
      bad(origin, at + "/" + key, "unknown member");
  }
  return m;
}

void apply_status(const json& value, const std::string& origin, const ApiEntry& api,
                  const std::vector<std::string>& requirements, Interaction& out) {
  out.status = status_text(value, origin);
  out.status_requirement.clear();
  out.status_locator.clear();
  if (out.status.find('x') != std::string::npos) return;
  const DocumentedStatus* documented = named_status(api.contract, requirements);
  if (documented && documented->code == out.status) {
    out.status_requirement = documented->requirement;
    out.status_locator = documented->locator;
  } else if (!requirements.empty()) {
    out.status_requirement = requirements.front();
    const Requirement* r = api.contract.find_requirement(requirements.front());
    out.status_locator = r ? r->locator : "";
  } else {
    bad(origin, "/interaction/status", "an exact status needs a requirement id in /requirements");
  }
}

}  // namespace

bool is_status_spec(const std::string& spec) {
  if (spec.size() != 3 || spec[0] < '1' || spec[0] > '5') return false;
  if (spec[1] == 'x' && spec[2] == 'x') return true;
  return std::isdigit(static_cast<unsigned char>(spec[1])) &&
         std::isdigit(static_cast<unsigned char>(spec[2]));
}

bool status_matches(const std::string& spec, int status) {
  if (!is_status_spec(spec) || status < 100 || status > 599) return false;
  if (spec[1] == 'x') return status / 100 == spec[0] - '0';
  return std::to_string(status) == spec;
}

Interaction default_interaction(const ApiEntry& api, const std::string& channel, Intent intent,
                                const std::vector<std::string>& requirements) {
  const Contract& contract = api.contract;
  Interaction out;
  out.response_documented = response_documented(api, channel);
  if (intent == Intent::accept) {
    out.status = "2xx";
    out.content_type = "application/json";
    out.response_schema = true;
    return out;
  }
  out.status = intent == Intent::unauthenticated ? "4xx" : contract.rejection.status_class;
  if (!is_status_spec(out.status)) out.status = "4xx";
  out.body_forms = intent != Intent::unauthenticated && !contract.rejection.body_forms.empty();
  if (intent != Intent::reject) return out;
  if (const DocumentedStatus* documented = named_status(contract, requirements)) {
    out.status = documented->code;
    out.status_requirement = documented->requirement;
    out.status_locator = documented->locator;
    out.body_forms = false;
  }
  return out;
}

void apply_interaction(const json& spec, const std::string& origin, const ApiEntry& api,
                       const std::vector<std::string>& requirements, Interaction& out) {
  if (!spec.is_object()) bad(origin, "/interaction", "expected an object");
  for (const auto& [key, value] : spec.items()) {
    if (key == "status") {
      apply_status(value, origin, api, requirements, out);
    } else if (key == "content_type") {
      if (!value.is_string() && !value.is_null())
        bad(origin, "/interaction/content_type", "expected a string or null");
      out.content_type = value.is_null() ? "" : value.get<std::string>();
    } else if (key == "response_schema") {
      if (!value.is_boolean())
        bad(origin, "/interaction/response_schema", "expected true or false");
      out.response_schema = value.get<bool>();
    } else if (key == "matchers") {
      if (!value.is_array()) bad(origin, "/interaction/matchers", "expected an array");
      out.matchers.clear();
      for (size_t i = 0; i < value.size(); ++i)
        out.matchers.push_back(
            parse_matcher(value[i], origin, "/interaction/matchers/" + std::to_string(i)));
    } else {
      bad(origin, "/interaction/" + key,
          "unknown member (status, content_type, response_schema, matchers)");
    }
  }
}

}  // namespace conform
