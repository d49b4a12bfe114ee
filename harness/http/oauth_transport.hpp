#pragma once
/// The one engine hook of OAuth: a Transport that puts the current access token where a case
/// carries the run's OAuth marker, and after a 401 refreshes the token once and sends the case
/// once more. Tokens never leave it: the exchange it returns holds the marker again, and any
/// echo of a token in the response is scrubbed.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "http/oauth_token.hpp"
#include "http/transport.hpp"

namespace conform {

/// A marker in a credential (`Zoho-oauthtoken <marker>`) and the tokens that replace it.
struct OAuthBinding {
  std::string marker;
  std::shared_ptr<OAuthTokenSource> tokens;
};

/// Wraps `inner`: a request whose headers carry a binding's marker is sent with that binding's
/// token. A 401 to it refreshes the token (OAuthTokenSource::refresh) and re-sends once when a
/// different token comes back. A failed refresh is the case's transport error.
class OAuthTransport : public Transport {
 public:
  OAuthTransport(std::unique_ptr<Transport> inner, std::vector<OAuthBinding> bindings);
  Exchange send(const std::string& case_id, const HttpRequest& request) override;

 private:
  Exchange send_with(const std::string& case_id, const HttpRequest& request,
                     const OAuthBinding& binding, const std::string& token);
  std::unique_ptr<Transport> inner_;
  std::vector<OAuthBinding> bindings_;
};

/// A factory whose transports are `inner`'s, wrapped in OAuthTransport.
TransportFactory with_oauth(TransportFactory inner, std::vector<OAuthBinding> bindings);

}  // namespace conform
