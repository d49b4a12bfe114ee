#include "cli/transport_flags.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "cli/flag_checks.hpp"
#include "cli/usage_error.hpp"
#include "http/proxy.hpp"
#include "http/tls.hpp"

namespace conform {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

TlsSettings tls_settings(const TransportFlagValues& flags) {
  TlsSettings tls;
  if (flags.tls_verify) {
    std::string value = lower(*flags.tls_verify);
    if (value == "false") {
      tls.verify = false;
    } else if (value != "true") {
      if (flags.tls_verify->empty())
        throw UsageError("--tls-verify takes true, false or the PATH of a CA bundle");
      tls.ca_file = *flags.tls_verify;
    }
  }
  tls.client_cert = flags.request_cert.value_or("");
  tls.client_key = flags.request_cert_key.value_or("");
  if (std::string problem = tls_file_problem(tls); !problem.empty()) throw UsageError(problem);
  return tls;
}

/// The names -H may not set: framing headers and the auth header of every selected API.
std::set<std::string> reserved_headers(const Catalog& catalog, const std::set<std::string>& apis) {
  std::set<std::string> names = {"host", "content-length", "transfer-encoding", "connection",
                                 "content-type"};
  for (const auto& api : catalog.apis()) {
    if (apis.empty() || apis.contains(api.contract.id))
      names.insert(lower(api.contract.auth.header));
  }
  return names;
}

std::pair<std::string, std::string> parse_header(const std::string& text,
                                                 const std::set<std::string>& reserved) {
  size_t colon = text.find(':');
  std::string name = text.substr(0, colon);
  bool token = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) ||
           std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  });
  if (colon == std::string::npos || !token)
    throw UsageError("-H/--header takes NAME:VALUE, got '" + text + "'");
  std::string value = text.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  if (value.find_first_of("\r\n") != std::string::npos)
    throw UsageError("-H " + name + ": the value holds a line break");
  if (reserved.contains(lower(name))) {
    throw UsageError("-H " + name +
                     ": conform sets this header itself; give credentials with --auth ID=VALUE, "
                     "and the case decides framing and Content-Type");
  }
  return {name, value};
}

std::optional<ProxySettings> choose_proxy(const TransportFlagValues& flags, const Target& target) {
  std::string error;
  if (flags.proxy) {
    auto proxy = parse_proxy_url(*flags.proxy, error);
    if (!proxy) throw UsageError("--proxy: " + error);
    proxy->origin = "--proxy";
    return proxy;
  }
  auto proxy = proxy_from_environment(
      target, [](const char* name) { return std::getenv(name); }, error);
  if (!error.empty()) throw UsageError(error);
  return proxy;
}

}  // namespace

TransportSettings transport_settings(const TransportFlagValues& flags, const Target& target,
                                     const Catalog& catalog, const std::set<std::string>& apis) {
  TransportSettings settings;
  settings.tls = tls_settings(flags);
  std::set<std::string> reserved = reserved_headers(catalog, apis);
  for (const auto& text : flags.headers) settings.headers.push_back(parse_header(text, reserved));
  settings.proxy = choose_proxy(flags, target);
  return settings;
}

void announce_transport(const TransportSettings& settings, const TransportFlagValues& flags,
                        const Target& target, const std::string& command, std::ostream& err) {
  bool tls_flags = flags.tls_verify || flags.request_cert || flags.request_cert_key;
  if (!target.tls && tls_flags)
    err << command << ": note: the target is http://; the TLS flags do nothing\n";
  if (target.tls && !settings.tls.verify) {
    err << command
        << ": warning: --tls-verify false: the server's certificate is not checked; this run is "
        << "insecure (anyone on the path can read and change it)\n";
  }
  if (settings.proxy)
    err << command << ": through the proxy " << settings.proxy->url() << " ("
        << settings.proxy->origin << ")\n";
}

void redact_transport_secrets(Redactor& redactor, const TransportSettings& settings) {
  for (const auto& [name, value] : settings.headers) {
    if (!looks_like_credential_header(name)) continue;
    redactor.add_header(name);
    redactor.add_secret(value);
  }
  if (settings.proxy && !settings.proxy->password.empty())
    redactor.add_secret(settings.proxy->password);
}

void add_transport_flags(CLI::App& app, TransportFlagValues& flags) {
  app.add_option("--tls-verify", flags.tls_verify,
                 "check an https target's certificate against the system CA store (true,\n"
                 "the default), against the CA bundle PATH, or not at all (false:\n"
                 "insecure, said on stderr)")
      ->type_name("true|false|PATH");
  app.add_option("--request-cert", flags.request_cert,
                 "a PEM client certificate (mTLS); needs --request-cert-key")
      ->type_name("PEM");
  app.add_option("--request-cert-key", flags.request_cert_key,
                 "the client certificate's private key")
      ->type_name("PEM");
  app.add_option("--proxy", flags.proxy,
                 "send through this HTTP proxy (http://[user:pass@]host:port; https goes\n"
                 "through CONNECT); default $HTTPS_PROXY or $HTTP_PROXY by the target's\n"
                 "scheme, unless $NO_PROXY names the host (--proxy ignores NO_PROXY)")
      ->type_name("URL");
  add_repeatable(app, "-H,--header", flags.headers, "NAME:VALUE",
                 "add this header to every request (repeatable), e.g. for a gateway; a\n"
                 "header the case sets keeps the case's value; the auth header, Host,\n"
                 "Content-Type and framing headers are refused (use --auth); names with\n"
                 "auth, token, key, secret, cookie, ... are redacted like credentials");
}

}  // namespace conform
