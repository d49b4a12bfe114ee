// The guard's parts: recipient fields found in a body, the glob of --allow-recipient, the
// rewrite that spares the field a negative case breaks, and the cap.
#include <gtest/gtest.h>

#include "contract/recipients.hpp"
#include "contract/source.hpp"
#include "engine/recipient_pattern.hpp"
#include "engine/send_guard.hpp"
#include "validate/catalog.hpp"

namespace conform {
namespace {
using nlohmann::json;

const Catalog& catalog() {
  static const Catalog loaded = Catalog::load(embedded_schema_source());
  return loaded;
}

TEST(RecipientFields, every_builtin_contract_marks_its_recipients) {
  std::map<std::string, size_t> expected = {{"bigin-mail", 3},
                                            {"capillary-email", 3},
                                            {"capillary-message", 6},
                                            {"genesys-email", 3},
                                            {"whippy-email", 3}};
  for (const auto& api : catalog().apis())
    EXPECT_EQ(api.contract.recipients.size(), expected[api.contract.id]) << api.contract.id;
}

TEST(RecipientFields, a_pointer_with_stars_finds_strings_and_arrays_of_strings) {
  RecipientField to{"/data/*/to/*/email", "email", ""};
  json body = json::parse(
      R"({"data":[{"to":[{"email":"a@x.com"},{"email":"b@x.com"},{"email":7}]},{"to":[]}]})");
  EXPECT_EQ(recipient_values_at(to, body),
            (std::vector<std::string>{"/data/0/to/0/email", "/data/0/to/1/email"}));
  RecipientField cc{"/email/cc", "email", ""};
  EXPECT_EQ(recipient_values_at(cc, json::parse(R"({"email":{"cc":"a@x.com,b@y.com"}})")),
            std::vector<std::string>{"/email/cc"});
  EXPECT_EQ(recipient_values_at(cc, json::parse(R"({"email":{"cc":["a@x.com","b@y.com"]}})")),
            (std::vector<std::string>{"/email/cc/0", "/email/cc/1"}));
  EXPECT_TRUE(recipient_values_at(cc, json::parse(R"({"email":{"cc":null}})")).empty());
}

TEST(RecipientPattern, star_never_crosses_an_address_boundary) {
  EXPECT_TRUE(matches_recipient_pattern("me@sink.example.com", "*@sink.example.com"));
  EXPECT_TRUE(matches_recipient_pattern("ME@Sink.Example.com", "*@sink.example.com"));
  EXPECT_TRUE(matches_recipient_pattern("+15550100", "+1555*"));
  EXPECT_FALSE(matches_recipient_pattern("me@other.com", "*@sink.example.com"));
  EXPECT_FALSE(
      matches_recipient_pattern("victim@other.com@sink.example.com", "*@sink.example.com"));
  EXPECT_FALSE(
      matches_recipient_pattern("victim@other.com,me@sink.example.com", "*@sink.example.com"));
  EXPECT_FALSE(
      matches_recipient_pattern("me@sink.example.com\r\nBcc: v@o.com", "*@sink.example.com*"));
  EXPECT_FALSE(matches_recipient_pattern("me@sink.example.com.evil.com", "*@sink.example.com"));
  EXPECT_EQ(addresses_in(" a@x.com, b@y.com;;c@z.com "),
            (std::vector<std::string>{"a@x.com", "b@y.com", "c@z.com"}));
}

ReplayCase whippy_case(const std::string& body_text, std::vector<std::string> errors_at = {}) {
  ReplayCase c;
  c.id = "whippy-email/test";
  c.api = "whippy-email";
  c.request.method = "POST";
  c.request.path = "/v1/messaging/email";
  c.request_body = json::parse(body_text);
  c.request.body = c.request_body->dump();
  c.errors_at = std::move(errors_at);
  return c;
}

TEST(SendGuard, rewrites_every_recipient_but_the_one_a_negative_case_breaks) {
  SendGuard guard(catalog(), SendPolicy{"sink@example.com", "", {}, false, 0});
  ReplayCase scratch;
  Admission positive =
      guard.admit(whippy_case(R"({"to":"a@x.com","cc":["b@x.com"],"from":"c"})"), scratch);
  ASSERT_EQ(positive.send, &scratch);
  EXPECT_EQ(scratch.request_body->at("to"), "sink@example.com");
  EXPECT_EQ(scratch.request_body->at("cc"), json::array({"sink@example.com"}));
  EXPECT_EQ(scratch.request_body->at("from"), "c");
  EXPECT_NE(scratch.request.body.find("sink@example.com"), std::string::npos);

  ReplayCase negative_scratch;
  Admission negative = guard.admit(
      whippy_case(R"({"to":"not-an-address","cc":["b@x.com"]})", {"/to"}), negative_scratch);
  ASSERT_NE(negative.send, nullptr);
  EXPECT_EQ(negative.send->request_body->at("to"), "not-an-address");  // stays invalid
  EXPECT_EQ(negative.send->request_body->at("cc"), json::array({"sink@example.com"}));
}

TEST(SendGuard, a_single_object_where_a_list_belongs_still_has_its_address_rewritten) {
  SendGuard guard(catalog(), SendPolicy{"sink@example.com", "", {}, true, 0});
  ReplayCase c = whippy_case("{}", {"/data/0/to"});
  c.api = "bigin-mail";
  c.request_body = json::parse(
      R"({"data":[{"to":{"email":"someone@real.example"},"from":{"email":"f@x.com"}}]})");
  ReplayCase scratch;
  Admission admitted = guard.admit(c, scratch);
  ASSERT_NE(admitted.send, nullptr) << admitted.refusal;
  EXPECT_EQ(admitted.send->request_body->at(json::json_pointer("/data/0/to/email")),
            "sink@example.com");
  EXPECT_TRUE(admitted.send->request_body->at(json::json_pointer("/data/0/to"))
                  .is_object());  // still the wrong shape
}

TEST(SendGuard, the_recipient_check_refuses_what_the_rewrite_kept) {
  SendGuard guard(catalog(), SendPolicy{"sink@example.com", "", {}, true, 0});
  ReplayCase scratch;
  Admission refused = guard.admit(whippy_case(R"({"to":"not-an-address"})", {"/to"}), scratch);
  EXPECT_EQ(refused.send, nullptr);
  EXPECT_NE(refused.refusal.find("not sent: the recipient at /to ('not-an-address')"),
            std::string::npos)
      << refused.refusal;
  EXPECT_EQ(guard.counts().refused, 1u);
}

TEST(SendGuard, max_sends_is_a_hard_cap) {
  SendGuard guard(catalog(), SendPolicy{"", "", {}, false, 2});
  ReplayCase scratch;
  ReplayCase c = whippy_case(R"({"to":"a@x.com"})");
  EXPECT_NE(guard.admit(c, scratch).send, nullptr);
  EXPECT_NE(guard.admit(c, scratch).send, nullptr);
  Admission third = guard.admit(c, scratch);
  EXPECT_EQ(third.send, nullptr);
  EXPECT_TRUE(third.capped);
  EXPECT_EQ(guard.counts().sent, 2u);
  EXPECT_EQ(guard.counts().capped, 1u);
}

}  // namespace
}  // namespace conform
