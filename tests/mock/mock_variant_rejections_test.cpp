/// The variants that reject more than the schemas do, each over real HTTP on 127.0.0.1, next to
/// the default mock that accepts the same request.
#include <gtest/gtest.h>

#include "mock_test_support.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace mock_test;

std::string bigin_with(const json& extra) {
  json item = {{"from", {{"email", "a@example.com"}}},
               {"to", json::array({{{"email", "b@example.com"}}})}};
  item.update(extra);
  return json{{"data", json::array({item})}}.dump();
}

std::string repeat(const std::string& text, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += text;
  return out;
}

/// The default mock accepts `body` and the variant's mock rejects it, naming `pointer`.
void expect_only_variant_rejects(RunningMock& plain, RunningMock& variant, const std::string& path,
                                 const httplib::Headers& auth, const std::string& body,
                                 const std::string& pointer) {
  auto accepted = plain.post(path, auth, body);
  EXPECT_EQ(status_of(accepted) / 100, 2) << body << " -> " << (accepted ? accepted->body : "");
  auto rejected = variant.post(path, auth, body);
  ASSERT_TRUE(rejected) << body;
  EXPECT_EQ(rejected->status / 100, 4) << body << " -> " << rejected->body;
  EXPECT_TRUE(pointers_in(body_of(rejected)).contains(pointer))
      << pointer << " not in " << rejected->body;
}

TEST(MockVariantRejections, reject_empty_lists_rejects_an_empty_array_anywhere) {
  auto plain = start_mock({});
  auto variant = start_mock({"reject-empty-lists"});
  expect_only_variant_rejects(*plain, *variant, kWhippyPath, kWhippyAuth,
                              R"({"to":"a@example.com","from":"b","cc":[]})", "/cc");
  expect_only_variant_rejects(*plain, *variant, kBiginPath, kBiginAuth,
                              bigin_with({{"bcc", json::array()}}), "/data/0/bcc");
  EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth, kBiginBody)), 200);
}

TEST(MockVariantRejections, reject_unknown_fields_rejects_members_a_properties_list_leaves_out) {
  auto plain = start_mock({});
  auto variant = start_mock({"reject-unknown-fields"});
  expect_only_variant_rejects(*plain, *variant, kBiginPath, kBiginAuth, bigin_with({{"foo", 1}}),
                              "/data/0/foo");
  json root = json::parse(kBiginBody);
  root["trace"] = "x";
  expect_only_variant_rejects(*plain, *variant, kBiginPath, kBiginAuth, root.dump(), "/trace");
  EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth, kBiginBody)), 200);
  // opt_in_to items are objects with no properties list: any member is declared enough
  auto open = variant->post(kWhippyPath, kWhippyAuth,
                            R"({"to":"a@example.com","from":"b","opt_in_to":[{"anything":1}]})");
  EXPECT_EQ(status_of(open), 200) << open->body;
}

TEST(MockVariantRejections, reject_past_schedule_rejects_valid_times_before_now_only) {
  auto plain = start_mock({});
  auto variant = start_mock({"reject-past-schedule"});
  expect_only_variant_rejects(*plain, *variant, kBiginPath, kBiginAuth,
                              bigin_with({{"scheduled_time", "2020-01-01T10:00:00Z"}}),
                              "/data/0/scheduled_time");
  expect_only_variant_rejects(
      *plain, *variant, kWhippyPath, kWhippyAuth,
      R"({"to":"a@example.com","from":"b","schedule_at":"2024-02-29T23:59:59.5+05:30"})",
      "/schedule_at");
  auto future = variant->post(kBiginPath, kBiginAuth,
                              bigin_with({{"scheduled_time", "2999-01-01T10:00:00+05:30"}}));
  EXPECT_EQ(status_of(future), 200) << future->body;
}

TEST(MockVariantRejections,
     reject_empty_strings_rejects_optional_empty_strings_but_allowed_empty_addresses) {
  auto plain = start_mock({});
  auto variant = start_mock({"reject-empty-strings"});
  expect_only_variant_rejects(*plain, *variant, kBiginPath, kBiginAuth,
                              bigin_with({{"subject", ""}}), "/data/0/subject");
  auto sender = variant->post(kWhippyPath, kWhippyAuth,
                              R"({"to":"a@example.com","from":"b","sender_email":""})");
  EXPECT_EQ(status_of(sender), 200)
      << "whippy treats an empty sender_email as absent: " << sender->body;
  auto bcc = variant->post(
      "/v2/communications/sendMessage?channel=email", kBasic,
      R"({"email":[{"to":"name@example.com","from":"sender@example.com","subject":"s","body":"b","bcc":""}]})");
  EXPECT_EQ(status_of(bcc), 200) << "the Capillary page's own example sends bcc \"\": "
                                 << bcc->body;
}

TEST(MockVariantRejections, reject_long_strings_counts_code_points_not_bytes) {
  auto plain = start_mock({});
  auto variant = start_mock({"reject-long-strings"});
  expect_only_variant_rejects(*plain, *variant, kBiginPath, kBiginAuth,
                              bigin_with({{"subject", repeat("\xC3\xA9", 1001)}}),
                              "/data/0/subject");
  auto thousand =
      variant->post(kBiginPath, kBiginAuth, bigin_with({{"content", repeat("\xC3\xA9", 1000)}}));
  EXPECT_EQ(status_of(thousand), 200) << "1000 code points (2000 bytes) is not too long";
  expect_only_variant_rejects(
      *plain, *variant, kWhippyPath, kWhippyAuth,
      json{{"to", "a@example.com"}, {"from", "b"}, {"body", repeat("x", 1001)}}.dump(), "/body");
}

TEST(MockVariantRejections, rejecting_variants_combine_with_faults_and_each_other) {
  auto mock = start_mock({"reject-empty-lists", "reject-unknown-fields", "null-as-absent"},
                         {"server-error-on-invalid"});
  auto r =
      mock->post(kBiginPath, kBiginAuth, bigin_with({{"cc", json::array()}, {"subject", nullptr}}));
  EXPECT_EQ(status_of(r), 500) << "the fault decides the status of a rejection";
  auto ok = mock->post(kBiginPath, kBiginAuth, bigin_with({{"subject", nullptr}}));
  EXPECT_EQ(status_of(ok), 200) << ok->body;
}

}  // namespace
}  // namespace conform
