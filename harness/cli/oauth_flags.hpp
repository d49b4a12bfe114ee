#pragma once
/// `--oauth-token-url ID=URL` and `--oauth-min-interval S` of `replay` and `fuzz`: the APIs whose
/// access token conform mints itself from a refresh token (CONFORM_OAUTH_CLIENT_ID,
/// CONFORM_OAUTH_CLIENT_SECRET, CONFORM_OAUTH_REFRESH_TOKEN), and the transports that use it.
#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <vector>

#include "cli/transport_flags.hpp"
#include "http/oauth_transport.hpp"
#include "http/redact.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// The OAuth options as given.
struct OAuthFlagValues {
  std::vector<std::string> token_urls;  ///< `ID=URL` each
  double min_interval_s = 60;           ///< Zoho: 10 tokens per refresh token per 10 minutes
};

/// Declares --oauth-token-url and --oauth-min-interval on `app`.
void add_oauth_flags(CLI::App& app, OAuthFlagValues& flags);

/// The environment variable an OAuth value comes from for `api_id`: the API's own
/// (`CONFORM_OAUTH_BIGIN_MAIL_CLIENT_SECRET`) when set, else the shared one
/// (`CONFORM_OAUTH_CLIENT_SECRET`); `what` is CLIENT_ID, CLIENT_SECRET or REFRESH_TOKEN.
std::string oauth_env_name(const std::string& api_id, const std::string& what, bool own);

/// The OAuth of one run: a token source per API given, bound to a marker credential that the
/// cases carry in place of a token.
class OAuthRun {
 public:
  /// No OAuth: every API keeps its --auth credential.
  OAuthRun() = default;
  /// Checks the flags and reads the environment; sets each OAuth API's credential to its marker
  /// in `credentials`. `transport` and `timeout_s` are the cases' own. Throws UsageError: an
  /// unknown API, a bad URL, a missing variable, `--auth` for the same API, or no target.
  OAuthRun(const OAuthFlagValues& flags, const TransportFlagValues& transport,
           const Catalog& catalog, std::map<std::string, std::string>& credentials,
           double timeout_s, bool has_target);
  /// Mints the first token of every API; "" when all came, else one sentence naming the cause.
  std::string start(const std::string& command);
  /// Teaches the redactor every client secret, refresh token and token minted so far.
  void redact(Redactor& redactor);
  /// The bindings for with_oauth().
  const std::vector<OAuthBinding>& bindings() const { return bindings_; }

 private:
  struct Secrets {
    std::string client_secret, refresh_token;
  };
  std::vector<OAuthBinding> bindings_;
  std::vector<std::string> apis_;  ///< parallel to bindings_
  std::vector<Secrets> secrets_;
  std::vector<std::string> first_tokens_;
};

}  // namespace conform
