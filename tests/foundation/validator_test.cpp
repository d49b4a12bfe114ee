// SchemaValidator: leaf causes only, pointers at the offending field, requirement ids, formats.
#include <gtest/gtest.h>

#include "validate/catalog.hpp"

namespace conform {
namespace {

using nlohmann::json;

const Catalog& catalog() {
  static const Catalog loaded = Catalog::load(embedded_schema_source());
  return loaded;
}

std::vector<Violation> check(const std::string& api, const json& body,
                             const std::string& channel = "") {
  return catalog().find(api)->validator(PayloadKind::request, channel)->validate(body);
}

TEST(SchemaValidator, AMissingRequiredFieldPointsAtTheField) {
  auto v = check("whippy-email", json{{"from", "chan_1"}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/to");
  EXPECT_EQ(v[0].keyword, "required");
  EXPECT_EQ(v[0].requirement, "whippy-email.to");
}

TEST(SchemaValidator, AFormatErrorNamesThePreciseRequirement) {
  auto v =
      check("whippy-email",
            json{{"from", "c"}, {"to", "a@example.com"}, {"sender_email", "invalid@something"}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/sender_email");
  EXPECT_EQ(v[0].keyword, "format");
  EXPECT_EQ(v[0].requirement, "whippy-email.sender_email.invalid-422");
  EXPECT_EQ(v[0].locator, "002_596f1fd0dac9b3a0.txt:90");
}

TEST(SchemaValidator, EmptyOrNullSenderEmailIsAbsent) {
  EXPECT_TRUE(
      check("whippy-email", json{{"from", "c"}, {"to", "a@example.com"}, {"sender_email", ""}})
          .empty());
  EXPECT_TRUE(
      check("whippy-email", json{{"from", "c"}, {"to", "a@example.com"}, {"sender_email", nullptr}})
          .empty());
}

TEST(SchemaValidator, DeepErrorsComeWithoutTheirAncestorCascade) {
  json body = json::parse(
      R"({"data":[{"from":{"email":"a@b.com"},"to":[{"email":"x@y.com"},{"email":"nope"}]}]})");
  auto v = check("bigin-mail", body);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/data/0/to/1/email");
  EXPECT_EQ(v[0].requirement, "bigin-mail.data.to.email");
}

TEST(SchemaValidator, AlternativesReportOneErrorAtTheField) {
  // Genesys cc may be a comma-delimited string or an array (the page contradicts itself).
  json body = json::parse(
      R"({"operationName":"Send","queueName":"q","email":{"to":["a@b"],"from":"c@d","cc":42}})");
  auto v = check("genesys-email", body);
  ASSERT_EQ(v.size(), 1u) << v[0].message;
  EXPECT_EQ(v[0].pointer, "/email/cc");
  EXPECT_EQ(v[0].requirement, "genesys-email.email.cc");
}

TEST(SchemaValidator, FormatsInsideAlternativesAreChecked) {
  json body = json::parse(
      R"({"operationName":"Send","queueName":"q","email":{"to":["a@b"],"from":"c@d","cc":["ok@x","not an email"]}})");
  auto v = check("genesys-email", body);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/email/cc/1");
}

TEST(SchemaValidator, ARootOfTheWrongTypeIsOneError) {
  auto v = check("bigin-mail", json::array());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "");
  EXPECT_EQ(v[0].keyword, "type");
  EXPECT_FALSE(v[0].requirement.empty());
}

TEST(SchemaValidator, ChannelsSelectTheirOwnSchemas) {
  json sms = json::parse(R"({"sms":[{"to":"919988221100","body":"b"}]})");
  EXPECT_TRUE(check("capillary-message", sms, "sms").empty());
  EXPECT_FALSE(check("capillary-message", sms, "whatsapp").empty());
}

TEST(SchemaValidator, AcceptsAgreesWithValidate) {
  json good = json::parse(R"({"data":[{"from":{"email":"a@b.com"},"to":[{"email":"x@y.com"}]}]})");
  json bad = json::parse(
      R"({"data":[{"from":{"email":"a@b.com"},"to":[{"email":"x@y.com"}],"scheduled_time":"soon"}]})");
  const SchemaValidator* v = catalog().find("bigin-mail")->validator(PayloadKind::request, "");
  EXPECT_TRUE(v->accepts(good));
  EXPECT_FALSE(v->accepts(bad));
  EXPECT_EQ(v->validate(bad).size(), 1u);
}

TEST(ChannelResolution, IsCaseInsensitiveWithADefault) {
  const Contract& c = catalog().find("capillary-message")->contract;
  EXPECT_EQ(resolve_channel(c, std::string("WhatsApp")), "whatsapp");
  EXPECT_EQ(resolve_channel(c, std::nullopt), "sms");
  EXPECT_EQ(resolve_channel(c, std::string("fax")), std::nullopt);
  EXPECT_EQ(resolve_channel(catalog().find("bigin-mail")->contract, std::nullopt), "");
}

}  // namespace
}  // namespace conform
