#pragma once
/// Choosing the proxy of a run: `--proxy URL`, else HTTPS_PROXY / HTTP_PROXY unless NO_PROXY
/// names the target's host.
#include <functional>
#include <optional>
#include <string>

#include "http/target.hpp"
#include "http/transport_settings.hpp"

namespace conform {

/// Reads an environment variable; nullptr when unset (std::getenv in the binary, a map in tests).
using EnvironmentLookup = std::function<const char*(const char*)>;

/// Parses `http://[user:password@]host[:port][/]` (port 80 when absent; `host:port` alone is
/// taken as http). std::nullopt with `error` set otherwise: https and socks proxies are refused.
std::optional<ProxySettings> parse_proxy_url(const std::string& url, std::string& error);

/// Whether a NO_PROXY list (`host`, `.domain`, `domain` matching its subdomains, `*`, each
/// optionally `:port`; comma or space separated, any letter case) covers `host` on `port`.
bool no_proxy_matches(const std::string& no_proxy, const std::string& host, int port);

/// The proxy the environment gives for `target`: https_proxy / HTTPS_PROXY for https targets,
/// http_proxy / HTTP_PROXY for http ones, none when no_proxy / NO_PROXY matches. std::nullopt
/// with `error` set when the variable holds no usable proxy URL; with `error` empty when none.
std::optional<ProxySettings> proxy_from_environment(const Target& target,
                                                    const EnvironmentLookup& lookup,
                                                    std::string& error);

/// Asks the proxy on the connected socket `fd` for a tunnel to `target` (HTTP CONNECT, with
/// basic auth when the proxy has credentials); "" when it answers 200, else one sentence with
/// the proxy's status line or why none came within `timeout_s`.
std::string open_connect_tunnel(int fd, const Target& target, const ProxySettings& proxy,
                                double timeout_s);

}  // namespace conform
