/// The variants that change the mock's answers: in-body rejections, extra members, success
/// codes, partial results and numeric ids, each over real HTTP on 127.0.0.1.
#include <gtest/gtest.h>

#include "mock/variants.hpp"
#include "mock_test_support.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace mock_test;

/// True when a 2xx body is one of the contract's documented rejection body forms.
bool says_rejected(const Contract& contract, const json& body) {
  for (const auto& form : contract.rejection.body_forms) {
    if (!form.pointer.empty()) {
      json::json_pointer at(form.pointer);
      if (body.contains(at) && body.at(at) == form.equals) return true;
    }
    if (form.nonempty.empty()) continue;
    std::string list = form.nonempty.substr(0, form.nonempty.find("/*/"));
    std::string member = form.nonempty.substr(form.nonempty.rfind('/') + 1);
    json::json_pointer at(list);
    if (!body.contains(at) || !body.at(at).is_array()) continue;
    for (const auto& item : body.at(at)) {
      if (item.is_object() && item.contains(member) && !item[member].empty()) return true;
    }
  }
  return false;
}

const Contract& contract_of(const std::string& api) {
  return shared_catalog()->find(api)->contract;
}

TEST(MockVariantAnswers, capillary_reject_in_body_answers_200_with_a_documented_rejection_form) {
  auto plain = start_mock({});
  auto variant = start_mock({"capillary-reject-in-body"});
  const std::string sms = R"({"sms":[{"to":"919988221100"}]})";
  EXPECT_EQ(status_of(plain->post(kSmsPath, kBasic, sms)), 400);
  auto r = variant->post(kSmsPath, kBasic, sms);
  ASSERT_EQ(status_of(r), 200) << r->body;
  json body = body_of(r);
  EXPECT_EQ(body["status"]["success"], false) << r->body;
  ASSERT_EQ(body["smsList"].size(), 1u) << r->body;
  EXPECT_FALSE(body["smsList"][0]["errors"].empty()) << r->body;
  EXPECT_TRUE(says_rejected(contract_of("capillary-message"), body)) << r->body;
  auto garbage = variant->post(kSmsPath, kBasic, "{\"sms\":[");
  ASSERT_EQ(status_of(garbage), 200);
  EXPECT_TRUE(says_rejected(contract_of("capillary-message"), body_of(garbage))) << garbage->body;
  auto channel = variant->post("/v2/communications/sendMessage?channel=fax", kBasic, kSmsBody);
  ASSERT_EQ(status_of(channel), 200) << "an unknown channel is an invalid request too";
  EXPECT_TRUE(says_rejected(contract_of("capillary-message"), body_of(channel))) << channel->body;
  json email = json::parse(kCapillaryEmailBody);
  email["email"][0]["to"] = "not-an-email";
  auto e = variant->post(kCapillaryEmailPath, kBasic, email.dump());
  ASSERT_EQ(status_of(e), 200) << e->body;
  EXPECT_EQ(body_of(e)["response"]["status"]["success"], false) << e->body;
  EXPECT_TRUE(says_rejected(contract_of("capillary-email"), body_of(e))) << e->body;
  EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth, "{}")), 400)
      << "other APIs keep their 4xx";
  EXPECT_EQ(variant->server->outbox_count(), 0u) << "a rejection sends nothing";
}

TEST(MockVariantAnswers, extra_response_fields_adds_a_member_to_the_root_and_each_echoed_item) {
  auto plain = start_mock({});
  auto variant = start_mock({"extra-response-fields"});
  json before = body_of(plain->post(kBiginPath, kBiginAuth, kBiginBody));
  EXPECT_FALSE(before.contains("conform_extra"));
  auto r = variant->post(kBiginPath, kBiginAuth, kBiginBody);
  ASSERT_EQ(status_of(r), 200);
  json body = body_of(r);
  EXPECT_TRUE(body["conform_extra"]["trace"].is_string()) << r->body;
  EXPECT_TRUE(body["data"][0].contains("conform_extra")) << r->body;
  auto violations =
      shared_catalog()->find("bigin-mail")->validator(PayloadKind::response, "")->validate(body);
  EXPECT_TRUE(violations.empty()) << "extra members are permitted: " << r->body;
  json sms = body_of(variant->post(kSmsPath, kBasic, kSmsBody));
  EXPECT_TRUE(sms.contains("conform_extra") && sms["smsList"][0].contains("conform_extra"))
      << sms.dump();
  json genesys = body_of(variant->post(kGenesysPath, kBasic, kGenesysBody));
  EXPECT_EQ(genesys["statusCode"], 0);
  EXPECT_TRUE(genesys.contains("conform_extra")) << genesys.dump();
}

