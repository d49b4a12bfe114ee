#include "http/oauth_token.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "core/percent_encoding.hpp"
#include "http/http_transport.hpp"

namespace conform {
namespace {

/// The endpoint's own words for a refusal (`error`, `error_description`), when it gives any.
std::string endpoint_reason(const std::string& body) {
  nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (!answer.is_object()) return "";
  std::string reason;
  for (const char* key : {"error", "error_description"}) {
    auto it = answer.find(key);
    if (it != answer.end() && it->is_string())
      reason += (reason.empty() ? "" : ": ") + it->get<std::string>();
  }
  return reason;
}

double expiry_seconds(const nlohmann::json& answer) {
  for (const char* key : {"expires_in_sec", "expires_in"}) {
    auto it = answer.find(key);
    if (it != answer.end() && it->is_number() && it->get<double>() > 0) return it->get<double>();
  }
  return 3600;
}

}  // namespace

std::string refresh_form(const OAuthClientSettings& settings) {
  return "grant_type=refresh_token&client_id=" + percent_encode(settings.client_id) +
         "&client_secret=" + percent_encode(settings.client_secret) +
         "&refresh_token=" + percent_encode(settings.refresh_token);
}

AccessToken parse_token_answer(int status, const std::string& body) {
  if (status < 200 || status > 299) {
    std::string reason = endpoint_reason(body);
    throw OAuthError("the token endpoint answered " + std::to_string(status) +
                     (reason.empty() ? "" : " (" + reason + ")") + " to the refresh_token grant");
  }
  nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (!answer.is_object()) throw OAuthError("the token endpoint's answer is not a JSON object");
  auto token = answer.find("access_token");
  if (token == answer.end() || !token->is_string() || token->get<std::string>().empty()) {
    std::string reason = endpoint_reason(body);
    throw OAuthError("the token endpoint's answer holds no access_token" +
                     (reason.empty() ? "" : " (" + reason + ")"));
  }
  return AccessToken{token->get<std::string>(), expiry_seconds(answer)};
}

struct OAuthTokenSource::Client {
  HttpTransportFactory factory;
  std::unique_ptr<Transport> transport;
  explicit Client(HttpSettings settings)
      : factory(std::move(settings)), transport(factory.make()) {}
};

OAuthTokenSource::OAuthTokenSource(OAuthClientSettings settings) : settings_(std::move(settings)) {
  HttpSettings http{settings_.token_url, settings_.timeout_s};
  http.body_cap = 1024 * 1024;
  http.transport = settings_.transport;
  client_ = std::make_unique<Client>(std::move(http));
}

OAuthTokenSource::~OAuthTokenSource() = default;

void OAuthTokenSource::mint_locked() {
  HttpRequest request{
      "POST",
      "",
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}},
      refresh_form(settings_)};
  Exchange exchange = client_->transport->send("oauth-token", request);
  ++mints_;
  minted_at_ = Clock::now();
  if (!exchange.response || exchange.response->body_truncated) {
    throw OAuthError("cannot reach the token endpoint " + settings_.token_url.base_url() + ": " +
                     exchange.transport_error);
  }
  AccessToken token = parse_token_answer(exchange.response->status, exchange.response->body);
  token_ = token.value;
  double margin = std::min(settings_.expiry_margin_s, token.expires_in_s / 10);
  auto lifetime = std::chrono::duration<double>(std::max(0.0, token.expires_in_s - margin));
  expires_at_ = minted_at_ + std::chrono::duration_cast<Clock::duration>(lifetime);
}

bool OAuthTokenSource::interval_passed_locked() const {
  if (mints_ == 0) return true;
  return Clock::now() - minted_at_ >= std::chrono::duration<double>(settings_.min_interval_s);
}

std::string OAuthTokenSource::current() {
  std::lock_guard lock(mutex_);
  bool stale = token_.empty() || Clock::now() >= expires_at_;
  if (stale && interval_passed_locked()) mint_locked();
  if (token_.empty())
    throw OAuthError("no access token: the last mint failed less than the minimum interval ago");
  return token_;
}

std::string OAuthTokenSource::refresh(const std::string& rejected) {
  std::lock_guard lock(mutex_);
  if (!token_.empty() && token_ != rejected) return token_;
  if (!interval_passed_locked()) return rejected;
  mint_locked();
  return token_;
}

size_t OAuthTokenSource::mints() const {
  std::lock_guard lock(mutex_);
  return mints_;
}

}  // namespace conform
