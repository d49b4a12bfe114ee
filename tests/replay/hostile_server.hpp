#pragma once
/// A tiny raw-socket server on 127.0.0.1 for hostile-target tests: every connection is handed
/// to a behaviour function. Bounded: stop() (or the destructor) ends every handler.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace conform::test {

/// A raw TCP server; `behaviour(fd, stopping)` owns one accepted connection.
class HostileServer {
 public:
  using Behaviour = std::function<void(int fd, const std::atomic<bool>& stopping)>;

  explicit HostileServer(Behaviour behaviour) : behaviour_(std::move(behaviour)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 64);
    socklen_t size = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~HostileServer() { stop(); }
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  size_t connections() const { return connections_; }

  void stop() {
    if (stopping_.exchange(true)) return;
    acceptor_.join();
    std::lock_guard lock(mutex_);
    for (auto& handler : handlers_) handler.join();
    ::close(listener_);
  }

  /// Reads one request head (up to the blank line) and its Content-Length body; "" on EOF.
  static std::string read_request(int fd, const std::atomic<bool>& stopping) {
    std::string data;
    char buffer[4096];
    while (!stopping) {
      size_t head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        size_t length = 0;
        size_t at = data.find("Content-Length: ");
        if (at != std::string::npos && at < head_end) length = std::stoul(data.substr(at + 16));
        if (data.size() >= head_end + 4 + length) return data;
      }
      pollfd watch{fd, POLLIN, 0};
      if (::poll(&watch, 1, 50) <= 0) continue;
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return "";
      data.append(buffer, static_cast<size_t>(n));
    }
    return "";
  }

  /// Writes all of `text`; false when the peer is gone.
  static bool write_all(int fd, const std::string& text) {
    size_t sent = 0;
    while (sent < text.size()) {
      ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

 private:
  void accept_loop() {
    while (!stopping_) {
      pollfd watch{listener_, POLLIN, 0};
      if (::poll(&watch, 1, 20) <= 0) continue;
      int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ++connections_;
      std::lock_guard lock(mutex_);
      handlers_.emplace_back([this, fd] {
        behaviour_(fd, stopping_);
        ::close(fd);
      });
    }
  }

  Behaviour behaviour_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> connections_{0};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> handlers_;
};

}  // namespace conform::test
