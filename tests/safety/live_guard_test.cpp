// The live guard: a target that is not on loopback needs --live, and a live run needs a
// recipient policy; both are refused from the URL text, before any lookup or connection.
#include <gtest/gtest.h>

#include "support/cli_run.hpp"

namespace conform::test {
namespace {

const char* const kSendsSentence =
    "every positive case sends real messages to the recipients in it";

TEST(LiveGuard, replay_refuses_a_non_loopback_target_without_live_before_any_lookup) {
  CliRun run = conform_cli("replay --target https://api.example.invalid", 60);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find(kSendsSentence), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("--live"), std::string::npos) << run.output;
  // The guard's sentence, not the reachability probe's: nothing was resolved.
  EXPECT_EQ(run.output.find("resolve"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("cannot reach"), std::string::npos) << run.output;
}

TEST(LiveGuard, fuzz_refuses_a_non_loopback_target_without_live) {
  CliRun run = conform_cli("fuzz --target http://api.example.invalid:8080/v2 --cases 1", 60);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find(kSendsSentence), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("pass --live"), std::string::npos) << run.output;
}

TEST(LiveGuard, a_host_name_that_only_starts_like_loopback_is_not_loopback) {
  for (const char* url : {"http://127.0.0.1.example.invalid", "http://localhost.example.invalid",
                          "http://128.0.0.1"}) {
    CliRun run = conform_cli(std::string("replay --target ") + url, 60);
    EXPECT_EQ(run.exit_code, 2) << url << "\n" << run.output;
    EXPECT_NE(run.output.find(kSendsSentence), std::string::npos) << url << "\n" << run.output;
  }
}

TEST(LiveGuard, a_live_run_without_recipient_or_allow_recipient_is_refused) {
  for (const char* command : {"replay", "fuzz --cases 1"}) {
    CliRun run =
        conform_cli(std::string(command) + " --target https://api.example.invalid --live", 60);
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("a --live run must say where its messages may go"), std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("--recipient ADDRESS"), std::string::npos) << run.output;
  }
}

TEST(LiveGuard, with_live_and_a_sink_the_guard_lets_the_run_go_on_to_the_reachability_probe) {
  CliRun run = conform_cli(
      "replay --target https://api.example.invalid --live --recipient sink@example.com", 60);
  EXPECT_EQ(run.exit_code, 2) << run.output;  // .invalid never resolves
  EXPECT_EQ(run.output.find(kSendsSentence), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("api.example.invalid"), std::string::npos) << run.output;
}

TEST(LiveGuard, bad_sinks_are_usage_errors) {
  CliRun email =
      conform_cli("replay --target http://127.0.0.1:9 --recipient 'a@b.com,c@d.com'", 60);
  EXPECT_EQ(email.exit_code, 2) << email.output;
  EXPECT_NE(email.output.find("--recipient takes one email address"), std::string::npos)
      << email.output;
  CliRun phone = conform_cli("replay --target http://127.0.0.1:9 --recipient-phone call-me", 60);
  EXPECT_EQ(phone.exit_code, 2) << phone.output;
  EXPECT_NE(phone.output.find("--recipient-phone takes one phone number"), std::string::npos)
      << phone.output;
}

TEST(LiveGuard, help_of_replay_and_fuzz_names_every_safety_flag) {
  for (const char* command : {"replay --help", "fuzz --help"}) {
    CliRun run = conform_cli(command, 60);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    for (const char* flag : {"--live", "--recipient ", "--recipient-phone", "--allow-recipient",
                             "--dry-run", "--max-sends"}) {
      EXPECT_NE(run.output.find(flag), std::string::npos) << command << " lacks " << flag;
    }
  }
}

}  // namespace
}  // namespace conform::test
