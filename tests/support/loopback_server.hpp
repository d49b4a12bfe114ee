#pragma once
/// An HTTP server for a test, on a free port of 127.0.0.1, run in its own thread.
#include <httplib.h>

#include <string>
#include <thread>

namespace conform::test {

/// Answers every request (GET, POST, PUT, PATCH, DELETE, OPTIONS, any path) with `handler`.
/// Routes, not a pre-routing handler: httplib reads a body only before a route, and an unread
/// body would be parsed as the next request on a keep-alive connection. Throws when the server
/// does not run within 5 s.
class LoopbackServer {
 public:
  explicit LoopbackServer(httplib::Server::Handler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  /// Stops listening and joins the thread; safe to call twice.
  void stop();
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace conform::test
