#pragma once
/// Helpers shared by the mock tests: real HTTP on 127.0.0.1 only, every wait bounded.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "contract/endpoint.hpp"
#include "fixture/fixture.hpp"
#include "mock/mock_server.hpp"

namespace conform::mock_test {

/// Small requests the mock tests share: a valid Bigin mail and Capillary SMS, and credentials.
inline constexpr const char* kBiginPath = "/bigin/v2/Contacts/1/actions/send_mail";
inline constexpr const char* kBiginBody =
    R"({"data":[{"from":{"email":"a@example.com"},"to":[{"email":"b@example.com"}]}]})";
inline const httplib::Headers kBiginAuth = {{"Authorization", "Zoho-oauthtoken token"}};
inline const httplib::Headers kBasic = {{"Authorization", "Basic Y29uZm9ybTpjb25mb3Jt"}};
inline constexpr const char* kSmsBody = R"({"sms":[{"to":"919988221100","body":"hello"}]})";
inline constexpr const char* kSmsPath = "/v2/communications/sendMessage?channel=sms";
inline constexpr const char* kWhippyPath = "/v1/messaging/email";
inline const httplib::Headers kWhippyAuth = {{"X-WHIPPY-KEY", "key"}};
inline constexpr const char* kGenesysPath = "/api/v2/me/emails/1";
inline constexpr const char* kGenesysBody =
    R"({"operationName":"Send","queueName":"q","email":{"to":["a@x"],"from":"b@x"}})";
inline constexpr const char* kCapillaryEmailPath = "/v2/communications/email";
/// An item with the four fields the acceptance core sends (the page marks none required).
inline constexpr const char* kCapillaryEmailBody =
    R"({"email":[{"to":"name@example.com","from":"sender@example.com","subject":"s","body":"b"}]})";

/// One catalog for the whole test binary (loading compiles every schema).
inline std::shared_ptr<const Catalog> shared_catalog() {
  static std::shared_ptr<const Catalog> catalog = embedded_catalog();
  return catalog;
}

/// A client for the mock with nodelay and short, bounded timeouts.
inline std::unique_ptr<httplib::Client> client_for(int port) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(2, 0);
  client->set_read_timeout(10, 0);
  client->set_write_timeout(10, 0);
  client->set_keep_alive(true);
  return client;
}

/// The placeholder credential and JSON content type of an API.
inline httplib::Headers api_headers(const Contract& contract) {
  return {{contract.auth.header, contract.auth.placeholder}};
}

/// The path (and channel query) a fixture's request goes to.
inline std::string fixture_target(const Contract& contract, const Fixture& fixture) {
  std::string path = build_path(contract, fixture.path_params);
  if (contract.has_channels() && fixture.channel) path += "?channel=" + *fixture.channel;
  return path;
}

/// A mock with these variants and faults on a free loopback port, and a client for it. The
/// client goes first, so no idle keep-alive connection delays stop().
struct RunningMock {
  std::unique_ptr<MockServer> server;
  std::unique_ptr<httplib::Client> client;
  ~RunningMock() {
    client.reset();
    if (server) server->stop();
  }
  /// POSTs a JSON body.
  httplib::Result post(const std::string& path, const httplib::Headers& headers,
                       const std::string& body) {
    return client->Post(path, headers, body, "application/json");
  }
};

/// Starts a small mock (8 threads) of the shared catalog.
inline std::unique_ptr<RunningMock> start_mock(std::vector<std::string> variants,
                                               std::vector<std::string> faults = {}) {
  MockOptions options;
  options.variants = std::move(variants);
  options.faults = std::move(faults);
  options.threads = 8;
  auto mock = std::make_unique<RunningMock>();
  mock->server = std::make_unique<MockServer>(shared_catalog());
  mock->client = client_for(mock->server->start(options));
  return mock;
}

/// Parses a response body; a JSON null when it is not JSON.
inline nlohmann::json body_of(const httplib::Result& result) {
  if (!result) return nullptr;
  return nlohmann::json::parse(result->body, nullptr, false);
}

/// The status of a result, or -1 when no response came.
inline int status_of(const httplib::Result& result) {
  return result ? result->status : -1;
}

/// Every "pointer" member anywhere in an error body, whatever the vendor's wrapping.
inline std::set<std::string> pointers_in(const nlohmann::json& node) {
  std::set<std::string> out;
  if (node.is_object()) {
    auto it = node.find("pointer");
    if (it != node.end() && it->is_string()) out.insert(it->get<std::string>());
    for (const auto& [key, value] : node.items()) out.merge(pointers_in(value));
  } else if (node.is_array()) {
    for (const auto& value : node) out.merge(pointers_in(value));
  }
  return out;
}

/// True once `bytes` hold a whole response: headers and a Content-Length body.
inline bool complete_response(const std::string& bytes) {
  size_t end = bytes.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  size_t at = bytes.find("Content-Length: ");
  if (at == std::string::npos || at > end) return true;
  size_t length = std::strtoull(bytes.c_str() + at + 16, nullptr, 10);
  return bytes.size() >= end + 4 + length;
}

/// Sends raw bytes on a fresh connection, in chunks separated by `pause`, then reads until one
/// whole response came, the server closes, or `wait` passes. Returns everything read ("" when
/// nothing came).
inline std::string raw_exchange(int port, const std::vector<std::string>& chunks,
                                std::chrono::milliseconds pause = std::chrono::milliseconds(0),
                                std::chrono::milliseconds wait = std::chrono::milliseconds(3000)) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return "";
  }
  for (const auto& chunk : chunks) {
    size_t sent = 0;
    while (sent < chunk.size()) {
      ssize_t n = ::send(fd, chunk.data() + sent, chunk.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
  }
  std::string received;
  auto deadline = std::chrono::steady_clock::now() + wait;
  char buffer[65536];
  while (std::chrono::steady_clock::now() < deadline && !complete_response(received)) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return received;
}

/// The status code of the first response in raw bytes, or 0.
inline int raw_status(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

}  // namespace conform::mock_test
