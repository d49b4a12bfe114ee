#pragma once
/// What the safety tests share: a loopback HTTP server that answers 200 to every request and
/// counts them, the mock's outbox file, and the recipients a message holds.
#include <httplib.h>

#include <unistd.h>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform::test {

/// An HTTP server on 127.0.0.1 that answers every request 200 `{}` and counts the requests.
class CountingServer {
 public:
  CountingServer() {
    server_.set_tcp_nodelay(true);
    auto count = [this](const httplib::Request&, httplib::Response& res) {
      ++requests_;
      res.set_content("{}", "application/json");
    };
    server_.Post(".*", count);
    server_.Get(".*", count);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 200 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~CountingServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  size_t requests() const { return requests_.load(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::atomic<size_t> requests_{0};
  int port_ = 0;
  std::thread thread_;
};

/// A fresh path in the temp directory for one test's file.
inline std::filesystem::path temp_file(const std::string& stem) {
  auto path =
      std::filesystem::temp_directory_path() / (stem + "-" + std::to_string(::getpid()) + ".jsonl");
  std::filesystem::remove(path);
  return path;
}

/// Every line of a JSON-lines file, parsed.
inline std::vector<nlohmann::json> json_lines(const std::filesystem::path& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

}  // namespace conform::test
