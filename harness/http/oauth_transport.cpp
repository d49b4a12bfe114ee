#include "http/oauth_transport.hpp"

#include "http/redact.hpp"

namespace conform {
namespace {

/// Every occurrence of `from` in `text` replaced by `to`.
void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

void replace_in_headers(Headers& headers, const std::string& from, const std::string& to) {
  for (auto& header : headers) replace_all(header.second, from, to);
}

bool carries(const HttpRequest& request, const std::string& marker) {
  for (const auto& header : request.headers) {
    if (header.second.find(marker) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

OAuthTransport::OAuthTransport(std::unique_ptr<Transport> inner, std::vector<OAuthBinding> bindings)
    : inner_(std::move(inner)), bindings_(std::move(bindings)) {}

Exchange OAuthTransport::send_with(const std::string& case_id, const HttpRequest& request,
                                   const OAuthBinding& binding, const std::string& token) {
  HttpRequest sent = request;
  replace_in_headers(sent.headers, binding.marker, token);
  Exchange exchange = inner_->send(case_id, sent);
  replace_in_headers(exchange.request.headers, token,
                     binding.marker);  // the marker again, never the token
  if (exchange.response) {
    replace_in_headers(exchange.response->headers, token, std::string(kRedacted));
    replace_all(exchange.response->body, token, std::string(kRedacted));
  }
  return exchange;
}

Exchange OAuthTransport::send(const std::string& case_id, const HttpRequest& request) {
  for (const auto& binding : bindings_) {
    if (!carries(request, binding.marker)) continue;
    try {
      std::string token = binding.tokens->current();
      Exchange exchange = send_with(case_id, request, binding, token);
      if (!exchange.response || exchange.response->status != 401) return exchange;
      std::string fresh = binding.tokens->refresh(token);
      if (fresh == token) return exchange;  // too soon after the last mint: the 401 stands
      return send_with(case_id, request, binding, fresh);
    } catch (const OAuthError& e) {
      Exchange failed;
      failed.request = request;
      failed.transport_error = std::string("OAuth token refresh failed: ") + e.what();
      return failed;
    }
  }
  return inner_->send(case_id, request);
}

TransportFactory with_oauth(TransportFactory inner, std::vector<OAuthBinding> bindings) {
  if (bindings.empty()) return inner;
  return
      [inner = std::move(inner), bindings = std::move(bindings)]() -> std::unique_ptr<Transport> {
        return std::make_unique<OAuthTransport>(inner(), bindings);
      };
}

}  // namespace conform
