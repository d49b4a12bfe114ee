/// The variant table, and the variants that change how the mock reads a request: each one over
/// real HTTP on 127.0.0.1, next to the default mock's different answer.
#include <gtest/gtest.h>

#include <set>

#include "mock/variants.hpp"
#include "mock_test_support.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace mock_test;

/// A one-item Bigin mail with a sender and a recipient, plus `extra` members in the item.
std::string bigin_with(const json& extra) {
  json item = {{"from", {{"email", "a@example.com"}}},
               {"to", json::array({{{"email", "b@example.com"}}})}};
  item.update(extra);
  return json{{"data", json::array({item})}}.dump();
}

/// The request the mock recorded last.
json last_request(const RunningMock& mock) {
  json messages = mock.server->outbox()["messages"];
  return messages.empty() ? json() : messages.back()["request"];
}

TEST(MockVariantTable, lists_sixteen_named_variants_in_enum_order_each_with_an_open_point) {
  const std::set<std::string> apis = {
      "*", "bigin-mail", "capillary-email", "capillary-message", "genesys-email", "whippy-email"};
  ASSERT_EQ(variant_table().size(), 16u);
  ASSERT_EQ(variant_table().size(), static_cast<size_t>(Variant::count_));
  std::set<std::string> names;
  for (size_t i = 0; i < variant_table().size(); ++i) {
    const VariantSpec& spec = variant_table()[i];
    EXPECT_EQ(static_cast<size_t>(spec.variant), i) << spec.name;
    EXPECT_EQ(&variant_spec(spec.variant), &spec);
    EXPECT_EQ(find_variant(spec.name), &spec);
    EXPECT_TRUE(names.insert(spec.name).second) << "duplicate " << spec.name;
    EXPECT_FALSE(std::string(spec.open_point).empty()) << spec.name;
    EXPECT_GT(std::string(spec.description).size(), 20u) << spec.name;
    std::string list = spec.apis;
    for (size_t at = 0; at <= list.size();) {
      size_t comma = std::min(list.find(',', at), list.size());
      EXPECT_TRUE(apis.contains(list.substr(at, comma - at))) << spec.name << ": " << list;
      at = comma + 1;
    }
  }
  EXPECT_EQ(find_variant("nope"), nullptr);
}

TEST(MockVariantTable, an_unknown_name_throws_and_the_message_lists_every_variant) {
  try {
    VariantSet::from_names({"null-as-absent", "nope"});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("'nope'"), std::string::npos) << what;
    for (const auto& spec : variant_table())
      EXPECT_NE(what.find(spec.name), std::string::npos) << spec.name;
  }
  VariantSet set = VariantSet::from_names({"numeric-ids"});
  EXPECT_TRUE(set.on(Variant::numeric_ids, "capillary-email"));
  EXPECT_FALSE(set.on(Variant::numeric_ids, "bigin-mail"));
  EXPECT_FALSE(set.has(Variant::status_201));
  MockServer mock(shared_catalog());
  MockOptions options;
  options.variants = {"nope"};
  EXPECT_THROW(mock.start(options), std::invalid_argument);
}

TEST(MockVariants, null_as_absent_drops_null_optional_members_but_not_null_required_ones) {
  auto plain = start_mock({});
  auto variant = start_mock({"null-as-absent"});
  std::string body = bigin_with({{"subject", nullptr}, {"cc", nullptr}});
  EXPECT_EQ(status_of(plain->post(kBiginPath, kBiginAuth, body)), 400);
  auto r = variant->post(kBiginPath, kBiginAuth, body);
  ASSERT_EQ(status_of(r), 200) << r->body;
  EXPECT_FALSE(last_request(*variant)["data"][0].contains("subject"));
  std::string genesys =
      R"({"operationName":"Send","queueName":"q","email":{"to":["a@x"],"from":"b@x","cc":null}})";
  EXPECT_EQ(status_of(plain->post(kGenesysPath, kBasic, genesys)), 400);
  EXPECT_EQ(status_of(variant->post(kGenesysPath, kBasic, genesys)), 200);
  auto required = variant->post(kBiginPath, kBiginAuth,
                                R"({"data":[{"from":null,"to":[{"email":"b@example.com"}]}]})");
  EXPECT_EQ(status_of(required), 400);
  EXPECT_TRUE(pointers_in(body_of(required)).contains("/data/0/from")) << required->body;
}

