/// 10,000 mixed valid and garbage requests from several threads: no 5xx, no dropped
/// connection, every answer the expected one, and an exact outbox count.
#include <gtest/gtest.h>

#include <atomic>
#include <random>

#include "mock_test_support.hpp"

namespace conform {
namespace {

using namespace mock_test;

/// One kind of request in the mix and the status it must get.
struct Shot {
  std::string path;
  httplib::Headers headers;
  std::string body;
  std::string content_type;
  int expected;  ///< 0: any 4xx (random garbage)
};

std::vector<Shot> shots() {
  const httplib::Headers zoho = {{"Authorization", "Zoho-oauthtoken t"}};
  const httplib::Headers basic = {{"Authorization", "Basic eA=="}};
  const httplib::Headers whippy = {{"X-WHIPPY-KEY", "k"}};
  const std::string bigin = "/bigin/v2/Pipelines/9/actions/send_mail";
  const std::string bigin_body =
      R"({"data":[{"from":{"email":"a@example.com"},"to":[{"email":"b@example.com"}]}]})";
  return {
      {bigin, zoho, bigin_body, "application/json", 200},
      {"/v2/communications/sendMessage?channel=Sms", basic,
       R"({"sms":[{"to":"919988221100","body":"x"},{"to":"919988221101","body":"y"}]})",
       "application/json", 200},
      {mock_test::kCapillaryEmailPath, basic, mock_test::kCapillaryEmailBody, "application/json",
       200},
      {"/v1/messaging/email", whippy, R"({"to":"a@example.com","from":"b"})", "application/json",
       200},
      {"/api/v2/me/emails/7", basic,
       R"({"operationName":"Send","queueName":"q","email":{"to":["a@x"],"from":"b@x"}})",
       "application/json", 200},
      {"/v1/messaging/email", whippy, R"({"to":"a@example.com","from":"b","sender_email":"x@y"})",
       "application/json", 422},
      {bigin, zoho, R"({"data":[{"from":{}}]})", "application/json", 400},
      {bigin, zoho, R"({"data":[)", "application/json", 400},
      {bigin, {}, bigin_body, "application/json", 401},
      {bigin, zoho, "<mail/>", "text/xml", 415},
      {bigin, zoho, bigin_body, "application/x-www-form-urlencoded", 200},
      {"/bigin/v2/Deals/9/actions/send_mail", zoho, bigin_body, "application/json", 400},
      {"/nowhere", zoho, bigin_body, "application/json", 404},
      {bigin, zoho, std::string(300, '[') + std::string(300, ']'), "application/json", 400},
      {bigin, zoho, "", "application/json", 0},  // random bytes, filled per request
  };
}

/// What one client thread saw.
struct Tally {
  size_t sent = 0, dropped = 0, server_errors = 0, wrong = 0, accepted = 0;
};

Tally run_client(int port, unsigned seed, size_t requests) {
  std::mt19937 random(seed);
  const std::vector<Shot> mix = shots();
  auto client = client_for(port);
  Tally tally;
  for (size_t i = 0; i < requests; ++i) {
    Shot shot = mix[random() % mix.size()];
    if (shot.expected == 0) {
      shot.body.resize(random() % 200);
      for (auto& c : shot.body) c = static_cast<char>(random() % 256);
    }
    auto r = client->Post(shot.path, shot.headers, shot.body, shot.content_type);
    ++tally.sent;
    if (!r) {
      ++tally.dropped;
      continue;
    }
    if (r->status >= 500) ++tally.server_errors;
    if (r->status / 100 == 2) ++tally.accepted;
    bool ok = shot.expected == 0 ? r->status / 100 == 4 : r->status == shot.expected;
    if (!ok) ++tally.wrong;
  }
  return tally;
}

TEST(MockLoad, ten_thousand_mixed_requests_from_eight_threads_get_no_5xx_and_none_dropped) {
  MockServer mock(shared_catalog());
  int port = mock.start(MockOptions{});
  constexpr size_t kThreads = 8, kPerThread = 1250;
  std::vector<Tally> tallies(kThreads);
  std::vector<std::thread> threads;
  auto begin = std::chrono::steady_clock::now();
  for (size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back(
        [&, t] { tallies[t] = run_client(port, 1000 + static_cast<unsigned>(t), kPerThread); });
  }
  for (auto& thread : threads) thread.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  Tally total;
  for (const auto& t : tallies) {
    total.sent += t.sent;
    total.dropped += t.dropped;
    total.server_errors += t.server_errors;
    total.wrong += t.wrong;
    total.accepted += t.accepted;
  }
  RecordProperty("requests_per_second", static_cast<int>(total.sent / seconds));
  EXPECT_EQ(total.sent, kThreads * kPerThread);
  EXPECT_EQ(total.dropped, 0u);
  EXPECT_EQ(total.server_errors, 0u);
  EXPECT_EQ(total.wrong, 0u);
  EXPECT_GT(total.accepted, 2000u);
  EXPECT_EQ(mock.outbox_count(), total.accepted);
  EXPECT_LT(seconds, 40.0);
}

}  // namespace
}  // namespace conform
