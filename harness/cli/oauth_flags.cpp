#include "cli/oauth_flags.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "cases/case_builder.hpp"
#include "cli/flag_checks.hpp"
#include "cli/usage_error.hpp"
#include "http/target.hpp"

namespace conform {
namespace {

std::string env_suffix(const std::string& api_id) {
  std::string out;
  for (unsigned char c : api_id) out += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return out;
}

/// The value of the API's own variable, else the shared one; throws naming both when neither is
/// set.
std::string oauth_value(const std::string& api_id, const std::string& what) {
  for (bool own : {true, false}) {
    const char* value = std::getenv(oauth_env_name(api_id, what, own).c_str());
    if (value && *value) return value;
  }
  throw UsageError("--oauth-token-url " + api_id + ": set " + oauth_env_name(api_id, what, false) +
                   " (or " + oauth_env_name(api_id, what, true) + ") in the environment");
}

/// The credential a case of `auth` carries for OAuth: the marker after the scheme word
/// (Bearer when the API offers it, else its only word), or the marker alone.
std::string marker_credential(const AuthScheme& auth, const std::string& marker) {
  std::vector<std::string> words = scheme_words(auth);
  if (std::find(words.begin(), words.end(), "Bearer") != words.end()) return "Bearer " + marker;
  if (words.size() == 1) return words.front() + " " + marker;
  return marker;
}

}  // namespace

std::string oauth_env_name(const std::string& api_id, const std::string& what, bool own) {
  return "CONFORM_OAUTH_" + (own ? env_suffix(api_id) + "_" : std::string()) + what;
}

void add_oauth_flags(CLI::App& app, OAuthFlagValues& flags) {
  add_repeatable(app, "--oauth-token-url", flags.token_urls, "ID=URL",
                 "mint API ID's access tokens from a refresh token at this token endpoint\n"
                 "(repeatable): $CONFORM_OAUTH_CLIENT_ID, _CLIENT_SECRET and _REFRESH_TOKEN\n"
                 "(or CONFORM_OAUTH_<ID>_...), refreshed once on a 401; replaces --auth ID");
  add_value(app, "--oauth-min-interval", flags.min_interval_s, "S",
            "never mint two tokens closer than S seconds (Zoho allows 10 per 10 min)")
      ->capture_default_str()
      ->check(decimal_number(0, 3600));
}

OAuthRun::OAuthRun(const OAuthFlagValues& flags, const TransportFlagValues& transport,
                   const Catalog& catalog, std::map<std::string, std::string>& credentials,
                   double timeout_s, bool has_target) {
  for (const auto& pair : flags.token_urls) {
    size_t eq = pair.find('=');
    std::string api = pair.substr(0, eq);
    if (eq == std::string::npos || eq + 1 == pair.size())
      throw UsageError("--oauth-token-url takes ID=URL, got '" + pair + "'");
    const ApiEntry* entry = catalog.find(api);
    if (!entry)
      throw UsageError("--oauth-token-url: unknown api '" + api +
                       "' (one of: " + catalog.id_list() + ")");
    if (!has_target)
      throw UsageError("--oauth-token-url needs --target (a recording holds no live token)");
    if (std::find(apis_.begin(), apis_.end(), api) != apis_.end())
      throw UsageError("--oauth-token-url " + api + " is given twice");
    if (credentials.contains(api))
      throw UsageError("--auth " + api + " and --oauth-token-url " + api + ": give one of them");
    std::string error;
    auto url = parse_target(pair.substr(eq + 1), error);
    if (!url) throw UsageError("--oauth-token-url " + api + ": " + error);
    OAuthClientSettings settings;
    settings.token_url = *url;
    settings.client_id = oauth_value(api, "CLIENT_ID");
    settings.client_secret = oauth_value(api, "CLIENT_SECRET");
    settings.refresh_token = oauth_value(api, "REFRESH_TOKEN");
    settings.transport = transport_settings(transport, *url, catalog, {});
    settings.timeout_s = timeout_s;
    settings.min_interval_s = flags.min_interval_s;
    std::string marker = "conform-oauth-token-of-" + api;
    credentials[api] = marker_credential(entry->contract.auth, marker);
    secrets_.push_back({settings.client_secret, settings.refresh_token});
    bindings_.push_back({marker, std::make_shared<OAuthTokenSource>(std::move(settings))});
    apis_.push_back(api);
  }
}

std::string OAuthRun::start(const std::string& command) {
  for (size_t i = 0; i < bindings_.size(); ++i) {
    try {
      first_tokens_.push_back(bindings_[i].tokens->current());
    } catch (const OAuthError& e) {
      Redactor secrets;  // an endpoint may echo what it was sent
      redact(secrets);
      return command + ": --oauth-token-url " + apis_[i] + ": " + secrets.scrub(e.what());
    }
  }
  return "";
}

void OAuthRun::redact(Redactor& redactor) {
  for (const auto& secrets : secrets_) {
    redactor.add_secret(secrets.client_secret);
    redactor.add_secret(secrets.refresh_token);
  }
  for (const auto& token : first_tokens_) redactor.add_secret(token);
}

}  // namespace conform
