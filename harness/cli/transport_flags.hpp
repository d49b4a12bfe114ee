#pragma once
/// The transport flags of `replay` and `fuzz` (`--tls-verify`, `--request-cert`,
/// `--request-cert-key`, `--proxy`, `-H/--header`) turned into the http layer's
/// TransportSettings. The parser hands over the option strings; nothing here reads argv.
#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "http/redact.hpp"
#include "http/target.hpp"
#include "http/transport_settings.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// The transport options as given on the command line, not yet checked.
struct TransportFlagValues {
  std::optional<std::string> tls_verify;        ///< `--tls-verify true|false|PATH`
  std::optional<std::string> request_cert;      ///< `--request-cert PATH`
  std::optional<std::string> request_cert_key;  ///< `--request-cert-key PATH`
  std::optional<std::string> proxy;             ///< `--proxy URL`
  std::vector<std::string> headers;             ///< every `-H/--header NAME:VALUE`, in order
};

/// The settings every transport of a run to `target` uses. `--proxy` wins over the environment
/// (HTTPS_PROXY / HTTP_PROXY, skipped when NO_PROXY names the host). A `-H` may not name a
/// framing header (Host, Content-Length, Transfer-Encoding, Connection, Content-Type) nor the
/// auth header of a selected API (`apis`; empty = all): those come from the case and `--auth`.
/// Throws UsageError naming the flag and, for files, the file.
TransportSettings transport_settings(const TransportFlagValues& flags, const Target& target,
                                     const Catalog& catalog, const std::set<std::string>& apis);

/// Declares --tls-verify, --request-cert, --request-cert-key, --proxy and -H/--header on `app`.
void add_transport_flags(CLI::App& app, TransportFlagValues& flags);

/// One stderr line per thing a user must know before anything is sent: `--tls-verify false` is
/// insecure, a proxy is in use, TLS flags on an http target do nothing. `command` prefixes them.
void announce_transport(const TransportSettings& settings, const TransportFlagValues& flags,
                        const Target& target, const std::string& command, std::ostream& err);

/// Teaches the redactor the `-H` headers that look like credentials and the proxy's password.
void redact_transport_secrets(Redactor& redactor, const TransportSettings& settings);

}  // namespace conform
