/// Each fault breaks the contract in the way its table row says, and only when switched on.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "mock/faults.hpp"
#include "mock_test_support.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace mock_test;

MockOptions small_options(std::vector<std::string> faults) {
  MockOptions options;
  options.faults = std::move(faults);
  options.threads = 8;
  return options;
}

bool breaks_response_schema(const std::string& api, const std::string& channel,
                            const httplib::Result& r) {
  if (!r || r->status / 100 != 2) return false;
  const ApiEntry* entry = shared_catalog()->find(api);
  return !entry->validator(PayloadKind::response, channel)->validate(body_of(r)).empty();
}

httplib::Result bigin(httplib::Client& c) {
  return c.Post(kBiginPath, kBiginAuth, kBiginBody, "application/json");
}

/// For each fault: true when a request shows the defect.
const std::map<std::string, std::function<bool(httplib::Client&)>>& probes() {
  static const std::map<std::string, std::function<bool(httplib::Client&)>> table = {
      {"whippy-sender-email-400",
       [](httplib::Client& c) {
         return status_of(c.Post(
                    "/v1/messaging/email", {{"X-WHIPPY-KEY", "k"}},
                    R"({"to":"a@example.com","from":"b","sender_email":"invalid@something"})",
                    "application/json")) == 400;
       }},
      {"server-error-on-malformed-json",
       [](httplib::Client& c) {
         return status_of(c.Post(kBiginPath, kBiginAuth, "{\"data\":[", "application/json")) == 500;
       }},
      {"server-error-on-invalid",
       [](httplib::Client& c) {
         return status_of(c.Post(kBiginPath, kBiginAuth, "{}", "application/json")) == 500;
       }},
      {"accept-invalid",
       [](httplib::Client& c) {
         return status_of(c.Post(kBiginPath, kBiginAuth, "{}", "application/json")) == 200;
       }},
      {"accept-unknown-module",
       [](httplib::Client& c) {
         return status_of(c.Post("/bigin/v2/Leads/1/actions/send_mail", kBiginAuth, kBiginBody,
                                 "application/json")) == 200;
       }},
      {"reject-valid", [](httplib::Client& c) { return status_of(bigin(c)) == 400; }},
      {"capillary-item-errors",
       [](httplib::Client& c) {
         auto r = c.Post("/v2/communications/sendMessage?channel=sms", kBasic, kSmsBody,
                         "application/json");
         return status_of(r) == 200 && !body_of(r)["smsList"][0]["errors"].empty();
       }},
      {"channel-case-sensitive",
       [](httplib::Client& c) {
         return status_of(c.Post("/v2/communications/sendMessage?channel=SMS", kBasic, kSmsBody,
                                 "application/json")) == 400;
       }},
      {"channel-default-email",
       [](httplib::Client& c) {
         return status_of(c.Post("/v2/communications/sendMessage", kBasic, kSmsBody,
                                 "application/json")) == 400;
       }},
      {"bigin-response-missing-details",
       [](httplib::Client& c) { return breaks_response_schema("bigin-mail", "", bigin(c)); }},
      {"genesys-status-code-string",
       [](httplib::Client& c) {
         return breaks_response_schema(
             "genesys-email", "",
             c.Post("/api/v2/me/emails/1", kBasic, kGenesysBody, "application/json"));
       }},
      {"capillary-success-as-string",
       [](httplib::Client& c) {
         auto email = c.Post(kCapillaryEmailPath, kBasic, kCapillaryEmailBody, "application/json");
         auto sms = c.Post("/v2/communications/sendMessage", kBasic, kSmsBody, "application/json");
         return breaks_response_schema("capillary-email", "", email) &&
                breaks_response_schema("capillary-message", "sms", sms);
       }},
      {"success-202", [](httplib::Client& c) { return status_of(bigin(c)) == 202; }},
      {"text-plain-success",
       [](httplib::Client& c) {
         auto r = bigin(c);
         return r && r->status == 200 && r->get_header_value("Content-Type") == "text/plain";
       }},
      {"ignore-auth",
       [](httplib::Client& c) {
         return status_of(c.Post(kBiginPath, kBiginBody, "application/json")) == 200;
       }},
      {"bigin-message-id-missing",
       [](httplib::Client& c) {
         auto r = bigin(c);
         if (status_of(r) != 200) return false;
         json item = body_of(r)["data"][0];
         return item.contains("code") && item["details"].is_object() &&
                !item["details"].contains("message_id");
       }},
      {"genesys-operation-name-optional",
       [](httplib::Client& c) {
         const char* body = R"({"queueName":"q","email":{"to":["a@x"],"from":"b@x"}})";
         return status_of(c.Post(kGenesysPath, kBasic, body, "application/json")) / 100 == 2;
       }},
      {"capillary-email-no-wrapper",
       [](httplib::Client& c) {
         auto r = c.Post(kCapillaryEmailPath, kBasic, kCapillaryEmailBody, "application/json");
         json body = body_of(r);
         return status_of(r) == 200 && !body.contains("response") && body.contains("status") &&
                body.contains("email");
       }},
      {"server-error-on-long-text",
       [](httplib::Client& c) {
         return status_of(c.Post(kWhippyPath, kWhippyAuth,
                                 R"({"to":"a@example.com","from":"b","sender_name":"Zoë"})",
                                 "application/json")) == 500;
       }},
      {"slow-responses",
       [](httplib::Client& c) {
         auto begin = std::chrono::steady_clock::now();
         auto r = bigin(c);
         return r && std::chrono::steady_clock::now() - begin >= std::chrono::milliseconds(290);
       }},
  };
  return table;
}

