#include "engine/case_builder.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "contract/endpoint.hpp"
#include "engine/interaction.hpp"

namespace conform {
namespace {
using nlohmann::json;

[[noreturn]] void bad(const Fixture& f, const std::string& pointer, const std::string& why) {
  throw ContractError(f.path.string() + ": " + pointer + ": " + why);
}

std::string locator_of(const Contract& contract, const std::string& requirement) {
  const Requirement* r = contract.find_requirement(requirement);
  return r ? r->locator : "";
}

/// Fills primary_requirement/locator from the intent.
void set_primary(const Contract& contract, ReplayCase& c) {
  if (c.intent == Intent::unauthenticated) {
    c.primary_requirement = contract.auth.requirement;
    c.primary_locator = contract.auth.locator;
  } else if (c.intent == Intent::accept && !c.requirements.empty()) {
    c.primary_requirement = c.requirements.front();
    c.primary_locator = locator_of(contract, c.primary_requirement);
  } else {
    c.primary_requirement = contract.rejection.requirement;
    c.primary_locator = contract.rejection.locator;
  }
  if (c.primary_requirement.empty()) c.primary_requirement = contract.id + ".response";
}

HttpRequest make_request(const Contract& contract, const PathValues& values,
                         const std::optional<std::string>& channel, const std::string& credential) {
  HttpRequest request;
  request.method = contract.method;
  request.path = build_path(contract, values);
  const Parameter* param = contract.channel_parameter();
  if (param && channel) request.path += "?" + param->name + "=" + percent_encode(*channel);
  request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  if (!credential.empty()) request.headers.emplace_back(contract.auth.header, credential);
  return request;
}

Intent intent_of(const Fixture& f) {
  if (f.expect == Expectation::malformed) return Intent::malformed;
  return f.expect == Expectation::valid ? Intent::accept : Intent::reject;
}

}  // namespace

ReplayCase case_from_fixture(const ApiEntry& api, const Fixture& f, const std::string& credential) {
  const Contract& contract = api.contract;
  std::optional<std::string> channel = resolve_channel(contract, f.channel);
  if (!channel) bad(f, "/channel", "unknown or missing channel for " + contract.id);
  ReplayCase c;
  c.api = contract.id;
  c.name = f.name;
  c.id = c.api + "/" + c.name;
  c.channel = *channel;
  c.intent = intent_of(f);
  c.requirements = f.requirements;
  c.errors_at = f.errors_at;
  c.origin = f.path.string();
  if (f.document.contains("xfail")) {
    if (!f.document["xfail"].is_string() || f.document["xfail"].get<std::string>().empty())
      bad(f, "/xfail", "expected the reason, as a non-empty string");
    c.xfail = f.document["xfail"].get<std::string>();
  }
  c.request = make_request(contract, PathValues(f.path_params.begin(), f.path_params.end()),
                           f.channel, credential);
  c.request.body = f.body ? f.body->dump() : f.raw_body;
  c.request_body = f.body;
  c.interaction = default_interaction(api, c.channel, c.intent, c.requirements);
  if (f.document.contains("interaction"))
    apply_interaction(f.document["interaction"], c.origin, api, c.requirements, c.interaction);
  set_primary(contract, c);
  return c;
}

ReplayCase derive_case(const ApiEntry& api, const ReplayCase& base, const std::string& name, Intent intent,
                       const std::string& requirement) {
  ReplayCase c = base;
  c.name = name;
  c.id = c.api + "/" + name;
  c.intent = intent;
  c.requirements = {requirement};
  c.errors_at.clear();
  c.xfail.clear();
  c.origin = "generated from " + base.origin;
  c.interaction = default_interaction(api, c.channel, intent, c.requirements);
  set_primary(api.contract, c);
  if (intent != Intent::accept) c.primary_requirement = requirement;
  c.primary_locator = locator_of(api.contract, c.primary_requirement);
  return c;
}

namespace {

std::string requirement_or(const Contract& contract, const std::string& id, const std::string& fallback) {
  return contract.find_requirement(id) ? id : fallback;
}

void add_channel_probes(const ApiEntry& api, const ReplayCase& base, const std::string& credential,
                        std::vector<ReplayCase>& out) {
  const Contract& contract = api.contract;
  const Parameter* param = contract.channel_parameter();
  if (!param || !param->default_value || base.channel != *param->default_value) return;
  const std::string& value = *param->default_value;
  std::string upper = value, title = value;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char ch) { return std::toupper(ch); });
  if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  if (param->case_insensitive) {
    std::string req = requirement_or(contract, param->requirement + ".case-insensitive", param->requirement);
    for (const std::string& spelled : {upper, title}) {
      if (spelled == value) continue;
      ReplayCase c = derive_case(api, base, "probe-channel-" + spelled + "-is-accepted", Intent::accept, req);
      c.request = make_request(contract, {}, spelled, credential);
      c.request.body = base.request.body;
      out.push_back(std::move(c));
    }
  }
  std::string req = requirement_or(contract, param->requirement + ".default-" + value, param->requirement);
  ReplayCase c = derive_case(api, base, "probe-no-channel-defaults-to-" + value, Intent::accept, req);
  c.request = make_request(contract, {}, std::nullopt, credential);
  c.request.body = base.request.body;
  out.push_back(std::move(c));
}

