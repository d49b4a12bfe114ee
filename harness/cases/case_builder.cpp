#include "cases/case_builder.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "cases/interaction.hpp"
#include "cases/schedule_rebase.hpp"
#include "contract/endpoint.hpp"
#include "fixture/fixture_check.hpp"

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
  return f.expect == Expectation::invalid ? Intent::reject : Intent::accept;
}

/// An `open` fixture deviates only at open points: either answer passes, so it is observed.
void mark_open(const ApiEntry& api, const Fixture& f, ReplayCase& c) {
  if (f.expect != Expectation::open || !f.body) return;
  c.observe_only = true;
  const SchemaValidator* validator = api.validator(PayloadKind::request, c.channel);
  std::vector<Violation> found =
      validator ? validator->validate(*f.body) : std::vector<Violation>{};
  for (const auto& v : found) {
    if (!v.settled) observe_open_point(api, c, v.open_point, v.pointer);
  }
}

}  // namespace

namespace {

/// The request of `c`: path values, the channel as the query spells it, the credential, and the
/// body (scheduling times in the past moved into the future) or else the raw text.
void set_request(const ApiEntry& api, ReplayCase& c, const PathValues& values,
                 const std::optional<std::string>& query_channel,
                 const std::optional<nlohmann::json>& body, const std::string& raw_body,
                 const std::string& credential) {
  c.request = make_request(api.contract, values, query_channel, credential);
  c.request_body = body;
  if (c.request_body) {
    if (const SchemaValidator* validator = api.validator(PayloadKind::request, c.channel))
      c.rewrites = rebase_schedule_times(validator->index(), *c.request_body,
                                         std::chrono::system_clock::now());
  }
  c.request.body = c.request_body ? c.request_body->dump() : raw_body;
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
  c.xfail = f.xfail;
  set_request(api, c, PathValues(f.path_params.begin(), f.path_params.end()), f.channel, f.body,
              f.raw_body, credential);
  mark_open(api, f, c);
  c.interaction = default_interaction(api, c.channel, c.intent, c.requirements);
  if (f.interaction)
    apply_interaction(*f.interaction, c.origin, api, c.requirements, c.interaction);
  set_primary(contract, c);
  return c;
}

std::optional<std::string> query_channel_of(const Contract& contract, const std::string& channel) {
  if (!contract.has_channels() || !contract.channel_parameter()) return std::nullopt;
  return channel;
}

ReplayCase case_from_body(const ApiEntry& api, const GeneratedRequest& generated,
                          const std::string& credential) {
  ReplayCase c;
  c.api = api.contract.id;
  c.name = "generated";
  c.id = c.api + "/" + c.name;
  c.channel = generated.channel;
  c.intent = generated.intent;
  c.requirements = generated.requirements;
  if (c.requirements.empty()) c.requirements = {c.api + ".response"};
  c.errors_at = generated.errors_at;
  c.origin = "generated";
  set_request(api, c, {}, query_channel_of(api.contract, generated.channel), generated.body, "",
              credential);
  c.interaction = default_interaction(api, c.channel, c.intent, c.requirements);
  set_primary(api.contract, c);
  return c;
}

ReplayCase derive_case(const ApiEntry& api, const ReplayCase& base, const std::string& name,
                       Intent intent, const std::string& requirement) {
  ReplayCase c = base;
  c.name = name;
  c.id = c.api + "/" + name;
  c.intent = intent;
  c.requirements = {requirement};
  c.errors_at.clear();
  c.xfail.clear();
  c.observe_only = false;
  c.open_point.clear();
  c.open_point_id.clear();
  c.origin = "generated from " + base.origin;
  c.interaction = default_interaction(api, c.channel, intent, c.requirements);
  set_primary(api.contract, c);
  if (intent != Intent::accept) c.primary_requirement = requirement;
  c.primary_locator = locator_of(api.contract, c.primary_requirement);
  return c;
}

namespace {

std::string requirement_or(const Contract& contract, const std::string& id,
                           const std::string& fallback) {
  return contract.find_requirement(id) ? id : fallback;
}

void add_channel_probes(const ApiEntry& api, const ReplayCase& base, const std::string& credential,
                        std::vector<ReplayCase>& out) {
  const Contract& contract = api.contract;
  const Parameter* param = contract.channel_parameter();
  if (!param || !param->default_value || base.channel != *param->default_value) return;
  const std::string& value = *param->default_value;
  std::string upper = value, title = value;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char ch) { return std::toupper(ch); });
  if (!title.empty())
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  if (param->case_insensitive) {
    std::string req =
        requirement_or(contract, param->requirement + ".case-insensitive", param->requirement);
    for (const std::string& spelled : {upper, title}) {
      if (spelled == value) continue;
      ReplayCase c =
          derive_case(api, base, "probe-channel-" + spelled + "-is-accepted", Intent::accept, req);
      c.request = make_request(contract, {}, spelled, credential);
      c.request.body = base.request.body;
      out.push_back(std::move(c));
    }
  }
  std::string req =
      requirement_or(contract, param->requirement + ".default-" + value, param->requirement);
  ReplayCase c =
      derive_case(api, base, "probe-no-channel-defaults-to-" + value, Intent::accept, req);
  c.request = make_request(contract, {}, std::nullopt, credential);
  c.request.body = base.request.body;
  out.push_back(std::move(c));
}

