// The recipient rewrite and the allow list, end to end: the reference mock's outbox holds what
// a real API would have delivered.
#include <gtest/gtest.h>

#include "../mock/mock_process.hpp"
#include "contract/recipients.hpp"
#include "contract/source.hpp"
#include "safety_support.hpp"
#include "support/cli_run.hpp"
#include "validate/catalog.hpp"

namespace conform::test {
namespace {

const Catalog& builtin_catalog() {
  static const Catalog catalog = Catalog::load(embedded_schema_source());
  return catalog;
}

/// Every recipient string of every message the outbox holds, by the contract's recipients.
std::vector<std::string> outbox_recipients(const std::vector<nlohmann::json>& messages) {
  std::vector<std::string> out;
  for (const auto& message : messages) {
    const ApiEntry* api = builtin_catalog().find(message.at("api").get<std::string>());
    if (!api) continue;
    for (const auto& field : api->contract.recipients) {
      for (const auto& at : recipient_values_at(field, message.at("request"))) {
        out.push_back(
            message.at("request").at(nlohmann::json::json_pointer(at)).get<std::string>());
      }
    }
  }
  return out;
}

TEST(RecipientRewrite, a_full_replay_with_recipient_leaves_only_the_sinks_in_the_mock_outbox) {
  auto outbox = temp_file("conform-safety-outbox");
  mock_test::MockProcess mock({"--outbox", outbox.string()});
  ASSERT_GT(mock.port, 0);
  CliRun run = conform_cli("replay --target http://127.0.0.1:" + std::to_string(mock.port) +
                           " --recipient sink@example.com --recipient-phone +15550100 --jobs 2");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("with recipients rewritten"), std::string::npos) << run.output;
  EXPECT_EQ(mock.stop(), 0);
  std::vector<nlohmann::json> messages = json_lines(outbox);
  ASSERT_GT(messages.size(), 10u);
  std::vector<std::string> recipients = outbox_recipients(messages);
  ASSERT_GT(recipients.size(), messages.size() - 1);
  for (const auto& address : recipients)
    EXPECT_TRUE(address == "sink@example.com" || address == "+15550100") << address;
  std::filesystem::remove(outbox);
}

TEST(RecipientRewrite, without_recipient_the_same_replay_delivers_to_the_fixture_addresses) {
  auto outbox = temp_file("conform-safety-outbox-plain");
  mock_test::MockProcess mock({"--outbox", outbox.string()});
  ASSERT_GT(mock.port, 0);
  CliRun run = conform_cli("replay --target http://127.0.0.1:" + std::to_string(mock.port) +
                           " --api whippy-email");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(mock.stop(), 0);
  std::vector<std::string> recipients = outbox_recipients(json_lines(outbox));
  ASSERT_FALSE(recipients.empty());
  EXPECT_TRUE(std::none_of(recipients.begin(), recipients.end(),
                           [](const std::string& a) { return a == "sink@example.com"; }));
  std::filesystem::remove(outbox);
}

TEST(AllowRecipient, refuses_every_case_that_would_reach_someone_outside_the_patterns) {
  auto outbox = temp_file("conform-safety-outbox-allow");
  mock_test::MockProcess mock({"--outbox", outbox.string()});
  ASSERT_GT(mock.port, 0);
  CliRun run =
      conform_cli("replay --target http://127.0.0.1:" + std::to_string(mock.port) +
                  " --allow-recipient '*@sink.example.com' --api whippy-email --api bigin-mail");
  EXPECT_NE(run.output.find("SKIP"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("not sent: the recipient at"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("is outside the allowed recipients (*@sink.example.com)"),
            std::string::npos)
      << run.output;
  EXPECT_GT(count_before(run.output, "not sent (SKIP)"), 5) << run.output;
  EXPECT_EQ(mock.stop(), 0);
  EXPECT_EQ(json_lines(outbox).size(), 0u);  // no fixture address is under the sink domain
  std::filesystem::remove(outbox);
}

TEST(AllowRecipient, keeps_a_negative_case_whose_invalid_recipient_it_tests_and_then_refuses_it) {
  // capillary-email's malformed `to` must stay malformed: the rewrite leaves the field the case
  // breaks, and the allow check, which 'not-an-email' does not pass, holds the case back.
  auto outbox = temp_file("conform-safety-outbox-negative");
  auto report_path = temp_file("conform-safety-report");
  mock_test::MockProcess mock({"--outbox", outbox.string()});
  ASSERT_GT(mock.port, 0);
  CliRun run = conform_cli(
      "replay --target http://127.0.0.1:" + std::to_string(mock.port) +
      " --recipient sink@example.com --allow-recipient '*@example.com' --api capillary-email"
      " --report json:" +
      report_path.string());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(mock.stop(), 0);
  std::ifstream in(report_path);
  nlohmann::json report = nlohmann::json::parse(in);
  size_t skipped = 0, sent = 0;
  for (const auto& c : report["cases"]) {
    if (c["outcome"] != "SKIP") {
      ++sent;
      continue;
    }
    ++skipped;
    EXPECT_EQ(
        c["id"],
        "capillary-email/an-email-item-with-a-malformed-recipient-may-be-accepted-or-refused");
    EXPECT_NE(c["note"].get<std::string>().find(
                  "not sent: the recipient at /email/0/to ('not-an-email')"),
              std::string::npos)
        << c.dump();
  }
  EXPECT_EQ(skipped, 1u);
  EXPECT_GT(sent, 5u);
  EXPECT_EQ(report["summary"]["counts"]["SKIP"], 1);
  std::vector<std::string> recipients = outbox_recipients(json_lines(outbox));
  EXPECT_FALSE(recipients.empty());
  for (const auto& address : recipients) EXPECT_EQ(address, "sink@example.com");
  std::filesystem::remove(outbox);
  std::filesystem::remove(report_path);
}

TEST(RecipientRewrite, fuzz_cases_are_rewritten_too) {
  auto outbox = temp_file("conform-safety-outbox-fuzz");
  mock_test::MockProcess mock({"--outbox", outbox.string()});
  ASSERT_GT(mock.port, 0);
  CliRun run =
      conform_cli("fuzz --target http://127.0.0.1:" + std::to_string(mock.port) +
                  " --seed 3 --cases 200 --recipient sink@example.com --recipient-phone +15550100");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(mock.stop(), 0);
  std::vector<nlohmann::json> messages = json_lines(outbox);
  ASSERT_GT(messages.size(), 10u);
  for (const auto& address : outbox_recipients(messages))
    EXPECT_TRUE(address == "sink@example.com" || address == "+15550100") << address;
  std::filesystem::remove(outbox);
}

/// The step counts of every "minimal body (shrunk in N step(s), ..." line of fuzz's output.
std::vector<int> shrink_steps(const std::string& output) {
  std::vector<int> steps;
  const std::string head = "minimal body (shrunk in ";
  for (size_t at = output.find(head); at != std::string::npos; at = output.find(head, at + 1))
    steps.push_back(std::stoi(output.substr(at + head.size())));
  return steps;
}

TEST(RecipientRewrite, fuzz_shrinks_under_the_guard_and_its_shrink_requests_reach_only_sinks) {
  auto outbox = temp_file("conform-safety-outbox-shrink");
  mock_test::MockProcess mock({"--outbox", outbox.string(), "--fault", "accept-invalid"});
  ASSERT_GT(mock.port, 0);
  CliRun run = conform_cli("fuzz --target http://127.0.0.1:" + std::to_string(mock.port) +
                           " --seed 1 --cases 60 --no-coverage --recipient sink@example.com"
                           " --recipient-phone +15550100 --allow-recipient '*@example.com'");
  EXPECT_EQ(run.exit_code, 1) << run.output;  // the mock accepts invalid requests
  EXPECT_EQ(mock.stop(), 0);
  EXPECT_EQ(run.output.find("not shrunk"), std::string::npos) << run.output;
  std::vector<int> steps = shrink_steps(run.output);
  ASSERT_FALSE(steps.empty()) << run.output;
  EXPECT_GT(*std::max_element(steps.begin(), steps.end()), 0) << run.output;
  std::vector<std::string> recipients = outbox_recipients(json_lines(outbox));
  ASSERT_GT(recipients.size(), 10u);
  for (const auto& address : recipients)
    EXPECT_TRUE(address.ends_with("@example.com") || address == "+15550100") << address;
  std::filesystem::remove(outbox);
}

}  // namespace
}  // namespace conform::test