TEST(MockVariants,
     lenient_open_accepts_what_only_open_rules_reject_and_still_rejects_settled_rules) {
  // Capillary's email page marks nothing required; the acceptance core's sender, subject and body
  // are open rules, so the validator labels their absence settled = false.
  const std::string open_body = R"({"email":[{"to":"name@example.com"}]})";
  auto open = shared_catalog()
                  ->find("capillary-email")
                  ->validator(PayloadKind::request, "")
                  ->validate(json::parse(open_body));
  ASSERT_FALSE(open.empty());
  for (const auto& v : open)
    ASSERT_FALSE(v.settled) << v.pointer << " " << v.keyword << " is settled";
  const std::string settled_body = R"({"data":[{"to":[{"email":"b@example.com"}]}]})";
  auto settled = shared_catalog()
                     ->find("bigin-mail")
                     ->validator(PayloadKind::request, "")
                     ->validate(json::parse(settled_body));
  ASSERT_FALSE(settled.empty());
  EXPECT_TRUE(settled.front().settled) << settled.front().pointer;

  auto plain = start_mock({});
  auto variant = start_mock({"lenient-open"});
  EXPECT_EQ(status_of(plain->post(kCapillaryEmailPath, kBasic, open_body)), 400);
  auto r = variant->post(kCapillaryEmailPath, kBasic, open_body);
  EXPECT_EQ(status_of(r), 200) << r->body;
  auto s = variant->post(kBiginPath, kBiginAuth, settled_body);
  EXPECT_EQ(status_of(s), 400);
  EXPECT_TRUE(pointers_in(body_of(s)).contains("/data/0/from")) << s->body;
}

TEST(MockVariants, case_insensitive_enums_match_body_enums_and_path_parameters_in_any_case) {
  auto plain = start_mock({});
  auto variant = start_mock({"case-insensitive-enums"});
  std::string html = bigin_with({{"mail_format", "HTML"}});
  EXPECT_EQ(status_of(plain->post(kBiginPath, kBiginAuth, html)), 400);
  auto r = variant->post(kBiginPath, kBiginAuth, html);
  ASSERT_EQ(status_of(r), 200) << r->body;
  EXPECT_EQ(last_request(*variant)["data"][0]["mail_format"], "html")
      << "folded to the documented spelling";
  const std::string lower_path = "/bigin/v2/contacts/1/actions/send_mail";
  EXPECT_EQ(status_of(plain->post(lower_path, kBiginAuth, kBiginBody)), 400);
  EXPECT_EQ(status_of(variant->post(lower_path, kBiginAuth, kBiginBody)), 200);
  EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth, bigin_with({{"mail_format", "pdf"}}))),
            400);
  EXPECT_EQ(status_of(variant->post("/bigin/v2/Leads/1/actions/send_mail", kBiginAuth, kBiginBody)),
            400);
}

TEST(MockVariants, strict_address_rejects_dotless_domains_except_genesys_and_allowed_empty) {
  auto plain = start_mock({});
  auto variant = start_mock({"strict-address"});
  for (const char* address : {"b@example", "b@example.c1", "b@example.c"}) {
    std::string body = R"({"data":[{"from":{"email":"a@example.com"},"to":[{"email":")" +
                       std::string(address) + R"("}]}]})";
    EXPECT_EQ(status_of(plain->post(kBiginPath, kBiginAuth, body)), 200) << address;
    auto r = variant->post(kBiginPath, kBiginAuth, body);
    EXPECT_EQ(status_of(r), 400) << address;
    EXPECT_TRUE(pointers_in(body_of(r)).contains("/data/0/to/0/email")) << r->body;
  }
  EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth, kBiginBody)), 200);
  EXPECT_EQ(status_of(variant->post(kGenesysPath, kBasic, kGenesysBody)), 200)
      << "genesys samples are dotless";
  json capillary = json::parse(kCapillaryEmailBody);
  capillary["email"][0]["bcc"] = "";
  EXPECT_EQ(status_of(variant->post(kCapillaryEmailPath, kBasic, capillary.dump())), 200)
      << "allow_empty";
  // whippy's sender_email keeps its documented status under the stricter reading too
  std::string whippy = R"({"to":"a@example.com","from":"b","sender_email":"x@y.c"})";
  EXPECT_EQ(status_of(plain->post(kWhippyPath, kWhippyAuth, whippy)), 200);
  EXPECT_EQ(status_of(variant->post(kWhippyPath, kWhippyAuth, whippy)), 422);
}

TEST(MockVariants, loose_address_ignores_email_format_except_a_documented_status) {
  auto plain = start_mock({});
  auto variant = start_mock({"loose-address"});
  std::string body =
      R"({"data":[{"from":{"email":"not-an-email"},"to":[{"email":"b@example.com"}]}]})";
  EXPECT_EQ(status_of(plain->post(kBiginPath, kBiginAuth, body)), 400);
  auto r = variant->post(kBiginPath, kBiginAuth, body);
  EXPECT_EQ(status_of(r), 200) << r->body;
  std::string to = R"({"to":"not-an-email","from":"b"})";
  EXPECT_EQ(status_of(plain->post(kWhippyPath, kWhippyAuth, to)) / 100, 4);
  EXPECT_EQ(status_of(variant->post(kWhippyPath, kWhippyAuth, to)), 200);
  auto sender =
      variant->post(kWhippyPath, kWhippyAuth,
                    R"({"to":"a@example.com","from":"b","sender_email":"invalid@something"})");
  EXPECT_EQ(status_of(sender), 422) << "whippy's documented 422 stays";
  EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth,
                                    R"({"data":[{"from":{"email":"a@example.com"}}]})")),
            400)
      << "only format rules are forgiven";
}

}  // namespace
}  // namespace conform
