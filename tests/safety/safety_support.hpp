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

#include "support/loopback_server.hpp"

namespace conform::test {

/// An HTTP server on 127.0.0.1 that answers every request 200 `{}` and counts the requests.
class CountingServer {
 public:
  CountingServer()
      : server_([this](const httplib::Request&, httplib::Response& res) {
          ++requests_;
          res.set_content("{}", "application/json");
        }) {}
  int port() const { return server_.port(); }
  size_t requests() const { return requests_.load(); }
  std::string url() const { return server_.url(); }

 private:
  std::atomic<size_t> requests_{0};
  LoopbackServer server_;  // last: stopped before requests_ goes
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
