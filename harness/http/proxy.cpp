#include "http/proxy.hpp"

#include <openssl/evp.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace conform {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string unbracketed(const std::string& host) {
  return host.size() > 2 && host.front() == '[' && host.back() == ']'
             ? host.substr(1, host.size() - 2)
             : host;
}

/// `host[:port]` into its parts; port -1 when it is not a number from 1 to 65535.
void split_host_port(const std::string& authority, std::string& host, int& port, int fallback) {
  size_t colon = authority.rfind(':');
  // `[::1]` and a bare `::1` are addresses without a port
  bool bracketed = (!authority.empty() && authority.back() == ']') || authority.find(':') != colon;
  host = colon == std::string::npos || bracketed ? authority : authority.substr(0, colon);
  port = fallback;
  if (colon == std::string::npos || bracketed) return;
  std::string digits = authority.substr(colon + 1);
  bool ok =
      !digits.empty() && digits.size() <= 5 &&
      std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); });
  port = ok ? std::stoi(digits) : -1;
  if (port < 1 || port > 65535) port = -1;
}

/// The first variable of the two that is set and not empty, with its name.
std::pair<std::string, std::string> first_set(const EnvironmentLookup& lookup, const char* a,
                                              const char* b) {
  for (const char* name : {a, b}) {
    const char* value = lookup(name);
    if (value && *value) return {name, value};
  }
  return {"", ""};
}

std::string base64(const std::string& text) {
  std::vector<unsigned char> out(4 * ((text.size() + 2) / 3) + 1);
  int size = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                             static_cast<int>(text.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<size_t>(size));
}

/// The proxy's answer up to the blank line (at most 8 KiB); "" when none came in time.
std::string read_head(int fd) {
  std::string head;
  char c = 0;
  while (head.size() < 8192 && head.find("\r\n\r\n") == std::string::npos &&
         ::recv(fd, &c, 1, 0) == 1)
    head += c;
  return head;
}

}  // namespace

std::string open_connect_tunnel(int fd, const Target& target, const ProxySettings& proxy,
                                double timeout_s) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout_s);
  tv.tv_usec = static_cast<suseconds_t>((timeout_s - static_cast<double>(tv.tv_sec)) * 1e6);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  std::string where = target.host + ":" + std::to_string(target.port);
  std::string request = "CONNECT " + where + " HTTP/1.1\r\nHost: " + where + "\r\n";
  if (!proxy.user.empty())
    request += "Proxy-Authorization: Basic " + base64(proxy.user + ":" + proxy.password) + "\r\n";
  request += "\r\n";
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size()))
    return "the proxy closed the connection before CONNECT was sent";
  std::string head = read_head(fd);
  std::string status = head.substr(0, head.find("\r\n"));
  if (status.size() > 12 && status.rfind("HTTP/1.", 0) == 0 && status.compare(9, 3, "200") == 0)
    return "";
  if (status.empty())
    return "the proxy did not answer CONNECT " + where + " within " + std::to_string(timeout_s) +
           " s";
  return "the proxy refused CONNECT " + where + ": " + status;
}

std::optional<ProxySettings> parse_proxy_url(const std::string& url, std::string& error) {
  std::string rest = url;
  if (size_t scheme = url.find("://"); scheme != std::string::npos) {
    std::string name = lower(url.substr(0, scheme));
    if (name != "http") {
      error =
          "only http:// proxies are supported (https targets go through them with CONNECT), got '" +
          name + "://'";
      return std::nullopt;
    }
    rest = url.substr(scheme + 3);
  }
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  ProxySettings proxy;
  if (size_t at = rest.rfind('@'); at != std::string::npos) {
    std::string credentials = rest.substr(0, at);
    size_t colon = credentials.find(':');
    proxy.user = credentials.substr(0, colon);
    proxy.password = colon == std::string::npos ? "" : credentials.substr(colon + 1);
    rest = rest.substr(at + 1);
  }
  if (rest.find_first_of("/?#") != std::string::npos) {
    error = "a proxy URL is http://host:port, with no path";
    return std::nullopt;
  }
  split_host_port(rest, proxy.host, proxy.port, 80);
  if (proxy.host.empty() || proxy.port < 0) {
    error = "a proxy URL is http://host:port";
    return std::nullopt;
  }
  return proxy;
}

bool no_proxy_matches(const std::string& no_proxy, const std::string& host, int port) {
  std::string wanted = lower(unbracketed(host));
  std::string list = no_proxy;
  std::replace(list.begin(), list.end(), ',', ' ');
  size_t start = 0;
  while ((start = list.find_first_not_of(' ', start)) != std::string::npos) {
    size_t end = std::min(list.find(' ', start), list.size());
    std::string entry = lower(list.substr(start, end - start));
    start = end;
    if (entry == "*") return true;
    std::string entry_host;
    int entry_port = 0;
    split_host_port(entry, entry_host, entry_port, 0);
    entry_host = unbracketed(entry_host);
    if (entry_port != 0 && entry_port != port) continue;
    while (!entry_host.empty() && entry_host.front() == '.') entry_host.erase(0, 1);
    if (entry_host.empty()) continue;
    if (wanted == entry_host) return true;
    if (wanted.size() > entry_host.size() && wanted.ends_with("." + entry_host)) return true;
  }
  return false;
}

std::optional<ProxySettings> proxy_from_environment(const Target& target,
                                                    const EnvironmentLookup& lookup,
                                                    std::string& error) {
  error.clear();
  auto [name, url] = target.tls ? first_set(lookup, "https_proxy", "HTTPS_PROXY")
                                : first_set(lookup, "http_proxy", "HTTP_PROXY");
  if (name.empty()) return std::nullopt;
  auto [no_name, no_proxy] = first_set(lookup, "no_proxy", "NO_PROXY");
  if (!no_name.empty() && no_proxy_matches(no_proxy, target.host, target.port)) return std::nullopt;
  std::optional<ProxySettings> proxy = parse_proxy_url(url, error);
  if (!proxy) {
    error = name + ": " + error;
    return std::nullopt;
  }
  proxy->origin = name;
  return proxy;
}

}  // namespace conform
