/// The mock takes each page's own sample as that sample is sent: Bigin's curl sample posts its
/// JSON with `-d` and no Content-Type (004_48a580a97fdcacca.txt:53-56), so curl labels it
/// application/x-www-form-urlencoded. The real binary on 127.0.0.1, raw HTTP, bounded waits.
#include <gtest/gtest.h>

#include <filesystem>

#include "mock_process.hpp"
#include "mock_test_support.hpp"

namespace conform {
namespace {

using namespace mock_test;

/// The page's sample body as `curl -d @file` sends it: curl drops the file's CR and LF bytes.
/// The sample itself is the documented fixture, not a copy of the page.
std::string documented_body_as_curl_sends_it() {
  auto fixture = load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures");
  for (const auto& f : fixture) {
    if (f.api != "bigin-mail" || f.name != "the-documented-request-is-accepted") continue;
    std::string text = f.body->dump(2);
    std::erase(text, '\n');
    return text;
  }
  return "";
}

std::string documented_path() {
  auto fixture = load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures");
  for (const auto& f : fixture) {
    if (f.api == "bigin-mail" && f.name == "the-documented-request-is-accepted") {
      return fixture_target(shared_catalog()->find("bigin-mail")->contract, f);
    }
  }
  return "";
}

/// The request curl 7.88 writes for `curl URL -X POST -H "Authorization: ..." -d @file`, byte for
/// byte (captured from curl itself): its own User-Agent and Accept, and the form Content-Type.
std::string as_curl_sends(int port, const std::string& path, const std::string& authorization,
                          const std::string& body) {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
         "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nAuthorization: " + authorization +
         "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n" + body;
}

int status_line_code(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return -1;
  return std::stoi(response.substr(9, 3));
}

nlohmann::json body_json(const std::string& response) {
  size_t end = response.find("\r\n\r\n");
  if (end == std::string::npos) return nullptr;
  return nlohmann::json::parse(response.substr(end + 4), nullptr, false);
}

TEST(MockSampleRequest, bigins_curl_sample_sent_as_curl_sends_it_is_accepted) {
  std::string body = documented_body_as_curl_sends_it();
  ASSERT_FALSE(body.empty());
  ASSERT_EQ(body.find('\n'), std::string::npos);
  MockProcess mock({});
  ASSERT_GT(mock.port, 0);
  std::string answer = raw_exchange(
      mock.port, {as_curl_sends(mock.port, documented_path(), "Zoho-oauthtoken 1000.test", body)});
  EXPECT_EQ(status_line_code(answer), 200) << answer;
  nlohmann::json reply = body_json(answer);
  ASSERT_TRUE(reply.is_object()) << answer;
  EXPECT_EQ(reply["data"][0]["code"], "SUCCESS") << answer;
  EXPECT_TRUE(reply["data"][0]["details"].contains("message_id")) << answer;
  EXPECT_EQ(mock.stop(), 0);
}

TEST(MockSampleRequest, a_bigin_body_over_eight_kib_sent_as_curl_sends_it_is_accepted) {
  // httplib parses form bodies itself and refuses those over 8 KiB: a long HTML mail must pass.
  nlohmann::json mail = nlohmann::json::parse(kBiginBody);
  mail["data"][0]["content"] = std::string(20000, 'x');
  MockProcess mock({});
  ASSERT_GT(mock.port, 0);
  std::string answer = raw_exchange(
      mock.port, {as_curl_sends(mock.port, kBiginPath, "Zoho-oauthtoken t", mail.dump())});
  EXPECT_EQ(status_line_code(answer), 200) << answer.substr(0, 600);
  EXPECT_EQ(mock.stop(), 0);
}

TEST(MockSampleRequest, a_bigin_body_that_is_not_json_still_gets_415) {
  MockProcess mock({});
  ASSERT_GT(mock.port, 0);
  std::string answer = raw_exchange(
      mock.port,
      {as_curl_sends(mock.port, kBiginPath, "Zoho-oauthtoken t", "from=a%40example.com&to=b")});
  EXPECT_EQ(status_line_code(answer), 415) << answer;
  nlohmann::json reply = body_json(answer);
  ASSERT_TRUE(reply.is_object()) << answer;
  EXPECT_EQ(reply["data"][0]["code"], "UNSUPPORTED_MEDIA_TYPE") << answer;
  EXPECT_EQ(reply["data"][0]["status"], "error") << answer;
  EXPECT_EQ(mock.stop(), 0);
}

TEST(MockSampleRequest, apis_whose_page_shows_no_such_sample_keep_415_for_json_sent_as_a_form) {
  MockProcess mock({});
  ASSERT_GT(mock.port, 0);
  const std::string body = R"({"to":"a@example.com","from":"b"})";
  std::string answer = raw_exchange(
      mock.port, {"POST " + std::string(kWhippyPath) +
                  " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  "X-WHIPPY-KEY: key\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  "Content-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body});
  EXPECT_EQ(status_line_code(answer), 415) << answer;
  EXPECT_NE(answer.find("the body must be sent as application/json"), std::string::npos) << answer;
  EXPECT_EQ(mock.stop(), 0);
}

}  // namespace
}  // namespace conform
