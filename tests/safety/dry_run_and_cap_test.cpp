// --dry-run connects to nothing; --max-sends is a hard cap on requests.
#include <gtest/gtest.h>

#include "../replay/hostile_server.hpp"
#include "safety_support.hpp"
#include "support/cli_run.hpp"

namespace conform::test {
namespace {

/// A loopback listener that counts the connections it accepts and closes each at once.
struct ConnectionCounter {
  std::atomic<size_t> connections{0};
  HostileServer server{[this](int, const std::atomic<bool>&) { ++connections; }};
};

size_t lines_starting(const std::string& text, const std::string& head) {
  size_t n = 0;
  for (size_t at = 0; at < text.size();) {
    if (text.compare(at, head.size(), head) == 0) ++n;
    size_t end = text.find('\n', at);
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return n;
}

TEST(DryRun, replay_prints_every_case_as_curl_and_opens_no_connection) {
  ConnectionCounter counter;
  CliRun run = conform_cli(
      "replay --dry-run --target http://127.0.0.1:" + std::to_string(counter.server.port()) +
      " --recipient sink@example.com --auth whippy-email=very-secret-key-123");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(counter.connections.load(), 0u);
  EXPECT_GT(lines_starting(run.output, "curl "), 50u) << run.output;
  EXPECT_EQ(run.output.find("very-secret-key-123"), std::string::npos);
  EXPECT_NE(run.output.find("[REDACTED]"), std::string::npos);
  EXPECT_NE(run.output.find("sink@example.com"), std::string::npos);
}

TEST(DryRun, needs_no_live_for_a_target_off_loopback_since_it_sends_nothing) {
  CliRun run =
      conform_cli("replay --dry-run --target https://api.example.invalid --api whippy-email");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("curl "), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("https://api.example.invalid:443/v1/messaging/email"),
            std::string::npos)
      << run.output;
}

TEST(DryRun, fuzz_prints_its_cases_and_opens_no_connection) {
  ConnectionCounter counter;
  CliRun run = conform_cli("fuzz --dry-run --seed 1 --cases 30 --target http://127.0.0.1:" +
                           std::to_string(counter.server.port()));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(counter.connections.load(), 0u);
  EXPECT_GT(lines_starting(run.output, "curl "), 30u) << run.output;
}

TEST(DryRun, shows_a_case_the_allow_list_would_refuse_as_not_sent) {
  CliRun run = conform_cli(
      "replay --dry-run --target http://127.0.0.1:9 --api whippy-email --allow-recipient "
      "'*@sink.example.com'");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find(": not sent: the recipient at /to"), std::string::npos) << run.output;
}

TEST(MaxSends, replay_sends_exactly_n_requests_and_reports_the_rest_as_not_sent) {
  CountingServer server;
  CliRun run =
      conform_cli("replay --target " + server.url() + " --max-sends 5 --jobs 3 --api bigin-mail");
  EXPECT_EQ(server.requests(), 5u) << run.output;
  EXPECT_NE(run.output.find("not sent after --max-sends 5 was reached"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("not sent: --max-sends 5 reached"), std::string::npos) << run.output;
  EXPECT_GT(count_before(run.output, "not sent (SKIP)"), 0) << run.output;
}

TEST(MaxSends, fuzz_sends_exactly_n_requests) {
  CountingServer server;  // answers 200 to everything: many cases fail
  CliRun run = conform_cli("fuzz --target " + server.url() + " --max-sends 7 --seed 2 --cases 40");
  EXPECT_EQ(server.requests(), 7u) << run.output;
  EXPECT_NE(run.output.find("not sent after --max-sends 7 was reached"), std::string::npos)
      << run.output;
}

TEST(MaxSends, fuzz_shrink_requests_count_against_the_cap) {
  CountingServer server;  // answers 200 to everything: the negative cases fail and are shrunk
  CliRun run = conform_cli("fuzz --target " + server.url() +
                           " --max-sends 40 --seed 2 --cases 10 --no-coverage");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(server.requests(), 40u) << run.output;  // 10 cases, then shrinking up to the cap
  EXPECT_NE(run.output.find("minimal body (shrunk in "), std::string::npos) << run.output;
}

}  // namespace
}  // namespace conform::test
