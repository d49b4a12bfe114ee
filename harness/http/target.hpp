#pragma once
/// The target of a run: `http[s]://host[:port][/prefix]`.
#include <optional>
#include <string>

#include "http/transport_settings.hpp"

namespace conform {

/// A parsed target URL. The documented paths are appended to `prefix`.
struct Target {
  std::string host;
  int port = 80;
  std::string prefix;  ///< "" or "/some/prefix" (no trailing slash)
  bool tls = false;    ///< https: TLS with SNI and certificate checks for `host`
  /// `http[s]://host:port/prefix`, for messages and curl lines.
  std::string base_url() const;
};

/// Parses a target URL; std::nullopt with `error` set when it is not one conform can use.
std::optional<Target> parse_target(const std::string& url, std::string& error);

/// Whether the target can be reached within `timeout_s`; "" when it can, else one sentence why
/// not. Through a proxy, the proxy must accept a TCP connection (and, for an https target, open a
/// CONNECT tunnel); without one, the target must. An https target must then complete a TLS
/// handshake that passes `transport.tls`.
std::string probe_target(const Target& target, double timeout_s,
                         const TransportSettings& transport = {});

}  // namespace conform
