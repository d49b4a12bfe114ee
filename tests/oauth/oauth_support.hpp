#pragma once
/// Loopback servers for the OAuth tests: a token endpoint that mints numbered tokens and counts
/// them, and a target in front of the in-process mock that answers 401 to a token it has
/// expired. Every wait is bounded.
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "mock/mock_server.hpp"
#include "support/cli_run.hpp"
#include "support/loopback_server.hpp"

namespace conform::oauth_test {
namespace fs = std::filesystem;

inline const std::string kClientId = "1000.TESTCLIENTID";
inline const std::string kClientSecret = "client-s3cret-never-shown";
inline const std::string kRefreshToken = "1000.refresh-t0ken-never-shown";

/// The access token the endpoint mints as its nth (1-based).
inline std::string minted_token(size_t n) {
  return "1000.access-t0ken-" + std::to_string(n) + "-never-shown";
}

using test::LoopbackServer;  // tests/support

/// What the token endpoint answers.
enum class TokenAnswer { token, garbage, refusal };

/// POST /oauth/v2/token: checks the refresh_token grant's form, counts the mints.
class TokenEndpoint {
 public:
  explicit TokenEndpoint(TokenAnswer kind = TokenAnswer::token)
      : answer_(kind), server_([this](const httplib::Request& req, httplib::Response& res) {
          respond(req, res);
        }) {}
  std::string url() const { return server_.url() + "/oauth/v2/token"; }
  size_t mints() const { return mints_; }
  size_t bad_forms() const { return bad_forms_; }
  /// Token requests that carried the run's `-H X-Gateway: staging`.
  size_t through_gateway() const { return through_gateway_; }

 private:
  void respond(const httplib::Request& req, httplib::Response& res) {
    bool form = req.method == "POST" && req.path == "/oauth/v2/token" &&
                req.get_param_value("grant_type") == "refresh_token" &&
                req.get_param_value("client_id") == kClientId &&
                req.get_param_value("client_secret") == kClientSecret &&
                req.get_param_value("refresh_token") == kRefreshToken;
    if (!form) ++bad_forms_;
    if (req.get_header_value("X-Gateway") == "staging") ++through_gateway_;
    if (answer_ == TokenAnswer::garbage)
      return res.set_content("<html>maintenance</html>", "text/html");
    if (answer_ == TokenAnswer::refusal || !form) {
      res.status = 400;
      return res.set_content(R"({"error":"invalid_client"})", "application/json");
    }
    size_t n = ++mints_;
    res.set_content(
        R"({"access_token":")" + minted_token(n) + R"(","expires_in":3600,"token_type":"Bearer"})",
        "application/json");
  }
  TokenAnswer answer_;
  std::atomic<size_t> mints_{0};
  std::atomic<size_t> bad_forms_{0};
  std::atomic<size_t> through_gateway_{0};
  LoopbackServer server_;
};

/// The target: a request whose Authorization names an expired or unknown token gets 401; every
/// other request (no credentials included) goes to the mock, whose answer comes back.
class ExpiringTarget {
 public:
  /// Token 1 expires after `first_token_uses` requests carried it.
  explicit ExpiringTarget(size_t first_token_uses)
      : uses_left_(first_token_uses),
        port_(mock_.start(MockOptions{})),
        server_(
            [this](const httplib::Request& req, httplib::Response& res) { respond(req, res); }) {}
  std::string url() const { return server_.url(); }
  size_t refusals() const { return refusals_; }
  size_t with_token(size_t n) const {
    std::lock_guard lock(mutex_);
    return n == 1 ? first_uses_ : later_uses_;
  }

 private:
  /// Whether `auth` holds a live token, counting a use of token 1.
  bool live(const std::string& auth) {
    std::lock_guard lock(mutex_);
    if (auth == "Zoho-oauthtoken " + minted_token(1)) {
      if (uses_left_ == 0) return false;
      --uses_left_;
      ++first_uses_;
      return true;
    }
    for (size_t n = 2; n < 10; ++n) {
      if (auth == "Zoho-oauthtoken " + minted_token(n)) return ++later_uses_, true;
    }
    return false;
  }

  void respond(const httplib::Request& req, httplib::Response& res) {
    if (req.has_header("Authorization") && !live(req.get_header_value("Authorization"))) {
      ++refusals_;
      res.status = 401;
      return res.set_content(R"({"code":"INVALID_TOKEN","message":"invalid oauth token"})",
                             "application/json");
    }
    httplib::Client mock("127.0.0.1", port_);
    httplib::Request forward;
    forward.method = req.method;
    forward.path = req.target;
    for (const auto& [name, value] : req.headers) {
      if (name != "Host" && name != "Content-Length" && name != "REMOTE_ADDR" &&
          name != "REMOTE_PORT" && name != "LOCAL_ADDR" && name != "LOCAL_PORT")
        forward.headers.emplace(name, value);
    }
    forward.body = req.body;
    httplib::Response answer;
    httplib::Error error = httplib::Error::Success;
    if (!mock.send(forward, answer, error)) {
      res.status = 502;
      return;
    }
    res.status = answer.status;
    res.set_content(answer.body, answer.get_header_value("Content-Type"));
  }

  MockServer mock_;
  mutable std::mutex mutex_;
  size_t uses_left_;
  size_t first_uses_ = 0, later_uses_ = 0;
  std::atomic<size_t> refusals_{0};
  int port_;
  LoopbackServer server_;
};

/// A fresh directory under the system temp dir.
inline fs::path scratch_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("conform-oauth-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// Every file under `dir` (or the file itself), concatenated.
inline std::string all_text(const fs::path& path) {
  std::string text;
  auto add = [&](const fs::path& file) {
    std::ifstream in(file);
    text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  if (fs::is_regular_file(path)) add(path);
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      if (entry.is_regular_file()) add(entry.path());
    }
  }
  return text;
}

/// Sets the three CONFORM_OAUTH_* variables the tests' conform runs inherit.
inline void set_client_environment() {
  ::setenv("CONFORM_OAUTH_CLIENT_ID", kClientId.c_str(), 1);
  ::setenv("CONFORM_OAUTH_CLIENT_SECRET", kClientSecret.c_str(), 1);
  ::setenv("CONFORM_OAUTH_REFRESH_TOKEN", kRefreshToken.c_str(), 1);
}

}  // namespace conform::oauth_test
