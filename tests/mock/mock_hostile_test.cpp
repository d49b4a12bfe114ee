/// Hostile input never gets a 5xx from the mock, never crashes it, and never stops it serving.
#include <gtest/gtest.h>

#include <atomic>

#include "mock_test_support.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace mock_test;

std::string raw_post(const std::string& path, const std::string& extra_headers,
                     const std::string& body, const std::string& length) {
  return "POST " + path +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Zoho-oauthtoken t\r\n"
         "Content-Type: application/json\r\nContent-Length: " +
         length + "\r\n" + extra_headers + "\r\n" + body;
}

class MockHostile : public ::testing::Test {
 protected:
  void SetUp() override {
    mock_ = std::make_unique<MockServer>(shared_catalog());
    MockOptions options;
    options.read_timeout_s = 1;
    options.max_body = 1024 * 1024;
    port_ = mock_->start(options);
    client_ = client_for(port_);
  }
  void TearDown() override {
    // Whatever came before, the mock still answers a valid request.
    auto r = client_->Post(kBiginPath, kBiginAuth, kBiginBody, "application/json");
    ASSERT_TRUE(r) << "the mock stopped answering";
    EXPECT_EQ(r->status, 200);
    client_.reset();
  }
  int post(const std::string& body, const std::string& path = kBiginPath) {
    auto r = client_->Post(path, kBiginAuth, body, "application/json");
    return r ? r->status : -1;
  }
  std::unique_ptr<MockServer> mock_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(MockHostile, malformed_json_gets_400_or_422_for_every_api) {
  const std::vector<std::string> bodies = {"",
                                           "{",
                                           "}",
                                           "nul",
                                           "[1,]",
                                           R"({"a":})",
                                           "{'a':1}",
                                           "\"unterminated",
                                           "1e99999",
                                           R"({"a":1}{"b":2})",
                                           std::string("{\"a\":\"\0\"}", 9)};
  const std::vector<std::pair<std::string, httplib::Headers>> targets = {
      {kBiginPath, kBiginAuth},
      {"/v1/messaging/email", {{"X-WHIPPY-KEY", "k"}}},
      {"/api/v2/me/emails/1", {{"Authorization", "Basic eA=="}}},
      {"/v2/communications/email", {{"Authorization", "Basic eA=="}}},
      {"/v2/communications/sendMessage?channel=zalo", {{"Authorization", "Bearer t"}}}};
  for (const auto& [path, headers] : targets) {
    for (const auto& body : bodies) {
      auto r = client_->Post(path, headers, body, "application/json");
      ASSERT_TRUE(r) << path << " " << body;
      int expected = path == "/v1/messaging/email" ? 422 : 400;
      EXPECT_EQ(r->status, expected) << path << " <" << body << ">: " << r->body;
      EXPECT_FALSE(json::parse(r->body, nullptr, false).is_discarded()) << r->body;
    }
  }
}

TEST_F(MockHostile, every_truncation_of_a_valid_body_gets_400) {
  std::string body = kBiginBody;
  for (size_t cut = 0; cut < body.size(); ++cut) {
    EXPECT_EQ(post(body.substr(0, cut)), 400) << "cut at " << cut;
  }
}

TEST_F(MockHostile, invalid_utf8_in_body_path_and_headers_never_breaks_an_answer) {
  EXPECT_EQ(post("{\"data\":[{\"subject\":\"\xff\xfe\xc3\"}]}"), 400);
  EXPECT_EQ(post(kBiginBody, "/bigin/v2/%FF%FE/1/actions/send_mail"), 400);
  auto r = client_->Post("/bigin/v2/%C3%28/1/actions/send_mail", kBiginAuth, kBiginBody,
                         "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_FALSE(json::parse(r->body, nullptr, false).is_discarded()) << "bodies stay valid JSON";
  auto key = client_->Post("/v1/messaging/email", {{"X-WHIPPY-KEY", "\xff\xfe"}},
                           R"({"to":"a@example.com","from":"b"})", "application/json");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->status, 200);
  std::string raw = raw_exchange(port_, {raw_post("/v9/\xff\xfe", "", "{}", "2")});
  EXPECT_EQ(raw_status(raw), 404) << raw;
}

TEST_F(MockHostile, ten_thousand_levels_of_nesting_are_rejected_without_recursion) {
  std::string arrays = std::string(10000, '[') + std::string(10000, ']');
  std::string objects;
  for (int i = 0; i < 10000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(10000, '}');
  EXPECT_EQ(post(arrays), 400);
  EXPECT_EQ(post(objects), 400);
  EXPECT_EQ(post(std::string(10000, '[')), 400) << "unclosed";
  std::string deep_in_field = R"({"data":[{"subject":)" + arrays + "}]}";
  EXPECT_EQ(post(deep_in_field), 400);
}

TEST_F(MockHostile, a_fifty_megabyte_body_gets_413_with_and_without_content_length) {
  std::string big(50 * 1024 * 1024, ' ');
  auto sized = client_->Post(kBiginPath, kBiginAuth, big, "application/json");
  ASSERT_TRUE(sized);
  EXPECT_EQ(sized->status, 413);
  size_t sent = 0;
  auto chunked = client_->Post(
      kBiginPath, kBiginAuth,
      [&](size_t, httplib::DataSink& sink) {
        if (sent >= big.size()) {
          sink.done();
          return true;
        }
        size_t n = std::min<size_t>(1 << 20, big.size() - sent);
        sink.write(big.data() + sent, n);
        sent += n;
        return true;
      },
      "application/json");
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->status, 413);
}

TEST_F(MockHostile, wrong_content_lengths_get_4xx_or_a_closed_connection) {
  std::string body = kBiginBody;
  std::string longer = raw_exchange(port_, {raw_post(kBiginPath, "", body, "100000")});
  EXPECT_EQ(raw_status(longer), 400) << "after the read timeout: " << longer;
  std::string shorter =
      raw_exchange(port_, {raw_post(kBiginPath, "Connection: close\r\n", body, "5")},
                   std::chrono::milliseconds(0), std::chrono::milliseconds(1500));
  EXPECT_EQ(raw_status(shorter), 400) << shorter;
  for (const char* length : {"-1", "abc", "1 2"}) {
    std::string r = raw_exchange(port_, {raw_post(kBiginPath, "", body, length)},
                                 std::chrono::milliseconds(0), std::chrono::milliseconds(2500));
    EXPECT_EQ(r.find("HTTP/1.1 5"), std::string::npos) << length << ": " << r;
  }
}

TEST_F(MockHostile, header_floods_and_garbage_request_lines_get_4xx) {
  std::string flood;
  for (int i = 0; i < 10000; ++i) flood += "X-Flood-" + std::to_string(i) + ": v\r\n";
  std::string r = raw_exchange(port_, {raw_post(kBiginPath, flood + "Connection: close\r\n",
                                                kBiginBody, std::to_string(strlen(kBiginBody)))});
  EXPECT_EQ(raw_status(r), 200) << r.substr(0, 200);
  std::string huge = "X-Huge: " + std::string(1 << 20, 'h') + "\r\nConnection: close\r\n";
  r = raw_exchange(port_,
                   {raw_post(kBiginPath, huge, kBiginBody, std::to_string(strlen(kBiginBody)))});
  EXPECT_EQ(r.find("HTTP/1.1 5"), std::string::npos);
  for (std::string garbage : {"GARBAGE\r\n\r\n", "GET\r\n\r\n", "\x16\x03\x01\x02\r\n\r\n",
                              "POST / HTTP/9.9\r\n\r\n", "PROPFIND /x HTTP/1.1\r\n\r\n"}) {
    r = raw_exchange(port_, {garbage}, std::chrono::milliseconds(0),
                     std::chrono::milliseconds(1500));
    EXPECT_EQ(raw_status(r), 400) << garbage << ": " << r;
  }
  // A line that never ends (a TLS hello) is dropped at the read timeout, unanswered.
  r = raw_exchange(port_, {std::string("\x16\x03\x01\x02\x00\x01", 6)},
                   std::chrono::milliseconds(0), std::chrono::milliseconds(2500));
  EXPECT_TRUE(r.empty()) << r;
}

TEST_F(MockHostile, slow_clients_do_not_stop_the_mock_serving_others) {
  std::atomic<bool> stop{false};
  std::vector<std::thread> slow;
  std::string request =
      raw_post(kBiginPath, "Connection: close\r\n", kBiginBody, std::to_string(strlen(kBiginBody)));
  for (int i = 0; i < 8; ++i) {
    slow.emplace_back([&] {
      std::vector<std::string> bytes;
      for (char c : request.substr(0, 20)) bytes.emplace_back(1, c);
      raw_exchange(port_, bytes, std::chrono::milliseconds(50), std::chrono::milliseconds(100));
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < 50; ++i) {
    auto r = client_->Post(kBiginPath, kBiginAuth, kBiginBody, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(3));
  stop = true;
  for (auto& t : slow) t.join();
}

}  // namespace
}  // namespace conform
