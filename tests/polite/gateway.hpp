#pragma once
/// A loopback httplib server for the politeness tests: it answers a request itself when the
/// test's rule says so (a 429, a 503), else forwards it to an upstream (the reference mock), and
/// records when each request arrived. Bounded: stop() (or the destructor) ends it.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace conform::test {

class Gateway {
 public:
  /// `rule(n, req, res)`: the nth request (from 1); true when it answered in `res` itself.
  using Rule = std::function<bool(size_t n, const httplib::Request&, httplib::Response&)>;

  /// Serves on a free port; forwards unanswered requests to 127.0.0.1:`upstream_port` (0: 404).
  Gateway(Rule rule, int upstream_port) : rule_(std::move(rule)), upstream_port_(upstream_port) {
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(1000);
    server_.new_task_queue = [] { return new httplib::ThreadPool(8); };
    // Routes, not a pre-routing handler: httplib reads the body only before a route, and an
    // unread body would be parsed as the next request on the keep-alive connection.
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    server_.Put(".*", handler);
    server_.Patch(".*", handler);
    server_.Delete(".*", handler);
    server_.Options(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!server_.is_running()) throw std::runtime_error("the gateway did not start");
  }
  ~Gateway() { stop(); }
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  void stop() {
    if (stopped_.exchange(true)) return;
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// Requests seen so far.
  size_t requests() const {
    std::lock_guard lock(mutex_);
    return arrivals_.size();
  }
  /// When each request arrived, in arrival order.
  std::vector<std::chrono::steady_clock::time_point> arrivals() const {
    std::lock_guard lock(mutex_);
    return arrivals_;
  }

 private:
  void handle(const httplib::Request& req, httplib::Response& res) {
    size_t n = 0;
    {
      std::lock_guard lock(mutex_);
      arrivals_.push_back(std::chrono::steady_clock::now());
      n = arrivals_.size();
    }
    if (rule_(n, req, res)) return;
    if (upstream_port_ == 0) {
      res.status = 404;
      return;
    }
    httplib::Client upstream("127.0.0.1", upstream_port_);
    upstream.set_tcp_nodelay(true);
    httplib::Request forward;
    forward.method = req.method;
    forward.path = req.target.empty() ? req.path : req.target;
    for (const auto& [name, value] : req.headers) {
      if (name != "Host" && name != "Content-Length" && name != "REMOTE_ADDR" &&
          name != "REMOTE_PORT" && name != "LOCAL_ADDR" && name != "LOCAL_PORT")
        forward.headers.emplace(name, value);
    }
    forward.body = req.body;
    auto result = upstream.send(forward);
    if (!result) {
      res.status = 502;
      return;
    }
    res.status = result->status;
    for (const auto& [name, value] : result->headers) {
      if (name != "Content-Length" && name != "Transfer-Encoding" && name != "Connection" &&
          name != "Keep-Alive")
        res.headers.emplace(name, value);
    }
    res.body = result->body;
  }

  Rule rule_;
  int upstream_port_ = 0;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopped_{false};
  mutable std::mutex mutex_;
  std::vector<std::chrono::steady_clock::time_point> arrivals_;
};

/// A 429 with this Retry-After (none when empty).
inline void answer_429(httplib::Response& res, const std::string& retry_after) {
  res.status = 429;
  if (!retry_after.empty()) res.set_header("Retry-After", retry_after);
  res.set_content(R"({"error":"slow down"})", "application/json");
}

}  // namespace conform::test
