#include "http/target.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "http/proxy.hpp"
#include "http/tls.hpp"

namespace conform {

std::string Target::base_url() const {
  return (tls ? "https://" : "http://") + host + ":" + std::to_string(port) + prefix;
}

std::optional<Target> parse_target(const std::string& url, std::string& error) {
  Target target;
  target.tls = url.rfind("https://", 0) == 0;
  target.port = target.tls ? 443 : 80;
  const std::string scheme = target.tls ? "https://" : "http://";
  if (url.rfind(scheme, 0) != 0) {
    error = "the target must start with http:// or https://, got '" + url + "'";
    return std::nullopt;
  }
  std::string rest = url.substr(scheme.size());
  size_t slash = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, slash);
  target.prefix = slash == std::string::npos ? "" : rest.substr(slash);
  if (target.prefix.find_first_of("?#") != std::string::npos) {
    error = "the target may carry a path prefix but no query or fragment";
    return std::nullopt;
  }
  while (!target.prefix.empty() && target.prefix.back() == '/') target.prefix.pop_back();
  if (authority.find('@') != std::string::npos) {
    error = "the target URL must not carry credentials; use --auth ID=VALUE";
    return std::nullopt;
  }
  size_t colon = authority.rfind(':');
  bool bracketed = !authority.empty() && authority.back() == ']';
  target.host = colon == std::string::npos || bracketed ? authority : authority.substr(0, colon);
  if (colon != std::string::npos && !bracketed) {
    std::string port = authority.substr(colon + 1);
    bool digits =
        !port.empty() && port.size() <= 5 &&
        std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); });
    target.port = digits ? std::stoi(port) : -1;
    if (target.port < 1 || target.port > 65535) {
      error = "bad port in target '" + url + "'";
      return std::nullopt;
    }
  }
  if (target.host.empty()) {
    error = "no host in target '" + url + "'";
    return std::nullopt;
  }
  return target;
}

namespace {

/// Connects one address without blocking longer than `timeout_ms`; the connected socket, in
/// blocking mode, or -1.
int connect_within(const addrinfo& address, int timeout_ms) {
  int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    address.ai_protocol);
  if (fd < 0) return -1;
  bool ok = ::connect(fd, address.ai_addr, address.ai_addrlen) == 0;
  if (!ok && errno == EINPROGRESS) {
    pollfd watch{fd, POLLOUT, 0};
    int error = 0;
    socklen_t size = sizeof error;
    ok = ::poll(&watch, 1, timeout_ms) == 1 &&
         ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0;
  }
  if (ok) ok = ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0;
  if (!ok) ::close(fd);
  return ok ? fd : -1;
}

/// A connected socket to host:port, or -1 with `why` set (the words after "cannot reach X: ").
int connect_host(std::string host, int port, double timeout_s, std::string& why) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (rc != 0) {
    why = std::string("cannot resolve host (") + gai_strerror(rc) + ")";
    return -1;
  }
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next)
    fd = connect_within(*a, static_cast<int>(timeout_s * 1000));
  ::freeaddrinfo(found);
  if (fd < 0) why = "connection refused or timed out";
  return fd;
}

}  // namespace

std::string probe_target(const Target& target, double timeout_s,
                         const TransportSettings& transport) {
  std::string why;
  if (transport.proxy) {
    int fd = connect_host(transport.proxy->host, transport.proxy->port, timeout_s, why);
    if (fd < 0) {
      return "cannot reach " + target.base_url() + " through the proxy " + transport.proxy->url() +
             " (from " + transport.proxy->origin + "): the proxy: " + why;
    }
    if (target.tls) why = open_connect_tunnel(fd, target, *transport.proxy, timeout_s);
    if (target.tls && why.empty())
      why = tls_handshake_problem(fd, target, transport.tls, timeout_s);
    ::close(fd);
    return why.empty() ? ""
                       : "cannot reach " + target.base_url() + " through the proxy " +
                             transport.proxy->url() + ": " + why;
  }
  int fd = connect_host(target.host, target.port, timeout_s, why);
  if (fd < 0) return "cannot reach " + target.base_url() + ": " + why;
  if (target.tls) why = tls_handshake_problem(fd, target, transport.tls, timeout_s);
  ::close(fd);
  return why.empty() ? "" : "cannot reach " + target.base_url() + ": " + why;
}

}  // namespace conform
