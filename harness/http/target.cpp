#include "http/target.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cctype>

namespace conform {

std::string Target::base_url() const { return "http://" + host + ":" + std::to_string(port) + prefix; }

std::optional<Target> parse_target(const std::string& url, std::string& error) {
  const std::string scheme = "http://";
  if (url.rfind("https://", 0) == 0) {
    error = "https targets are not supported by this build (cpp-httplib without TLS); use http://";
    return std::nullopt;
  }
  if (url.rfind(scheme, 0) != 0) {
    error = "the target must start with http://, got '" + url + "'";
    return std::nullopt;
  }
  std::string rest = url.substr(scheme.size());
  size_t slash = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, slash);
  Target target;
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
    bool digits = !port.empty() && port.size() <= 5 &&
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

/// Connects one address without blocking longer than `timeout_ms`; true on success.
bool connect_within(const addrinfo& address, int timeout_ms) {
  int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address.ai_protocol);
  if (fd < 0) return false;
  bool ok = ::connect(fd, address.ai_addr, address.ai_addrlen) == 0;
  if (!ok && errno == EINPROGRESS) {
    pollfd watch{fd, POLLOUT, 0};
    int error = 0;
    socklen_t size = sizeof error;
    ok = ::poll(&watch, 1, timeout_ms) == 1 && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0;
  }
  ::close(fd);
  return ok;
}

}  // namespace

std::string probe_target(const Target& target, double timeout_s) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string host = target.host;
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  int rc = ::getaddrinfo(host.c_str(), std::to_string(target.port).c_str(), &hints, &found);
  if (rc != 0) return "cannot reach " + target.base_url() + ": cannot resolve host (" + gai_strerror(rc) + ")";
  bool reached = false;
  for (addrinfo* a = found; a && !reached; a = a->ai_next) reached = connect_within(*a, static_cast<int>(timeout_s * 1000));
  ::freeaddrinfo(found);
  if (reached) return "";
  return "cannot reach " + target.base_url() + ": connection refused or timed out";
}

}  // namespace conform