void add_enum_probes(const ApiEntry& api, const Fixture& f, const ReplayCase& base,
                     const std::string& credential, std::vector<ReplayCase>& out) {
  for (const auto& param : api.contract.path_params) {
    if (param.allowed.empty() || param.case_insensitive) continue;
    std::string lower = param.allowed.front();
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
    for (const std::string& value : {std::string("Leads"), lower}) {
      if (std::find(param.allowed.begin(), param.allowed.end(), value) != param.allowed.end()) continue;
      PathValues values(f.path_params.begin(), f.path_params.end());
      values[param.name] = value;
      ReplayCase c = derive_case(api, base, "probe-" + param.name + "-" + value + "-is-rejected", Intent::reject,
                            param.requirement);
      c.request = make_request(api.contract, values, f.channel, credential);
      c.request.body = base.request.body;
      out.push_back(std::move(c));
    }
  }
}

void add_probes(const ApiEntry& api, const std::vector<const Fixture*>& valid,
                const std::string& credential, std::vector<ReplayCase>& out) {
  if (valid.empty()) return;
  const Fixture& first = *valid.front();
  ReplayCase base = case_from_fixture(api, first, credential);
  for (const Fixture* f : valid) {
    ReplayCase candidate = case_from_fixture(api, *f, credential);
    const Parameter* param = api.contract.channel_parameter();
    if (param && param->default_value && candidate.channel == *param->default_value) {
      add_channel_probes(api, candidate, credential, out);
      break;
    }
  }
  add_enum_probes(api, first, base, credential, out);
  ReplayCase anonymous = derive_case(api, base, "probe-a-request-without-credentials-is-refused",
                                Intent::unauthenticated, api.contract.auth.requirement);
  std::erase_if(anonymous.request.headers, [&](const auto& h) { return h.first == api.contract.auth.header; });
  out.push_back(std::move(anonymous));
}

}  // namespace

std::string credential_env_name(const std::string& api_id) {
  std::string name = "CONFORM_AUTH_";
  for (unsigned char ch : api_id) name += ch == '-' ? '_' : static_cast<char>(std::toupper(ch));
  return name;
}

std::string credential_for(const Contract& contract, const std::map<std::string, std::string>& from_flags) {
  if (auto it = from_flags.find(contract.id); it != from_flags.end()) return it->second;
  if (const char* env = std::getenv(credential_env_name(contract.id).c_str()); env && *env) return env;
  return contract.auth.placeholder;
}

std::vector<ReplayCase> build_cases(const Catalog& catalog, const std::vector<Fixture>& fixtures,
                                    const CaseSettings& settings) {
  for (const auto& f : fixtures) {
    if (!catalog.find(f.api))
      throw ContractError(f.path.string() + ": fixture folder '" + f.api + "' is not an API (one of: " +
                          catalog.id_list() + ")");
  }
  std::vector<ReplayCase> out;
  for (const auto& api : catalog.apis()) {
    const std::string& id = api.contract.id;
    if (!settings.apis.empty() && !settings.apis.contains(id)) continue;
    std::string credential = credential_for(api.contract, settings.credentials);
    std::vector<const Fixture*> valid;
    auto found = settings.inferred_statuses.find(id);
    std::set<std::string> inferred = found == settings.inferred_statuses.end() ? std::set<std::string>() : found->second;
    size_t first_case = out.size();
    for (const auto& f : fixtures) {
      if (f.api != id || f.kind != PayloadKind::request) continue;
      out.push_back(case_from_fixture(api, f, credential));
      if (f.expect == Expectation::valid && f.document.value("xfail", json()).is_null()) valid.push_back(&f);
    }
    add_probes(api, valid, credential, out);
    for (size_t i = first_case; i < out.size(); ++i) out[i].interaction.inferred_statuses = inferred;
  }
  return out;
}

std::map<std::string, std::set<std::string>> read_inferred_statuses(const SchemaSource& source) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& api : source.api_ids) {
    std::optional<std::string> text = source.read(api + "/contract.json");
    json doc = text ? json::parse(*text, nullptr, false) : json();
    if (!doc.is_object() || !doc.contains("statuses") || !doc["statuses"].is_array()) continue;
    for (const auto& status : doc["statuses"]) {
      if (!status.is_object() || !status.contains("inferred") || !status.contains("code")) continue;
      const json& code = status["code"];
      out[api].insert(code.is_string() ? code.get<std::string>() : code.dump());
    }
  }
  return out;
}

const char* intent_name(Intent intent) {
  switch (intent) {
    case Intent::accept: return "accept";
    case Intent::reject: return "reject";
    case Intent::malformed: return "malformed";
    case Intent::unauthenticated: return "unauthenticated";
  }
  return "accept";
}

}  // namespace conform
