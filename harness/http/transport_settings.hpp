#pragma once
/// How outbound connections are made: TLS verification and client certificates, the proxy, and
/// the extra headers of `-H`. cli/transport_flags.cpp fills it from the flags; every HTTP
/// transport of a run (cases, probes, shrinking) reads the same one.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace conform {

/// TLS for https targets.
struct TlsSettings {
  bool verify = true;       ///< check the server's certificate chain and host name
  std::string ca_file;      ///< PEM CA bundle; "" = the system store
  std::string client_cert;  ///< PEM certificate for mTLS, or ""
  std::string client_key;   ///< PEM private key of client_cert, or ""
};

/// An HTTP proxy (`http://[user:password@]host:port`); https targets go through CONNECT.
struct ProxySettings {
  std::string host;
  int port = 0;
  std::string user;      ///< basic auth, or ""
  std::string password;  ///< basic auth, or ""
  std::string origin;    ///< where it came from: "--proxy", "HTTPS_PROXY", ...
  /// `http://host:port`, without credentials, for messages.
  std::string url() const { return "http://" + host + ":" + std::to_string(port); }
};

/// Everything about the way out, shared by every transport of a run.
struct TransportSettings {
  TlsSettings tls{};
  std::optional<ProxySettings> proxy{};                        ///< none: connect directly
  std::vector<std::pair<std::string, std::string>> headers{};  ///< `-H NAME:VALUE`, in order
};

}  // namespace conform