TEST(MockFaultTable, lists_at_least_twelve_named_faults_each_with_a_known_check) {
  const std::set<std::string> checks = {"not_a_server_error",
                                        "status_code_conformance",
                                        "documented_status",
                                        "content_type_conformance",
                                        "response_schema_conformance",
                                        "positive_data_acceptance",
                                        "negative_data_rejection",
                                        "auth_required",
                                        "response_time"};
  std::set<std::string> names, used_checks;
  for (const auto& spec : fault_table()) {
    EXPECT_TRUE(names.insert(spec.name).second) << "duplicate " << spec.name;
    EXPECT_TRUE(checks.contains(spec.expected_check)) << spec.name << ": " << spec.expected_check;
    EXPECT_GT(std::string(spec.description).size(), 20u) << spec.name;
    EXPECT_EQ(find_fault(spec.name), &spec);
    used_checks.insert(spec.expected_check);
  }
  EXPECT_GE(names.size(), 12u);
  EXPECT_EQ(fault_table().size(), static_cast<size_t>(Fault::count_)) << "one row per fault";
  EXPECT_EQ(used_checks, checks) << "every check category has a fault that trips it";
  EXPECT_EQ(find_fault("nope"), nullptr);
  EXPECT_THROW(FaultSet::from_names({"nope"}), std::invalid_argument);
}

TEST(MockFaults, each_fault_is_observable_and_absent_without_it) {
  MockServer clean(shared_catalog());
  auto clean_client = client_for(clean.start(small_options({})));
  for (const auto& spec : fault_table()) {
    auto probe = probes().find(spec.name);
    ASSERT_NE(probe, probes().end()) << "no probe for fault " << spec.name;
    EXPECT_FALSE(probe->second(*clean_client)) << spec.name << " shows without the fault";
    MockServer faulty(shared_catalog());
    auto client = client_for(faulty.start(small_options({spec.name})));
    EXPECT_TRUE(probe->second(*client)) << spec.name << " is not observable";
    client.reset();
    faulty.stop();
  }
}

TEST(MockFaults, faults_combine) {
  MockServer mock(shared_catalog());
  auto client = client_for(mock.start(small_options({"success-202", "text-plain-success"})));
  auto r = bigin(*client);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 202);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain");
}

TEST(MockFaults, accept_invalid_still_answers_the_documented_shape_for_odd_bodies) {
  MockServer mock(shared_catalog());
  auto client = client_for(mock.start(small_options({"accept-invalid"})));
  for (const char* body : {R"({"data":[]})", R"({"data":{}})", "[]", "7", R"({"data":[1,null]})"}) {
    auto r = client->Post(kBiginPath, kBiginAuth, body, "application/json");
    ASSERT_TRUE(r) << body;
    EXPECT_EQ(r->status, 200) << body;
    EXPECT_FALSE(breaks_response_schema("bigin-mail", "", r)) << body << ": " << r->body;
  }
  for (const char* body : {R"({"sms":{}})", R"({"sms":[1,"x",null]})", "null"}) {
    auto r = client->Post("/v2/communications/sendMessage", kBasic, body, "application/json");
    ASSERT_TRUE(r) << body;
    EXPECT_EQ(r->status, 200) << body;
    EXPECT_FALSE(breaks_response_schema("capillary-message", "sms", r)) << body << ": " << r->body;
  }
}

}  // namespace
}  // namespace conform
