/// The pipeline's checks that read the contract: credentials, media type, parameters, statuses.
#include <algorithm>
#include <cctype>

#include "mock/pipeline.hpp"

namespace conform {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// An exact status code ("422"), or nullopt for a class ("2xx") or anything else.
std::optional<int> exact_code(const std::string& code) {
  if (code.size() != 3 || !std::all_of(code.begin(), code.end(), ::isdigit)) return std::nullopt;
  return std::stoi(code);
}

/// The only exact documented code in [low, high), or `fallback` when there are none or several.
int sole_documented(const Contract& contract, int low, int high, int fallback) {
  std::optional<int> found;
  for (const auto& status : contract.statuses) {
    auto code = exact_code(status.code);
    if (!code || *code < low || *code >= high) continue;
    if (found && *found != *code) return fallback;
    found = code;
  }
  return found.value_or(fallback);
}

Problem parameter_problem(const Parameter& p, const std::string& value, const std::string& why) {
  Violation v{"", "enum", p.name + " '" + value + "' " + why, p.requirement, p.locator};
  return Problem{400, "invalid_parameter", v.message, {v}, p.name};
}

bool allowed(const Parameter& p, const std::string& value, bool ignore_case) {
  if (p.allowed.empty()) return true;
  return std::any_of(p.allowed.begin(), p.allowed.end(), [&](const std::string& a) {
    return ignore_case ? iequals(a, value) : a == value;
  });
}

std::optional<Problem> check_channel(const MockContext& ctx, const Contract& contract,
                                     const httplib::Request& req, std::string& channel) {
  const Parameter* p = contract.channel_parameter();
  if (!p) return std::nullopt;
  std::optional<std::string> requested;
  if (req.has_param(p->name.c_str())) requested = req.get_param_value(p->name.c_str());
  if (!requested && ctx.faults.has(Fault::channel_default_email)) {
    channel = "email";
    return std::nullopt;
  }
  if (requested && ctx.faults.has(Fault::channel_case_sensitive) &&
      !allowed(*p, *requested, false)) {
    return parameter_problem(*p, *requested, "is not one of the channels (case-sensitive)");
  }
  std::optional<std::string> key = resolve_channel(contract, requested);
  if (!key) return parameter_problem(*p, requested.value_or(""), "is not a known channel");
  channel = *key;
  return std::nullopt;
}

}  // namespace

bool has_credentials(const AuthScheme& auth, const httplib::Request& request) {
  if (auth.header.empty()) return true;
  if (!request.has_header(auth.header.c_str())) return false;
  const std::string value = request.get_header_value(auth.header.c_str());
  return std::any_of(auth.prefixes.begin(), auth.prefixes.end(), [&](const std::string& prefix) {
    if (value.size() <= prefix.size()) return false;
    if (!iequals(std::string_view(value).substr(0, prefix.size()), prefix)) return false;
    return !trim(std::string_view(value).substr(prefix.size())).empty();
  });
}

bool sample_sends_untyped_json(const std::string& api_id) {
  // Bigin's sample request posts its body with `curl -d "@newsendmail.json"` and no Content-Type
  // header (004_48a580a97fdcacca.txt:53-56), so curl labels it application/x-www-form-urlencoded.
  // No other page shows how its sample is sent, so the others keep the 415.
  return api_id == "bigin-mail";
}

bool is_json_media_type(const std::string& content_type) {
  std::string_view type = trim(std::string_view(content_type).substr(0, content_type.find(';')));
  return iequals(type, "application/json");
}

std::optional<Problem> check_parameters(const MockContext& ctx, const Contract& contract,
                                        const PathValues& path_values,
                                        const httplib::Request& request, std::string& channel) {
  channel.clear();
  bool any_case = ctx.variants.on(Variant::case_insensitive_enums, contract.id);
  if (!ctx.faults.has(Fault::accept_unknown_module)) {
    for (const auto& p : contract.path_params) {
      auto it = path_values.find(p.name);
      if (it == path_values.end()) continue;
      if (allowed(p, it->second, p.case_insensitive || any_case)) continue;
      return parameter_problem(p, it->second, "is not one of the documented values");
    }
  }
  for (const auto& p : contract.query_params) {
    if (p.selects_channel || !request.has_param(p.name.c_str())) continue;
    std::string value = request.get_param_value(p.name.c_str());
    if (!allowed(p, value, p.case_insensitive || any_case)) {
      return parameter_problem(p, value, "is not one of the documented values");
    }
  }
  return check_channel(ctx, contract, request, channel);
}

int invalid_status(const MockContext& ctx, const MockApi& api,
                   const std::vector<Violation>& violations) {
  if (ctx.faults.has(Fault::server_error_on_invalid)) return 500;
  for (const auto& status : api.entry->contract.statuses) {
    auto code = exact_code(status.code);
    if (!code || *code < 400 || *code >= 500 || status.requirement.empty()) continue;
    for (const auto& v : violations) {
      if (v.requirement != status.requirement) continue;
      return ctx.faults.has(Fault::whippy_sender_email_400) ? 400 : *code;
    }
  }
  return api.error_status;
}

std::vector<MockApi> mock_apis(const Catalog& catalog) {
  std::vector<MockApi> out;
  for (const auto& entry : catalog.apis()) {
    const Contract& c = entry.contract;
    out.push_back({&entry, &style_for(c.id), sole_documented(c, 400, 500, 400),
                   sole_documented(c, 200, 300, 200), sample_sends_untyped_json(c.id)});
  }
  return out;
}

}  // namespace conform
