// Politeness toward a live server, in process: the rate limit, Retry-After, the retry decisions
// and the polite transport over real loopback HTTP (tests/polite/gateway.hpp).
#include <gtest/gtest.h>

#include <sys/socket.h>

#include <thread>

#include "../replay/hostile_server.hpp"
#include "gateway.hpp"
#include "http/http_transport.hpp"
#include "http/polite_transport.hpp"
#include "http/retry_after.hpp"

namespace conform {
namespace {
using test::Gateway;

HttpRequest post_json() {
  HttpRequest request;
  request.method = "POST";
  request.path = "/send";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = R"({"to":"a@example.com"})";
  return request;
}

/// The polite transport over a real HTTP transport to `url`.
struct PoliteClient {
  std::unique_ptr<HttpTransportFactory> http;
  TransportFactory make;
  PoliteClient(const std::string& url, PoliteSettings settings) {
    std::string error;
    Target target = *parse_target(url, error);
    http = std::make_unique<HttpTransportFactory>(HttpSettings{target, 5});
    HttpTransportFactory* factory = http.get();
    make =
        polite_transports([factory] { return factory->make(); }, std::move(settings), target.host);
  }
};

bool ok_answer(httplib::Response& res) {
  res.status = 200;
  res.set_content(R"({"ok":true})", "application/json");
  return true;
}

TEST(RateLimitParse, TakesCountsPerSecondMinuteHour) {
  std::string why;
  EXPECT_DOUBLE_EQ(parse_rate_limit("5/s", why)->per_second, 5);
  EXPECT_DOUBLE_EQ(parse_rate_limit("120/m", why)->per_second, 2);
  EXPECT_DOUBLE_EQ(parse_rate_limit("36/h", why)->per_second, 0.01);
}

TEST(RateLimitParse, RefusesAnythingElseWithAReason) {
  for (const char* bad :
       {"5", "0/s", "x/s", "5/d", "/s", "-1/s", "1.5/s", "5/", "", "5/s/s", "2000000/s"}) {
    std::string why;
    EXPECT_FALSE(parse_rate_limit(bad, why)) << bad;
    EXPECT_NE(why.find(std::string("'") + bad + "'"), std::string::npos) << why;
  }
}

TEST(RetryAfter, ReadsDeltaSecondsAndHttpDates) {
  std::time_t now = 1'800'000'000;  // 2027-01-15T08:00:00Z
  EXPECT_EQ(retry_after_seconds("120", now), 120.0);
  EXPECT_EQ(retry_after_seconds(" 0 ", now), 0.0);
  EXPECT_EQ(retry_after_seconds("Fri, 15 Jan 2027 08:00:30 GMT", now), 30.0);
  EXPECT_EQ(retry_after_seconds("Friday, 15-Jan-27 08:01:00 GMT", now), 60.0);
  EXPECT_EQ(retry_after_seconds("Fri Jan 15 08:00:05 2027", now), 5.0);
  EXPECT_EQ(retry_after_seconds("Thu, 01 Jan 2026 00:00:00 GMT", now), 0.0);  // already past
  EXPECT_FALSE(retry_after_seconds("soon", now));
  EXPECT_FALSE(retry_after_seconds("-5", now));
  EXPECT_FALSE(retry_after_seconds("", now));
}

TEST(RefusalRetry, WaitsRetryAfterOrBacksOffWithinTheBudget) {
  PoliteSettings settings;
  settings.max_retry_wait_s = 10;
  EXPECT_EQ(refusal_retry(2.0, 1, 0, settings).wait_s, 2.0);
  EXPECT_TRUE(refusal_retry(2.0, 1, 0, settings).stop.empty());
  EXPECT_EQ(refusal_retry(std::nullopt, 1, 0, settings).wait_s, 1.0);
  EXPECT_EQ(refusal_retry(std::nullopt, 3, 3, settings).wait_s, 4.0);
  EXPECT_NE(refusal_retry(11.0, 1, 0, settings).stop.find("over --max-retry-wait"),
            std::string::npos);
  EXPECT_NE(refusal_retry(3.0, 2, 8, settings).stop.find("past --max-retry-wait"),
            std::string::npos);
  EXPECT_NE(refusal_retry(0.0, 4, 0, settings).stop.find("after 3 retries"), std::string::npos);
  settings.max_retry_wait_s = 0;
  EXPECT_FALSE(refusal_retry(0.0, 1, 0, settings).stop.empty());
}

TEST(PoliteTransport, WaitsOutTwo429sAndGetsTheRealAnswer) {
  Gateway server(
      [](size_t n, const httplib::Request&, httplib::Response& res) {
        if (n <= 2) {
          test::answer_429(res, "1");
          return true;
        }
        return ok_answer(res);
      },
      0);
  PoliteClient client(server.url(), PoliteSettings{});
  Exchange exchange = client.make()->send("api/case", post_json());
  ASSERT_TRUE(exchange.response);
  EXPECT_EQ(exchange.response->status, 200);
  EXPECT_TRUE(exchange.refused.empty());
  EXPECT_EQ(exchange.attempts, 3u);
  EXPECT_EQ(server.requests(), 3u);
  auto arrivals = server.arrivals();
  EXPECT_GE(arrivals[2] - arrivals[0],
            std::chrono::milliseconds(1900));  // two Retry-After: 1 waits
}

TEST(PoliteTransport, GivesUpOnA429ForeverWithinTheBudget) {
  Gateway server(
      [](size_t, const httplib::Request&, httplib::Response& res) {
        test::answer_429(res, "1");
        return true;
      },
      0);
  PoliteSettings settings;
  settings.max_retry_wait_s = 1;
  PoliteClient client(server.url(), settings);
  Exchange exchange = client.make()->send("api/case", post_json());
  EXPECT_NE(exchange.refused.find("refused: 429 to 2 requests"), std::string::npos)
      << exchange.refused;
  EXPECT_EQ(server.requests(), 2u);
}

TEST(PoliteTransport, ARetryAfterOverTheCapIsNotWaitedFor) {
  Gateway server(
      [](size_t, const httplib::Request&, httplib::Response& res) {
        res.status = 503;
        res.set_header("Retry-After", "3600");
        return true;
      },
      0);
  PoliteClient client(server.url(), PoliteSettings{});
  Exchange exchange = client.make()->send("api/case", post_json());
  EXPECT_NE(exchange.refused.find("over --max-retry-wait 60 s"), std::string::npos)
      << exchange.refused;
  EXPECT_EQ(server.requests(), 1u);
}

TEST(PoliteTransport, StopsSendingAfterThreeRefusedCasesInARow) {
  Gateway server(
      [](size_t, const httplib::Request&, httplib::Response& res) {
        test::answer_429(res, "");
        return true;
      },
      0);
  PoliteSettings settings;
  settings.max_retry_wait_s = 0;  // no retry: each case is refused at its first answer
  PoliteClient client(server.url(), settings);
  auto transport = client.make();
  for (int i = 0; i < 5; ++i) {
    Exchange e = transport->send("api/case", post_json());
    EXPECT_FALSE(e.refused.empty())
        << i << " " << e.transport_error << " " << (e.response ? e.response->status : 0);
  }
  EXPECT_EQ(server.requests(), 3u);
  EXPECT_NE(transport->send("api/case", post_json()).refused.find("not sent: 3 cases in a row"),
            std::string::npos);
}

TEST(PoliteTransport, RateLimitSpacesRequestsAcrossWorkers) {
  Gateway server(
      [](size_t, const httplib::Request&, httplib::Response& res) { return ok_answer(res); }, 0);
  PoliteSettings settings;
  std::string why;
  settings.rate_limit = parse_rate_limit("5/s", why);
  PoliteClient client(server.url(), settings);
  std::vector<std::thread> workers;
  for (int w = 0; w < 3; ++w) {
    workers.emplace_back([&client] {
      auto transport = client.make();
      for (int i = 0; i < 2; ++i) transport->send("api/case", post_json());
    });
  }
  for (auto& worker : workers) worker.join();
  auto arrivals = server.arrivals();
  ASSERT_EQ(arrivals.size(), 6u);
  // Six requests at 5/s are 0.2 s apart: at least 1 s from first to last (0.8 s allows for jitter).
  EXPECT_GE(arrivals.back() - arrivals.front(), std::chrono::milliseconds(800));
}

/// A port nothing listens on yet: bound to find a free one, then closed.
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(PoliteTransport, RequestRetriesRideOutARefusedConnection) {
  int port = free_port();
  httplib::Server late;
  late.Post("/send", [](const httplib::Request&, httplib::Response& res) { ok_answer(res); });
  std::thread starter([&late, port] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the first connect is refused
    late.listen("127.0.0.1", port);
  });
  PoliteSettings settings;
  settings.request_retries = 4;  // 0.5 + 1 + 2 + 4 s: far longer than the server takes to start
  PoliteClient client("http://127.0.0.1:" + std::to_string(port), settings);
  Exchange exchange = client.make()->send("api/case", post_json());
  late.stop();
  starter.join();
  ASSERT_TRUE(exchange.response) << exchange.transport_error;
  EXPECT_EQ(exchange.response->status, 200);
  EXPECT_GE(exchange.attempts, 2u);
}

TEST(PoliteTransport, WithoutRequestRetriesARefusedConnectionIsOneError) {
  PoliteClient client("http://127.0.0.1:" + std::to_string(free_port()), PoliteSettings{});
  Exchange exchange = client.make()->send("api/case", post_json());
  EXPECT_FALSE(exchange.response);
  EXPECT_TRUE(exchange.unsent);
  EXPECT_EQ(exchange.attempts, 1u);
  EXPECT_NE(exchange.transport_error.find("connection refused"), std::string::npos)
      << exchange.transport_error;
}

TEST(PoliteTransport, AWrittenPostIsNeverSentAgain) {
  // The server reads the whole request, then hangs up without an answer: it may have acted on it.
  test::HostileServer server([](int fd, const std::atomic<bool>& stopping) {
    test::HostileServer::read_request(fd, stopping);
  });
  PoliteSettings settings;
  settings.request_retries = 3;
  PoliteClient client(server.url(), settings);
  Exchange exchange = client.make()->send("api/case", post_json());
  server.stop();
  EXPECT_FALSE(exchange.response);
  EXPECT_FALSE(exchange.unsent);
  EXPECT_EQ(exchange.attempts, 1u);
  EXPECT_EQ(server.connections(), 1u);
}

}  // namespace
}  // namespace conform
