// Hostile targets on 127.0.0.1: garbage, lies, floods, drips, resets and redirect loops get
// failures or errors, never a crash or a hang.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "hostile_server.hpp"
#include "replay_support.hpp"

namespace conform {
namespace {
using test::HostileServer;
using Clock = std::chrono::steady_clock;

std::vector<ReplayCase> one_valid_case() {
  for (auto& c : test::repository_cases({"genesys-email"})) {
    if (c.id == "genesys-email/the-documented-request-is-accepted") return {c};
  }
  throw std::runtime_error("fixture missing");
}

/// Answers each request on a connection with `reply`, until the peer goes.
HostileServer::Behaviour answer_with(std::string reply) {
  return [reply](int fd, const std::atomic<bool>& stopping) {
    while (!stopping && !HostileServer::read_request(fd, stopping).empty()) {
      if (!HostileServer::write_all(fd, reply)) return;
    }
  };
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST(Hostile, GarbageInsteadOfHttpIsAnError) {
  HostileServer server(answer_with("this is not HTTP at all\r\n\r\n"));
  auto sink = test::run_http(server.url(), one_valid_case(), {}, 2);
  ASSERT_EQ(sink.results.size(), 1u);
  EXPECT_EQ(sink.results[0].outcome, Outcome::error);
  EXPECT_FALSE(sink.summary.passed());
}

TEST(Hostile, NonJsonWithAJsonContentTypeFailsTheSchemaCheck) {
  HostileServer server(answer_with(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\nnot json!"));
  auto sink = test::run_http(server.url(), one_valid_case(), {}, 2);
  ASSERT_EQ(sink.results.size(), 1u);
  EXPECT_EQ(sink.results[0].outcome, Outcome::fail);
  EXPECT_EQ(test::failing_checks(sink.results),
            std::set<std::string>{"response_schema_conformance"});
}

TEST(Hostile, AHundredMegabyteBodyIsCutAndIsAnError) {
  HostileServer server([](int fd, const std::atomic<bool>& stopping) {
    if (HostileServer::read_request(fd, stopping).empty()) return;
    HostileServer::write_all(
        fd,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n[");
    std::string chunk(64 * 1024, ' ');
    for (int i = 0; i < 1600 && !stopping; ++i) {
      if (!HostileServer::write_all(fd, chunk)) return;
    }
  });
  auto start = Clock::now();
  auto sink = test::run_http(server.url(), one_valid_case(), {}, 10);
  ASSERT_EQ(sink.results.size(), 1u);
  EXPECT_EQ(sink.results[0].outcome, Outcome::error);
  EXPECT_NE(sink.results[0].note.find("cap"), std::string::npos) << sink.results[0].note;
  EXPECT_LT(seconds_since(start), 8.0);
}

TEST(Hostile, ASlowDripHitsTheWholeRequestDeadline) {
  HostileServer server([](int fd, const std::atomic<bool>& stopping) {
    if (HostileServer::read_request(fd, stopping).empty()) return;
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Drip: ";
    for (size_t i = 0; i < 200 && !stopping; ++i) {  // at most 20 s, far past the deadline
      if (!HostileServer::write_all(fd, i < head.size() ? head.substr(i, 1) : "a")) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  auto start = Clock::now();
  auto sink = test::run_http(server.url(), one_valid_case(), {}, 1.0);
  ASSERT_EQ(sink.results.size(), 1u);
  EXPECT_EQ(sink.results[0].outcome, Outcome::timeout);
  EXPECT_LT(seconds_since(start), 3.0);  // each byte arrives well within any read timeout
}

TEST(Hostile, AConnectionResetIsAnError) {
  HostileServer server([](int fd, const std::atomic<bool>& stopping) {
    if (HostileServer::read_request(fd, stopping).empty()) return;
    linger abort{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);  // close() sends RST
  });
  auto sink = test::run_http(server.url(), one_valid_case(), {}, 2);
  ASSERT_EQ(sink.results.size(), 1u);
  EXPECT_EQ(sink.results[0].outcome, Outcome::error);
}

TEST(Hostile, ARedirectLoopIsNotFollowedAndFailsTheStatusCheck) {
  HostileServer server(answer_with(
      "HTTP/1.1 302 Found\r\nLocation: /api/v2/me/emails/x\r\nContent-Length: 0\r\n\r\n"));
  auto sink = test::run_http(server.url(), one_valid_case(), {}, 2);
  ASSERT_EQ(sink.results.size(), 1u);
  EXPECT_EQ(sink.results[0].outcome, Outcome::fail);
  EXPECT_TRUE(test::failing_checks(sink.results).contains("status_code_conformance"));
  EXPECT_LE(server.connections(), 1u);
}

TEST(Hostile, AfterThreeTimeoutsTheRestOfTheApiIsTimeoutWithoutWaiting) {
  HostileServer server([](int fd, const std::atomic<bool>& stopping) {
    for (int i = 0; i < 300 && !stopping; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    (void)fd;
  });
  std::vector<ReplayCase> cases(12, one_valid_case().front());
  for (size_t i = 0; i < cases.size(); ++i) cases[i].id += "-" + std::to_string(i);
  RunOptions options;
  options.jobs = 1;
  auto start = Clock::now();
  auto sink = test::run_http(server.url(), cases, options, 0.3);
  ASSERT_EQ(sink.results.size(), 12u);
  size_t not_sent = 0;
  for (const auto& r : sink.results) {
    EXPECT_EQ(r.outcome, Outcome::timeout);
    not_sent += r.note.rfind("not sent", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(not_sent, 9u);
  EXPECT_LT(seconds_since(start), 2.5);
}

TEST(Hostile, CredentialsAreRedactedEvenWhenTheServerEchoesThem) {
  HostileServer server([](int fd, const std::atomic<bool>& stopping) {
    std::string request = HostileServer::read_request(fd, stopping);
    std::string body =
        "{\"echo\":\"" +
        std::string(request.find("c2VjcmV0") != std::string::npos ? "Basic c2VjcmV0LXZhbHVl" : "") +
        "\"}";
    HostileServer::write_all(
        fd, "HTTP/1.1 500 Oops\r\nContent-Type: application/json\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body);
  });
  CaseSettings settings{{{"genesys-email", "Basic c2VjcmV0LXZhbHVl"}}, {"genesys-email"}};
  auto cases = build_cases(
      test::catalog(), load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures"), settings);
  cases.resize(1);
  Redactor redactor;
  redactor.add_header("Authorization");
  redactor.add_secret("Basic c2VjcmV0LXZhbHVl");
  RunOptions options;
  options.redactor = &redactor;
  auto sink = test::run_http(server.url(), cases, options, 2);
  ASSERT_EQ(sink.results.size(), 1u);
  const CaseResult& r = sink.results[0];
  ASSERT_TRUE(r.exchange && r.exchange->response);
  EXPECT_EQ(r.exchange->response->body.find("c2VjcmV0"), std::string::npos)
      << r.exchange->response->body;
  EXPECT_EQ(r.curl.find("c2VjcmV0"), std::string::npos) << r.curl;
  EXPECT_NE(r.curl.find("'Authorization: Basic [REDACTED]'"), std::string::npos) << r.curl;
}

}  // namespace
}  // namespace conform
