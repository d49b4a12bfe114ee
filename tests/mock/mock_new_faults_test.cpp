/// The four faults added with the variants, each in more detail than the table-wide probe:
/// what the default mock answers, what the fault answers, and the rule it breaks.
#include <gtest/gtest.h>

#include "mock_test_support.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace mock_test;

std::vector<Violation> response_violations(const std::string& api, const json& body) {
  return shared_catalog()->find(api)->validator(PayloadKind::response, "")->validate(body);
}

TEST(MockNewFaults, bigin_message_id_missing_keeps_code_and_details_but_drops_the_message_id) {
  auto plain = start_mock({});
  auto faulty = start_mock({}, {"bigin-message-id-missing"});
  json good = body_of(plain->post(kBiginPath, kBiginAuth, kBiginBody));
  EXPECT_TRUE(good["data"][0]["details"]["message_id"].is_string());
  EXPECT_TRUE(response_violations("bigin-mail", good).empty()) << good.dump();
  auto r = faulty->post(kBiginPath, kBiginAuth, kBiginBody);
  ASSERT_EQ(status_of(r), 200);
  json bad = body_of(r);
  EXPECT_EQ(bad["data"][0]["code"], "SUCCESS");
  ASSERT_TRUE(bad["data"][0]["details"].is_object()) << r->body;
  EXPECT_FALSE(bad["data"][0]["details"].contains("message_id")) << r->body;
  auto violations = response_violations("bigin-mail", bad);
  ASSERT_FALSE(violations.empty()) << "the response schema must require message_id: " << r->body;
  EXPECT_EQ(violations.front().pointer, "/data/0/details/message_id");
}

TEST(MockNewFaults, genesys_operation_name_optional_accepts_a_missing_operation_name_only) {
  auto plain = start_mock({});
  auto faulty = start_mock({}, {"genesys-operation-name-optional"});
  const std::string missing = R"({"queueName":"q","email":{"to":["a@x"],"from":"b@x"}})";
  auto rejected = plain->post(kGenesysPath, kBasic, missing);
  EXPECT_EQ(status_of(rejected), 400);
  EXPECT_TRUE(pointers_in(body_of(rejected)).contains("/operationName")) << rejected->body;
  EXPECT_EQ(status_of(faulty->post(kGenesysPath, kBasic, missing)), 200);
  const std::string wrong =
      R"({"operationName":"Receive","queueName":"q","email":{"to":["a@x"],"from":"b@x"}})";
  EXPECT_EQ(status_of(faulty->post(kGenesysPath, kBasic, wrong)), 400)
      << "a wrong constant is still refused";
  EXPECT_EQ(
      status_of(faulty->post(kGenesysPath, kBasic,
                             R"({"operationName":"Send","email":{"to":["a@x"],"from":"b@x"}})")),
      400)
      << "other required members are still required";
}

TEST(MockNewFaults, capillary_email_no_wrapper_puts_status_and_email_at_the_top) {
  auto plain = start_mock({});
  auto faulty = start_mock({}, {"capillary-email-no-wrapper"});
  json good = body_of(plain->post(kCapillaryEmailPath, kBasic, kCapillaryEmailBody));
  EXPECT_TRUE(good["response"]["status"]["success"].is_boolean()) << good.dump();
  EXPECT_TRUE(response_violations("capillary-email", good).empty()) << good.dump();
  auto r = faulty->post(kCapillaryEmailPath, kBasic, kCapillaryEmailBody);
  ASSERT_EQ(status_of(r), 200);
  json bad = body_of(r);
  EXPECT_FALSE(bad.contains("response")) << r->body;
  EXPECT_EQ(bad["status"]["success"], true) << r->body;
  EXPECT_TRUE(bad["email"].is_array()) << r->body;
  auto violations = response_violations("capillary-email", bad);
  ASSERT_FALSE(violations.empty()) << "the response schema must require the wrapper: " << r->body;
  EXPECT_EQ(violations.front().pointer, "/response");
}

TEST(MockNewFaults, server_error_on_long_text_answers_500_for_long_or_non_ascii_sender_names) {
  auto plain = start_mock({});
  auto faulty = start_mock({}, {"server-error-on-long-text"});
  auto with_name = [](const std::string& name) {
    return json{{"to", "a@example.com"}, {"from", "b"}, {"sender_name", name}}.dump();
  };
  for (const std::string& name :
       {std::string("Zo\xC3\xAB"), std::string(1001, 'x'), std::string("\xE2\x9C\x89")}) {
    EXPECT_EQ(status_of(plain->post(kWhippyPath, kWhippyAuth, with_name(name))), 200)
        << name.size();
    EXPECT_EQ(status_of(faulty->post(kWhippyPath, kWhippyAuth, with_name(name))), 500)
        << name.size();
  }
  EXPECT_EQ(status_of(faulty->post(kWhippyPath, kWhippyAuth, with_name(std::string(1000, 'x')))),
            200);
  EXPECT_EQ(status_of(faulty->post(kWhippyPath, kWhippyAuth, with_name("Zoe"))), 200);
  EXPECT_EQ(status_of(faulty->post(kBiginPath, kBiginAuth, kBiginBody)), 200)
      << "only whippy-email";
}

}  // namespace
}  // namespace conform
