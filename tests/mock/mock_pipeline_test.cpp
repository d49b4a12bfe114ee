/// The mock's pipeline over real HTTP: routing, credentials, media type, size, parameters, outbox.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "mock_test_support.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace mock_test;

class MockPipeline : public ::testing::Test {
 protected:
  /// (Re)starts the mock; the old client goes first so no idle keep-alive delays stop().
  void start(MockOptions options = {}) {
    client_.reset();
    mock_ = std::make_unique<MockServer>(shared_catalog());
    port_ = mock_->start(options);
    client_ = client_for(port_);
  }
  void SetUp() override { start(); }
  std::unique_ptr<MockServer> mock_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(MockPipeline, an_unknown_path_gets_404_json) {
  auto r = client_->Post("/v9/nothing", kBiginAuth, kBiginBody, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(body_of(r)["error"], "not_found");
}

TEST_F(MockPipeline, a_wrong_method_gets_405_with_allow) {
  auto r = client_->Get(kBiginPath, kBiginAuth);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "POST");
  EXPECT_EQ(body_of(r)["data"][0]["status"], "error");
  auto d = client_->Delete("/api/v2/me/emails/42");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 405);
}

TEST_F(MockPipeline, missing_or_malformed_credentials_get_401_in_each_scheme) {
  const std::vector<httplib::Headers> bad = {{},
                                             {{"Authorization", "Bearer x"}},
                                             {{"Authorization", "Zoho-oauthtoken "}},
                                             {{"Authorization", "Zoho-oauthtoken    "}},
                                             {{"X-Other", "Zoho-oauthtoken t"}}};
  for (const auto& headers : bad) {
    auto r = client_->Post(kBiginPath, headers, kBiginBody, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << (headers.empty() ? "" : headers.begin()->second);
  }
  auto g = client_->Post("/api/v2/me/emails/1", {{"Authorization", "Bearer t"}}, "{}",
                         "application/json");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->status, 401);
  EXPECT_NE(body_of(g)["statusCode"], 0);
  auto w = client_->Post("/v1/messaging/email", {{"X-WHIPPY-KEY", ""}}, "{}", "application/json");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->status, 401);
  auto lower = client_->Post(kBiginPath, {{"authorization", "zoho-oauthtoken t"}}, kBiginBody,
                             "application/json");
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->status, 200) << lower->body;
}

TEST_F(MockPipeline, only_application_json_is_accepted_with_parameters_allowed) {
  auto text = client_->Post(kGenesysPath, kBasic, kGenesysBody, "text/plain");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 415);
  auto charset =
      client_->Post(kGenesysPath, kBasic, kGenesysBody, "Application/JSON; charset=utf-8");
  ASSERT_TRUE(charset);
  EXPECT_EQ(charset->status, 200);
  auto none = client_->Post(kGenesysPath, kBasic, kGenesysBody, "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 415);
}

TEST_F(MockPipeline, bigin_takes_json_of_any_content_type_and_refuses_anything_else_with_415) {
  // Its page's curl sample sends the JSON body with -d and no Content-Type (004:53-56).
  for (const char* type : {"text/plain", "", "application/x-www-form-urlencoded"}) {
    auto json_body = client_->Post(kBiginPath, kBiginAuth, kBiginBody, type);
    ASSERT_TRUE(json_body);
    EXPECT_EQ(json_body->status, 200) << type << ": " << json_body->body;
    auto not_json = client_->Post(kBiginPath, kBiginAuth, "data=1", type);
    ASSERT_TRUE(not_json);
    EXPECT_EQ(not_json->status, 415) << type << ": " << not_json->body;
  }
  auto malformed = client_->Post(kBiginPath, kBiginAuth, "{\"data\":[", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400) << "sent as JSON, a broken body is still malformed JSON";
}