/// A valid case the probes are built on, with the path values and channel its request used.
struct ProbeBase {
  ReplayCase base;
  PathValues path_values;
  std::optional<std::string> channel;  ///< as the request spelled it; nullopt: not in the query
};

ProbeBase probe_base(const ApiEntry& api, const Fixture& f, const std::string& credential) {
  return {case_from_fixture(api, f, credential),
          PathValues(f.path_params.begin(), f.path_params.end()), f.channel};
}

/// A value outside the parameter's enum, made from its first value: `Contacts` →
/// `UnlistedContacts`.
std::string unlisted_value(const Parameter& param) {
  std::string value = "Unlisted" + param.allowed.front();
  while (std::find(param.allowed.begin(), param.allowed.end(), value) != param.allowed.end())
    value += "X";
  return value;
}

void add_enum_probes(const ApiEntry& api, const ProbeBase& on, const std::string& credential,
                     std::vector<ReplayCase>& out) {
  for (const auto& param : api.contract.path_params) {
    if (param.allowed.empty() || param.case_insensitive) continue;
    std::string lower = param.allowed.front();
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    for (const std::string& value : {unlisted_value(param), lower}) {
      if (std::find(param.allowed.begin(), param.allowed.end(), value) != param.allowed.end())
        continue;
      PathValues values = on.path_values;
      values[param.name] = value;
      bool letter_case = value == lower;
      std::string name =
          "probe-" + param.name + "-" + value + (letter_case ? "-letter-case" : "-is-rejected");
      ReplayCase c = derive_case(api, on.base, name, letter_case ? Intent::accept : Intent::reject,
                                 param.requirement);
      if (letter_case)
        observe_open_point(api, c, "enum-letter-case", "path parameter " + param.name);
      c.request = make_request(api.contract, values, on.channel, credential);
      c.request.body = on.base.request.body;
      out.push_back(std::move(c));
    }
  }
}

/// The probes built on `first`; the channel probes on the first valid case on the default channel.
void add_probes(const ApiEntry& api, const ProbeBase& first, const ReplayCase& on_default_channel,
                const std::string& credential, std::vector<ReplayCase>& out) {
  add_channel_probes(api, on_default_channel, credential, out);
  add_enum_probes(api, first, credential, out);
  ReplayCase anonymous =
      derive_case(api, first.base, "probe-a-request-without-credentials-is-refused",
                  Intent::unauthenticated, api.contract.auth.requirement);
  std::erase_if(anonymous.request.headers,
                [&](const auto& h) { return h.first == api.contract.auth.header; });
  out.push_back(std::move(anonymous));
}

void add_fixture_probes(const ApiEntry& api, const std::vector<const Fixture*>& valid,
                        const std::string& credential, std::vector<ReplayCase>& out) {
  ProbeBase first = probe_base(api, *valid.front(), credential);
  ReplayCase on_default_channel = first.base;
  const Parameter* param = api.contract.channel_parameter();
  for (const Fixture* f : valid) {
    ReplayCase candidate = case_from_fixture(api, *f, credential);
    if (param && param->default_value && candidate.channel == *param->default_value) {
      on_default_channel = std::move(candidate);
      break;
    }
  }
  add_probes(api, first, on_default_channel, credential, out);
}

/// For an API without a valid request fixture: the probes, built on a body generated from its
/// request schema (on the default channel).
void add_generated_probes(const ApiEntry& api, const BodyGenerator& generate,
                          const std::string& credential, std::vector<ReplayCase>& out) {
  const Contract& contract = api.contract;
  std::optional<std::string> channel = resolve_channel(contract, std::nullopt);
  if (!channel && !contract.channels.empty()) channel = contract.channels.begin()->first;
  if (!channel) return;
  std::optional<nlohmann::json> body = generate(api, *channel);
  if (!body) return;
  ProbeBase on{case_from_body(api, {*channel, *body, Intent::accept, {}, {}}, credential),
               {},
               query_channel_of(contract, *channel)};
  on.base.name = "generated-valid-request";
  on.base.id = on.base.api + "/" + on.base.name;
  on.base.origin = "a valid body generated from the request schema (no valid request fixture)";
  add_probes(api, on, on.base, credential, out);
}

}  // namespace

namespace {

/// The reason an `x-accept:<pattern>:<keyword>` open point gives, from any of the API's schemas.
std::string acceptance_reason(const ApiEntry& api, const std::string& open_point_id) {
  size_t last = open_point_id.rfind(':');
  size_t first = open_point_id.find(':');
  if (first == last) return "";
  std::string pattern = open_point_id.substr(first + 1, last - first - 1);
  std::string keyword = open_point_id.substr(last + 1);
  for (const auto& [channel, validators] : api.channels) {
    for (const auto* v : {validators.request.get(), validators.response.get()}) {
      if (!v) continue;
      auto rules = v->index().find(pattern);
      if (rules == v->index().end()) continue;
      auto reason = rules->second.accept_only.find(keyword);
      if (reason != rules->second.accept_only.end()) return reason->second;
    }
  }
  return "";
}

}  // namespace