TEST(MockVariantAnswers, status_201_and_202_apply_only_where_the_success_code_is_open) {
  for (const char* name : {"status-201", "status-202"}) {
    for (const auto& api : shared_catalog()->apis()) {
      EXPECT_EQ(variant_covers(*find_variant(name), api.contract.id),
                api.contract.success_code_open())
          << name << " and the contract of " << api.contract.id << " disagree";
    }
  }
  auto plain = start_mock({});
  EXPECT_EQ(
      status_of(plain->post(kWhippyPath, kWhippyAuth, R"({"to":"a@example.com","from":"b"})")),
      200);
  for (auto [name, code] : {std::pair{"status-201", 201}, std::pair{"status-202", 202}}) {
    auto variant = start_mock({name});
    EXPECT_EQ(
        status_of(variant->post(kWhippyPath, kWhippyAuth, R"({"to":"a@example.com","from":"b"})")),
        code);
    EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth, kBiginBody)), code)
        << "bigin's 200 is inferred";
    EXPECT_EQ(status_of(variant->post(kSmsPath, kBasic, kSmsBody)), 200)
        << "capillary-message states 200";
    EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth, "{}")), 400)
        << "rejections are unchanged";
  }
}

TEST(MockVariantAnswers, partial_results_answer_bigin_with_207_and_one_result_per_item) {
  auto plain = start_mock({});
  auto variant = start_mock({"partial-results"});
  const std::string mixed =
      R"({"data":[{"from":{"email":"a@example.com"},"to":[{"email":"b@example.com"}]},
                                         {"from":{"email":"c@example.com"}}]})";
  EXPECT_EQ(status_of(plain->post(kBiginPath, kBiginAuth, mixed)), 400);
  auto r = variant->post(kBiginPath, kBiginAuth, mixed);
  ASSERT_EQ(status_of(r), 207) << r->body;
  json data = body_of(r)["data"];
  ASSERT_EQ(data.size(), 2u) << r->body;
  EXPECT_EQ(data[0]["code"], "SUCCESS");
  EXPECT_EQ(data[0]["status"], "success");
  EXPECT_TRUE(data[0]["details"]["message_id"].is_string());
  EXPECT_EQ(data[1]["code"], "INVALID_DATA");
  EXPECT_EQ(data[1]["status"], "error");
  EXPECT_EQ(data[1]["details"]["pointer"], "/data/1/to");
  json entry = variant->server->outbox()["messages"][0];
  EXPECT_EQ(entry["rejected_items"], json::array({1}));
  const std::string all_bad =
      R"({"data":[{"from":{"email":"a@example.com"}},{"from":{"email":"c@example.com"}}]})";
  EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth, all_bad)), 400);
  EXPECT_EQ(status_of(variant->post(kBiginPath, kBiginAuth,
                                    R"({"data":[{"from":{"email":"a@example.com"}}]})")),
            400);
}

TEST(MockVariantAnswers, partial_results_answer_capillary_with_200_and_errors_on_the_bad_items) {
  auto plain = start_mock({});
  auto variant = start_mock({"partial-results"});
  const std::string mixed = R"({"sms":[{"to":"919988221100","body":"hi"},{"to":"919988221101"}]})";
  EXPECT_EQ(status_of(plain->post(kSmsPath, kBasic, mixed)), 400);
  auto r = variant->post(kSmsPath, kBasic, mixed);
  ASSERT_EQ(status_of(r), 200) << r->body;
  json body = body_of(r);
  EXPECT_EQ(body["status"]["success"], true);
  EXPECT_EQ(body["status"]["successCount"], 1);
  ASSERT_EQ(body["smsList"].size(), 2u);
  EXPECT_TRUE(body["smsList"][0]["errors"].empty());
  EXPECT_EQ(body["smsList"][0]["sms"]["body"], "hi");
  ASSERT_FALSE(body["smsList"][1]["errors"].empty()) << r->body;
  EXPECT_EQ(body["smsList"][1]["errors"][0]["pointer"], "/sms/1/body");
}

TEST(MockVariantAnswers, numeric_ids_make_capillary_email_ids_integers) {
  auto plain = start_mock({});
  auto variant = start_mock({"numeric-ids"});
  json before = body_of(plain->post(kCapillaryEmailPath, kBasic, kCapillaryEmailBody));
  EXPECT_TRUE(before["response"]["email"][0]["id"].is_string()) << before.dump();
  json after = body_of(variant->post(kCapillaryEmailPath, kBasic, kCapillaryEmailBody));
  EXPECT_TRUE(after["response"]["email"][0]["id"].is_number_integer()) << after.dump();
  json bigin = body_of(variant->post(kBiginPath, kBiginAuth, kBiginBody));
  EXPECT_TRUE(bigin["data"][0]["details"]["message_id"].is_string()) << "other APIs unchanged";
}

TEST(MockVariantAnswers, variants_and_faults_combine) {
  auto mock = start_mock({"status-201", "extra-response-fields"}, {"text-plain-success"});
  auto r = mock->post(kWhippyPath, kWhippyAuth, R"({"to":"a@example.com","from":"b"})");
  ASSERT_EQ(status_of(r), 201);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain");
  EXPECT_TRUE(body_of(r)["data"].contains("conform_extra")) << r->body;
  auto both = start_mock({"capillary-reject-in-body"}, {"server-error-on-invalid"});
  EXPECT_EQ(status_of(both->post(kSmsPath, kBasic, R"({"sms":[{"to":"1"}]})")), 500)
      << "the fault wins";
}

}  // namespace
}  // namespace conform
