#include "contract/contract.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace conform {
namespace {

using nlohmann::json;

std::string text(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string required_text(const json& object, const char* key, const std::string& origin) {
  std::string value = text(object, key);
  if (value.empty()) throw ContractError(origin + ": missing string field '" + key + "'");
  return value;
}

std::vector<std::string> strings(const json& object, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

Parameter parse_parameter(const json& object) {
  Parameter p;
  p.name = text(object, "name");
  p.allowed = strings(object, "enum");
  p.case_insensitive = object.value("case_insensitive", false);
  if (object.contains("default") && object["default"].is_string()) {
    p.default_value = object["default"].get<std::string>();
  }
  p.selects_channel = object.value("selects_channel", false);
  p.example = text(object, "example");
  p.requirement = text(object, "requirement");
  p.locator = text(object, "locator");
  return p;
}

std::vector<Parameter> parse_parameters(const json& document, const char* key) {
  std::vector<Parameter> out;
  if (document.contains(key)) {
    for (const auto& item : document[key]) out.push_back(parse_parameter(item));
  }
  return out;
}

AuthScheme parse_auth(const json& object, const std::string& origin) {
  AuthScheme a;
  a.header = required_text(object, "header", origin + " /auth");
  a.prefixes = strings(object, "prefixes");
  a.placeholder = required_text(object, "placeholder", origin + " /auth");
  a.requirement = text(object, "requirement");
  a.locator = text(object, "locator");
  a.inferred = text(object, "inferred");
  return a;
}

std::string status_code_text(const json& code) {
  return code.is_number_integer() ? std::to_string(code.get<int>()) : code.get<std::string>();
}

Rejection parse_rejection(const json& object) {
  Rejection r;
  r.status_class = object.value("status_class", "4xx");
  r.requirement = text(object, "requirement");
  r.locator = text(object, "locator");
  for (const auto& form : object.value("body_forms", json::array())) {
    RejectionBodyForm f;
    f.pointer = text(form, "pointer");
    if (form.contains("equals")) f.equals = form["equals"];
    f.nonempty = text(form, "nonempty");
    r.body_forms.push_back(f);
  }
  return r;
}

std::map<std::string, SchemaFiles> parse_channels(const json& document, const std::string& origin) {
  std::map<std::string, SchemaFiles> out;
  if (document.contains("channels")) {
    for (const auto& [name, files] : document["channels"].items()) {
      out[name] = {required_text(files, "request", origin),
                   required_text(files, "response", origin)};
    }
    return out;
  }
  out[""] = {required_text(document, "request", origin),
             required_text(document, "response", origin)};
  return out;
}

void parse_statuses_and_requirements(const json& document, Contract& c) {
  for (const auto& s : document.value("statuses", json::array())) {
    c.statuses.push_back({status_code_text(s.at("code")), text(s, "when"), text(s, "requirement"),
                          text(s, "locator"), s.contains("inferred")});
  }
  for (const auto& r : document.value("requirements", json::array())) {
    c.requirements.push_back(
        {text(r, "id"), text(r, "summary"), text(r, "locator"), text(r, "inferred")});
  }
}

[[noreturn]] void bad_open_point(const std::string& origin, size_t index, const std::string& member,
                                 const std::string& why) {
  throw ContractError(origin + ": /open_points/" + std::to_string(index) +
                      (member.empty() ? "" : "/" + member) + ": " + why);
}

std::string open_point_text(const json& entry, const char* key, const std::string& origin,
                            size_t index, bool needed) {
  auto it = entry.find(key);
  if (it == entry.end() && !needed) return "";
  if (it == entry.end() || !it->is_string() || (needed && it->get<std::string>().empty()))
    bad_open_point(origin, index, key, needed ? "needs a non-empty string" : "must be a string");
  return it->get<std::string>();
}

OpenPoint parse_open_point(const json& entry, const std::string& origin, size_t index) {
  if (!entry.is_object()) bad_open_point(origin, index, "", "an open point is an object");
  for (const auto& [key, value] : entry.items()) {
    static const std::set<std::string> known = {"id", "where", "permitted", "sentence", "locator"};
    if (!known.contains(key))
      bad_open_point(origin, index, key,
                     "unknown member (id, where, permitted, sentence, locator)");
  }
  OpenPoint p;
  p.id = open_point_text(entry, "id", origin, index, true);
  p.where = open_point_text(entry, "where", origin, index, true);
  p.sentence = open_point_text(entry, "sentence", origin, index, true);
  p.locator = open_point_text(entry, "locator", origin, index, false);
  auto permitted = entry.find("permitted");
  if (permitted == entry.end() || !permitted->is_array() || permitted->size() < 2)
    bad_open_point(origin, index, "permitted", "needs at least two permitted answers (strings)");
  for (const auto& answer : *permitted) {
    if (!answer.is_string() || answer.get<std::string>().empty())
      bad_open_point(origin, index, "permitted", "every permitted answer is a non-empty string");
    p.permitted.push_back(answer.get<std::string>());
  }
  return p;
}

std::vector<OpenPoint> parse_open_points(const json& document, const std::string& origin) {
  std::vector<OpenPoint> out;
  auto it = document.find("open_points");
  if (it == document.end()) return out;
  if (!it->is_array()) throw ContractError(origin + ": /open_points: must be an array");
  for (size_t i = 0; i < it->size(); ++i) {
    out.push_back(parse_open_point((*it)[i], origin, i));
    for (size_t j = 0; j + 1 < out.size(); ++j) {
      if (out[j].id == out.back().id)
        bad_open_point(origin, i, "id", "'" + out.back().id + "' is registered twice");
    }
  }
  return out;
}

std::string lower(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return value;
}

/// nlohmann's message without its `[json.exception.type_error.302] ` tag.
std::string without_library_tag(const std::string& message) {
  if (!message.starts_with("[json.exception.")) return message;
  size_t end = message.find("] ");
  return end == std::string::npos ? message : message.substr(end + 2);
}

}  // namespace

Contract parse_contract(const json& document, const std::string& origin) {
  if (!document.is_object()) throw ContractError(origin + ": a contract must be a JSON object");
  try {
    Contract c;
    c.id = required_text(document, "id", origin);
    c.title = text(document, "title");
    c.snapshot = text(document, "snapshot");
    c.method = required_text(document, "method", origin);
    c.path = required_text(document, "path", origin);
    c.locator = text(document, "locator");
    c.path_params = parse_parameters(document, "path_params");
    c.query_params = parse_parameters(document, "query_params");
    c.auth = parse_auth(document.at("auth"), origin);
    const json& policy = document.value("email_policy", json::object());
    c.email_policy = {policy.value("require_domain_dot", false),
                      policy.value("allow_empty", false)};
    c.channels = parse_channels(document, origin);
    parse_statuses_and_requirements(document, c);
    c.rejection = parse_rejection(document.value("rejection", json::object()));
    c.open_points = parse_open_points(document, origin);
    c.recipients = parse_recipient_fields(document, origin);
    return c;
  } catch (const json::exception& e) {
    throw ContractError(origin + ": does not keep the contract format (" +
                        without_library_tag(e.what()) + "; see docs/contract-format.md)");
  }
}

const Requirement* Contract::find_requirement(const std::string& requirement_id) const {
  for (const auto& r : requirements) {
    if (r.id == requirement_id) return &r;
  }
  return nullptr;
}

const OpenPoint* Contract::find_open_point(const std::string& open_point_id) const {
  for (const auto& p : open_points) {
    if (p.id == open_point_id) return &p;
  }
  return nullptr;
}

bool Contract::success_code_open() const {
  for (const auto& s : statuses) {
    bool exact_2xx = s.code.size() == 3 && s.code[0] == '2' && s.code[1] != 'x';
    if (exact_2xx && !s.inferred) return false;
  }
  return true;
}

const Parameter* Contract::channel_parameter() const {
  for (const auto& p : query_params) {
    if (p.selects_channel) return &p;
  }
  return nullptr;
}

std::optional<std::string> resolve_channel(const Contract& contract,
                                           const std::optional<std::string>& requested) {
  if (!contract.has_channels()) return std::string();
  const Parameter* param = contract.channel_parameter();
  std::optional<std::string> value = requested;
  if (!value && param) value = param->default_value;
  if (!value) return std::nullopt;
  std::string key = param && param->case_insensitive ? lower(*value) : *value;
  if (!contract.channels.contains(key)) return std::nullopt;
  return key;
}

}  // namespace conform