std::string describe_open_point(const ApiEntry& api, const std::string& open_point_id) {
  if (const OpenPoint* p = api.contract.find_open_point(open_point_id))
    return "open point " + p->id + ": " + p->sentence;
  std::string reason = acceptance_reason(api, open_point_id);
  return "open point " + open_point_id + (reason.empty() ? "" : ": " + reason);
}

void observe_open_point(const ApiEntry& api, ReplayCase& c, const std::string& open_point_id,
                        const std::string& where) {
  c.observe_only = true;
  if (where.starts_with("/")) c.probed_at.push_back(where);
  if (c.open_point_id.empty()) c.open_point_id = open_point_id;
  c.open_point += (c.open_point.empty() ? "" : "; ") + describe_open_point(api, open_point_id) +
                  " (at " + where + ")";
}

std::string credential_env_name(const std::string& api_id) {
  std::string name = "CONFORM_AUTH_";
  for (unsigned char ch : api_id) name += ch == '-' ? '_' : static_cast<char>(std::toupper(ch));
  return name;
}

std::string credential_for(const Contract& contract,
                           const std::map<std::string, std::string>& from_flags) {
  if (auto it = from_flags.find(contract.id); it != from_flags.end()) {
    return credential_in_scheme(contract.auth, it->second);
  }
  if (const char* env = std::getenv(credential_env_name(contract.id).c_str()); env && *env) {
    return credential_in_scheme(contract.auth, env);
  }
  return contract.auth.placeholder;
}

std::vector<std::string> scheme_words(const AuthScheme& auth) {
  std::vector<std::string> words;
  for (std::string prefix : auth.prefixes) {
    while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
    if (!prefix.empty()) words.push_back(prefix);
  }
  return words;
}

std::string credential_in_scheme(const AuthScheme& auth, const std::string& value) {
  std::vector<std::string> words = scheme_words(auth);
  if (words.size() != 1 || value.find_first_of(" \t") != std::string::npos) return value;
  const std::string& word = words.front();
  auto same_letter = [](unsigned char a, unsigned char b) {
    return std::tolower(a) == std::tolower(b);
  };
  bool is_the_word = value.size() == word.size() &&
                     std::equal(value.begin(), value.end(), word.begin(), same_letter);
  return is_the_word ? value : word + " " + value;
}

std::vector<ReplayCase> build_cases(const Catalog& catalog, const std::vector<Fixture>& fixtures,
                                    const CaseSettings& settings) {
  for (const auto& f : fixtures) {
    const ApiEntry* api = catalog.find(f.api);
    if (!api)
      throw ContractError(f.path.string() + ": fixture folder '" + f.api +
                          "' is not an API (one of: " + catalog.id_list() + ")");
    check_fixture_requirements(*api, f);
  }
  std::vector<ReplayCase> out;
  for (const auto& api : catalog.apis()) {
    const std::string& id = api.contract.id;
    if (!settings.apis.empty() && !settings.apis.contains(id)) continue;
    std::string credential = credential_for(api.contract, settings.credentials);
    std::vector<const Fixture*> valid;
    for (const auto& f : fixtures) {
      if (f.api != id || f.kind != PayloadKind::request) continue;
      out.push_back(case_from_fixture(api, f, credential));
      if (f.expect == Expectation::valid && f.xfail.empty()) valid.push_back(&f);
    }
    if (!valid.empty()) {
      add_fixture_probes(api, valid, credential, out);
    } else if (settings.generated_body) {
      add_generated_probes(api, settings.generated_body, credential, out);
    }
  }
  return out;
}

namespace {

/// One row per intent: its name and what a case of it must get, for people.
struct IntentRow {
  Intent intent;
  const char* name;
  const char* expectation;
};

const IntentRow kIntents[] = {
    {Intent::accept, "accept", "must be accepted"},
    {Intent::reject, "reject", "must be rejected"},
    {Intent::malformed, "malformed", "malformed: must get a 4xx"},
    {Intent::unauthenticated, "unauthenticated", "no credentials: must get 401 or 403"},
};

const IntentRow& intent_row(Intent intent) {
  for (const IntentRow& row : kIntents) {
    if (row.intent == intent) return row;
  }
  return kIntents[0];
}

}  // namespace

const char* intent_expectation(Intent intent) {
  return intent_row(intent).expectation;
}

const char* case_expectation(const ReplayCase& c) {
  return c.observe_only ? "observed: either answer passes, only a 5xx fails"
                        : intent_expectation(c.intent);
}

const char* intent_name(Intent intent) {
  return intent_row(intent).name;
}

}  // namespace conform
