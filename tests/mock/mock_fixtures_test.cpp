/// Every fixture sent to a live mock gets the answer its contract documents.
#include <gtest/gtest.h>

#include <set>

#include "mock_test_support.hpp"

namespace conform {
namespace {

using nlohmann::json;
using namespace mock_test;

class MockFixtures : public ::testing::Test {
 protected:
  void SetUp() override {
    mock_ = std::make_unique<MockServer>(shared_catalog());
    port_ = mock_->start({});
    client_ = client_for(port_);
    fixtures_ = load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures");
  }
  httplib::Result post(const ApiEntry& api, const Fixture& f, const std::string& body) {
    return client_->Post(fixture_target(api.contract, f), api_headers(api.contract), body,
                         "application/json");
  }
  std::unique_ptr<MockServer> mock_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
  std::vector<Fixture> fixtures_;
};

/// The pointers an error body carries, whatever the vendor's wrapping.
void collect_pointers(const json& node, std::set<std::string>& out) {
  if (node.is_object()) {
    auto it = node.find("pointer");
    if (it != node.end() && it->is_string()) out.insert(it->get<std::string>());
    for (const auto& [key, value] : node.items()) collect_pointers(value, out);
  } else if (node.is_array()) {
    for (const auto& value : node) collect_pointers(value, out);
  }
}

TEST_F(MockFixtures, every_valid_request_fixture_gets_a_2xx_that_keeps_the_response_schema) {
  size_t checked = 0;
  for (const auto& f : fixtures_) {
    if (f.kind != PayloadKind::request || f.expect != Expectation::valid) continue;
    const ApiEntry* api = shared_catalog()->find(f.api);
    ASSERT_NE(api, nullptr) << f.path;
    auto result = post(*api, f, f.body->dump());
    ASSERT_TRUE(result) << f.path << ": " << httplib::to_string(result.error());
    EXPECT_EQ(result->status / 100, 2) << f.path << ": " << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json") << f.path;
    json body = body_of(result);
    ASSERT_FALSE(body.is_null()) << f.path << ": not JSON: " << result->body;
    auto channel = resolve_channel(api->contract, f.channel);
    ASSERT_TRUE(channel) << f.path;
    const SchemaValidator* validator = api->validator(PayloadKind::response, *channel);
    ASSERT_NE(validator, nullptr) << f.path;
    auto violations = validator->validate(body);
    EXPECT_TRUE(violations.empty())
        << f.path << ": the mock's response breaks its schema at "
        << (violations.empty() ? "" : violations[0].pointer) << ": " << result->body;
    ++checked;
  }
  EXPECT_GE(checked, 20u);
  EXPECT_EQ(mock_->outbox_count(), checked);
}

TEST_F(MockFixtures, every_invalid_request_fixture_is_rejected_with_every_pointer_in_the_body) {
  size_t checked = 0;
  for (const auto& f : fixtures_) {
    if (f.kind != PayloadKind::request || f.expect != Expectation::invalid) continue;
    const ApiEntry* api = shared_catalog()->find(f.api);
    auto result = post(*api, f, f.body->dump());
    ASSERT_TRUE(result) << f.path;
    int expected = f.api == "whippy-email" ? 422 : 400;
    EXPECT_EQ(result->status, expected) << f.path << ": " << result->body;
    std::set<std::string> pointers;
    collect_pointers(body_of(result), pointers);
    for (const auto& pointer : f.errors_at) {
      EXPECT_TRUE(pointers.contains(pointer))
          << f.path << ": no " << pointer << " in " << result->body;
    }
    ++checked;
  }
  EXPECT_GE(checked, 20u);
  EXPECT_EQ(mock_->outbox_count(), 0u);
}

TEST_F(MockFixtures, a_malformed_fixture_gets_400_in_the_capillary_status_style) {
  size_t checked = 0;
  for (const auto& f : fixtures_) {
    if (f.expect != Expectation::malformed) continue;
    const ApiEntry* api = shared_catalog()->find(f.api);
    auto result = post(*api, f, f.raw_body);
    ASSERT_TRUE(result) << f.path;
    EXPECT_EQ(result->status, f.api == "whippy-email" ? 422 : 400) << f.path;
    json body = body_of(result);
    if (f.api == "capillary-message") {
      EXPECT_EQ(body["/status/success"_json_pointer], false);
    }
    ++checked;
  }
  EXPECT_GE(checked, 1u);
}

TEST_F(MockFixtures, the_whippy_invalid_sender_email_gets_exactly_422_with_its_requirement) {
  auto result = client_->Post("/v1/messaging/email", {{"X-WHIPPY-KEY", "key"}},
                              R"({"to":"a@example.com","from":"b@example.com",
                                  "sender_email":"invalid@something"})",
                              "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 422);
  json body = body_of(result);
  ASSERT_EQ(body["errors"].size(), 1u) << result->body;
  EXPECT_EQ(body["errors"][0]["pointer"], "/sender_email");
  EXPECT_EQ(body["errors"][0]["requirement"], "whippy-email.sender_email.invalid-422");
}

TEST_F(MockFixtures, success_bodies_echo_the_request_with_fresh_ids) {
  const ApiEntry* bigin = shared_catalog()->find("bigin-mail");
  json request = {{"data", json::array({{{"from", {{"email", "a@example.com"}}},
                                         {"to", json::array({{{"email", "b@example.com"}}})}},
                                        {{"from", {{"email", "c@example.com"}}},
                                         {"to", json::array({{{"email", "d@example.com"}}})}}})}};
  std::string path = build_path(bigin->contract, {});
  auto first =
      client_->Post(path, api_headers(bigin->contract), request.dump(), "application/json");
  auto second =
      client_->Post(path, api_headers(bigin->contract), request.dump(), "application/json");
  ASSERT_TRUE(first && second);
  json a = body_of(first), b = body_of(second);
  ASSERT_EQ(a["data"].size(), 2u) << first->body;
  std::set<std::string> ids;
  for (const auto& body : {a, b}) {
    for (const auto& item : body["data"])
      ids.insert(item["details"]["message_id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_EQ(a["data"][0]["status"], "success");
  EXPECT_EQ(a["data"][0]["code"], "SUCCESS");
}

}  // namespace
}  // namespace conform
