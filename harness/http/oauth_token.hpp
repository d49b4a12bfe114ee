#pragma once
/// OAuth 2.0 access tokens minted from a refresh token (the `refresh_token` grant, as Zoho's
/// accounts server answers it), cached until they expire, and never minted more often than the
/// provider allows. One OAuthTokenSource serves every worker of a run.
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "http/target.hpp"
#include "http/transport_settings.hpp"

namespace conform {

/// A token endpoint that cannot be reached or answers something other than a token. The
/// message is one sentence naming the cause; it never holds a secret.
class OAuthError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where and how to mint tokens.
struct OAuthClientSettings {
  Target token_url;  ///< POSTed to; its prefix is the endpoint's path
  std::string client_id;
  std::string client_secret;
  std::string refresh_token;
  TransportSettings transport{};  ///< TLS, proxy and `-H` headers, as for the cases
  double timeout_s = 10;          ///< whole-request deadline of one mint
  double min_interval_s = 60;     ///< never two mints closer than this (Zoho: 10 per 10 min)
  double expiry_margin_s = 60;    ///< a token this close to its expiry is replaced
};

/// A token as the endpoint gave it.
struct AccessToken {
  std::string value;
  double expires_in_s = 3600;  ///< `expires_in_sec`, else `expires_in`, else one hour
};

/// The form body of a refresh: grant_type, client_id, client_secret, refresh_token, encoded.
std::string refresh_form(const OAuthClientSettings& settings);

/// The token in an endpoint's answer; throws OAuthError for a non-2xx status, a body that is
/// not a JSON object, or one without a non-empty string `access_token`.
AccessToken parse_token_answer(int status, const std::string& body);

/// The cache of one client's access token. Thread-safe: one mutex, so concurrent refreshes of
/// the same rejected token cause one mint.
class OAuthTokenSource {
 public:
  explicit OAuthTokenSource(OAuthClientSettings settings);
  ~OAuthTokenSource();
  OAuthTokenSource(const OAuthTokenSource&) = delete;
  OAuthTokenSource& operator=(const OAuthTokenSource&) = delete;

  /// The cached token, minted first when there is none or it is within the margin of its
  /// expiry (and the minimum interval allows). Throws OAuthError when a needed mint fails.
  std::string current();
  /// After the target refused `rejected`: a newer token when another worker already replaced
  /// it, else a fresh mint when the minimum interval since the last one has passed, else
  /// `rejected` itself (the refusal then stands: a token that new did not expire). Throws
  /// OAuthError when the mint fails.
  std::string refresh(const std::string& rejected);
  /// Tokens minted so far.
  size_t mints() const;

 private:
  using Clock = std::chrono::steady_clock;
  /// Mints and caches a token; the mutex is held.
  void mint_locked();
  bool interval_passed_locked() const;

  OAuthClientSettings settings_;
  mutable std::mutex mutex_;
  std::string token_;
  Clock::time_point minted_at_{};
  Clock::time_point expires_at_{};
  size_t mints_ = 0;
  struct Client;  ///< the HTTP transport to the endpoint (oauth_token.cpp)
  std::unique_ptr<Client> client_;
};

}  // namespace conform