TEST_F(MockPipeline, bodies_over_the_cap_get_413) {
  MockOptions options;
  options.max_body = 1024;
  start(options);
  std::string big = R"({"data":[{"subject":")" + std::string(2000, 'x') + R"("}]})";
  auto r = client_->Post(kBiginPath, kBiginAuth, big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(body_of(r)["data"][0]["code"], "PAYLOAD_TOO_LARGE") << r->body;
  auto ok = client_->Post(kBiginPath, kBiginAuth, kBiginBody, "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(MockPipeline, module_api_name_outside_the_enum_gets_400_naming_the_parameter) {
  auto r = client_->Post("/bigin/v2/Leads/1/actions/send_mail", kBiginAuth, kBiginBody,
                         "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  json body = body_of(r);
  EXPECT_EQ(body["data"][0]["details"]["parameter"], "module_api_name") << r->body;
  EXPECT_EQ(body["data"][0]["details"]["requirement"], "bigin-mail.module_api_name");
}

TEST_F(MockPipeline, capillary_channel_is_case_insensitive_defaults_to_sms_and_rejects_unknown) {
  for (const char* query : {"", "?channel=sms", "?channel=SMS", "?channel=Sms"}) {
    auto r = client_->Post(std::string("/v2/communications/sendMessage") + query, kBasic, kSmsBody,
                           "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << query << ": " << r->body;
    EXPECT_EQ(body_of(r)["smsList"].size(), 1u) << query;
  }
  auto email = client_->Post("/v2/communications/sendMessage?channel=EMAIL", kBasic, kSmsBody,
                             "application/json");
  ASSERT_TRUE(email);
  EXPECT_EQ(email->status, 400) << "sms items on the email channel";
  auto fax = client_->Post("/v2/communications/sendMessage?channel=fax", kBasic, kSmsBody,
                           "application/json");
  ASSERT_TRUE(fax);
  EXPECT_EQ(fax->status, 400);
  EXPECT_EQ(body_of(fax)["status"]["success"], false);
  EXPECT_EQ(body_of(fax)["errors"][0]["parameter"], "channel");
}

TEST_F(MockPipeline, error_bodies_carry_every_violation_pointer_in_vendor_style) {
  auto r = client_->Post("/api/v2/me/emails/1", kBasic,
                         R"({"email":{"to":[],"from":7},"saveLAR":"yes"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  json body = body_of(r);
  EXPECT_EQ(body["statusCode"], 400);
  std::set<std::string> pointers;
  for (const auto& e : body["errors"]) pointers.insert(e["pointer"].get<std::string>());
  for (const char* p : {"/queueName", "/email/to", "/email/from", "/saveLAR"}) {
    EXPECT_TRUE(pointers.contains(p)) << p << " missing from " << r->body;
  }
}

TEST_F(MockPipeline, the_outbox_lists_accepted_messages_and_delete_clears_it) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(client_->Post(kBiginPath, kBiginAuth, kBiginBody, "application/json")->status, 200);
  }
  ASSERT_EQ(client_->Post(kBiginPath, kBiginAuth, "{}", "application/json")->status, 400);
  auto listed = client_->Get("/__conform/outbox");
  ASSERT_TRUE(listed);
  json outbox = body_of(listed);
  EXPECT_EQ(outbox["count"], 3);
  ASSERT_EQ(outbox["messages"].size(), 3u);
  EXPECT_EQ(outbox["messages"][0]["api"], "bigin-mail");
  EXPECT_EQ(outbox["messages"][0]["request"], json::parse(kBiginBody));
  EXPECT_EQ(outbox["messages"][2]["seq"], 3);
  auto cleared = client_->Delete("/__conform/outbox");
  ASSERT_TRUE(cleared);
  EXPECT_EQ(body_of(cleared)["cleared"], 3);
  EXPECT_EQ(body_of(client_->Get("/__conform/outbox"))["count"], 0);
}

TEST_F(MockPipeline, the_outbox_file_has_one_flushed_line_per_accepted_message) {
  auto file = std::filesystem::temp_directory_path() /
              ("conform-outbox-" + std::to_string(::getpid()) + ".jsonl");
  std::filesystem::remove(file);
  MockOptions options;
  options.outbox_file = file.string();
  start(options);
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(client_->Post(kBiginPath, kBiginAuth, kBiginBody, "application/json")->status, 200);
    // Read while the server still runs: the line must already be on disk.
    std::ifstream in(file);
    std::string line;
    size_t lines = 0;
    while (std::getline(in, line)) {
      ++lines;
      EXPECT_EQ(json::parse(line)["api"], "bigin-mail");
    }
    EXPECT_EQ(lines, static_cast<size_t>(i + 1));
  }
  client_.reset();
  mock_->stop();
  std::filesystem::remove(file);
}

TEST_F(MockPipeline, a_prefix_moves_every_path_and_the_url_carries_it) {
  MockOptions options;
  options.prefix = "/tenant/7/";
  start(options);
  EXPECT_EQ(mock_->url(), "http://127.0.0.1:" + std::to_string(port_) + "/tenant/7");
  auto prefixed = client_->Post(std::string("/tenant/7") + kBiginPath, kBiginAuth, kBiginBody,
                                "application/json");
  ASSERT_TRUE(prefixed);
  EXPECT_EQ(prefixed->status, 200);
  auto bare = client_->Post(kBiginPath, kBiginAuth, kBiginBody, "application/json");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 404);
  EXPECT_EQ(client_->Get("/tenant/7/__conform/outbox")->status, 200);
}

TEST_F(MockPipeline, start_refuses_unknown_faults_and_a_second_start) {
  MockServer other(shared_catalog());
  MockOptions options;
  options.faults = {"no-such-fault"};
  EXPECT_THROW(other.start(options), std::invalid_argument);
  EXPECT_FALSE(other.running());
  EXPECT_THROW(mock_->start({}), std::runtime_error);
  client_.reset();
  mock_->stop();
  mock_->stop();  // idempotent
  EXPECT_FALSE(mock_->running());
  EXPECT_EQ(mock_->port(), 0);
}

}  // namespace
}  // namespace conform
