// Cases from fixtures, the generated probes, interactions, credentials and sharding.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "cases/interaction.hpp"
#include "engine/shard.hpp"
#include "replay_support.hpp"

namespace conform {
namespace {
using nlohmann::json;

const ReplayCase* find(const std::vector<ReplayCase>& cases, const std::string& id) {
  auto it =
      std::find_if(cases.begin(), cases.end(), [&](const ReplayCase& c) { return c.id == id; });
  return it == cases.end() ? nullptr : &*it;
}

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST(Cases, ResponseFixturesAreNotSentAndRequestFixturesAre) {
  auto cases = test::repository_cases();
  EXPECT_EQ(find(cases, "genesys-email/the-documented-response-is-accepted"), nullptr);
  const ReplayCase* c = find(cases, "bigin-mail/the-documented-request-is-accepted");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->intent, Intent::accept);
  EXPECT_EQ(c->interaction.status, "2xx");
  EXPECT_TRUE(c->interaction.response_schema);
  EXPECT_EQ(c->request.path.rfind("/bigin/v2/", 0), 0u);
  EXPECT_EQ(header(c->request, "Authorization"), "Zoho-oauthtoken conform-placeholder-token");
}

TEST(Cases, ChannelProbesCoverLetterCaseAndTheDefault) {
  auto cases = test::repository_cases({"capillary-message"});
  const ReplayCase* upper = find(cases, "capillary-message/probe-channel-SMS-is-accepted");
  const ReplayCase* title = find(cases, "capillary-message/probe-channel-Sms-is-accepted");
  const ReplayCase* none = find(cases, "capillary-message/probe-no-channel-defaults-to-sms");
  ASSERT_TRUE(upper && title && none);
  EXPECT_NE(upper->request.path.find("?channel=SMS"), std::string::npos);
  EXPECT_NE(title->request.path.find("?channel=Sms"), std::string::npos);
  EXPECT_EQ(none->request.path.find('?'), std::string::npos);
  EXPECT_EQ(none->requirements, std::vector<std::string>{"capillary-message.channel.default-sms"});
  EXPECT_NE(none->request.body.find("\"sms\""), std::string::npos);
}

TEST(Cases, BiginModuleNamesOutsideTheEnumMustBeRejected) {
  auto cases = test::repository_cases({"bigin-mail"});
  const ReplayCase* unlisted =
      find(cases, "bigin-mail/probe-module_api_name-UnlistedContacts-is-rejected");
  ASSERT_NE(unlisted, nullptr);
  EXPECT_EQ(unlisted->intent, Intent::reject);
  EXPECT_EQ(unlisted->primary_requirement, "bigin-mail.module_api_name");
  EXPECT_NE(unlisted->request.path.find("/UnlistedContacts/"), std::string::npos);
}

TEST(Cases, EveryApiGetsOneRequestWithoutCredentials) {
  auto cases = test::repository_cases();
  for (const auto& api : test::catalog().apis()) {
    const ReplayCase* c =
        find(cases, api.contract.id + "/probe-a-request-without-credentials-is-refused");
    ASSERT_NE(c, nullptr) << api.contract.id;
    EXPECT_EQ(header(c->request, api.contract.auth.header), "");
    EXPECT_EQ(c->primary_requirement, api.contract.auth.requirement);
  }
}

TEST(Cases, CredentialsComeFromFlagsThenTheEnvironmentThenThePlaceholder) {
  const Contract& whippy = test::catalog().find("whippy-email")->contract;
  EXPECT_EQ(credential_env_name("whippy-email"), "CONFORM_AUTH_WHIPPY_EMAIL");
  ::unsetenv("CONFORM_AUTH_WHIPPY_EMAIL");
  EXPECT_EQ(credential_for(whippy, {}), whippy.auth.placeholder);
  ::setenv("CONFORM_AUTH_WHIPPY_EMAIL", "from-env", 1);
  EXPECT_EQ(credential_for(whippy, {}), "from-env");
  EXPECT_EQ(credential_for(whippy, {{"whippy-email", "from-flag"}}), "from-flag");
  ::unsetenv("CONFORM_AUTH_WHIPPY_EMAIL");
}

TEST(Cases, ABareTokenGetsTheOneSchemeWordAndAnythingElseIsKept) {
  const AuthScheme& zoho = test::catalog().find("bigin-mail")->contract.auth;
  EXPECT_EQ(credential_in_scheme(zoho, "1000.ab"), "Zoho-oauthtoken 1000.ab");
  EXPECT_EQ(credential_in_scheme(zoho, "Zoho-oauthtoken 1000.ab"), "Zoho-oauthtoken 1000.ab");
  EXPECT_EQ(credential_in_scheme(zoho, "zoho-oauthtoken 1000.ab"), "zoho-oauthtoken 1000.ab");
  EXPECT_EQ(credential_in_scheme(zoho, "Bearer 1000.ab"), "Bearer 1000.ab")
      << "another scheme, as given";
  EXPECT_EQ(credential_in_scheme(zoho, "Zoho-oauthtoken"), "Zoho-oauthtoken")
      << "the word alone is no token";
  const AuthScheme& capillary = test::catalog().find("capillary-message")->contract.auth;
  EXPECT_EQ(scheme_words(capillary), (std::vector<std::string>{"Basic", "Bearer"}));
  EXPECT_EQ(credential_in_scheme(capillary, "abc"), "abc");
  const AuthScheme& whippy = test::catalog().find("whippy-email")->contract.auth;
  EXPECT_TRUE(scheme_words(whippy).empty());
  EXPECT_EQ(credential_in_scheme(whippy, "key-1"), "key-1");
}

TEST(Cases, InteractionOverridesAreParsedAndBadOnesNameThePointer) {
  const ApiEntry& bigin = *test::catalog().find("bigin-mail");
  Interaction i = default_interaction(bigin, "", Intent::accept, {"bigin-mail.data"});
  apply_interaction(
      json::parse(
          R"({"status":201,"content_type":null,"matchers":[{"pointer":"/data/0/code","equals":"SUCCESS"}]})"),
      "f.json", bigin, {"bigin-mail.data"}, i);
  EXPECT_EQ(i.status, "201");
  EXPECT_EQ(i.status_requirement, "bigin-mail.data");
  EXPECT_EQ(i.content_type, "");
  ASSERT_EQ(i.matchers.size(), 1u);
  auto message = [&](const char* text) {
    try {
      Interaction copy = i;
      apply_interaction(json::parse(text), "f.json", bigin, {"bigin-mail.data"}, copy);
    } catch (const ContractError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(R"({"status":"2yy"})").rfind("f.json: /interaction/status:", 0), 0u);
  EXPECT_EQ(message(R"({"colour":1})").rfind("f.json: /interaction/colour:", 0), 0u);
  EXPECT_EQ(
      message(R"({"matchers":[{"pointer":"/a"}]})").rfind("f.json: /interaction/matchers/0:", 0),
      0u);
}

TEST(Cases, WhippyInvalidSenderEmailDefaultsToTheDocumented422) {
  auto cases = test::repository_cases({"whippy-email"});
  const ReplayCase* c = find(cases, "whippy-email/an-invalid-sender-email-gets-422");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->interaction.status, "422");
  EXPECT_EQ(c->interaction.status_requirement, "whippy-email.sender_email.invalid-422");
  const ReplayCase* other = find(cases, "whippy-email/a-request-without-to-is-rejected");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->interaction.status, "4xx");
}

TEST(Cases, ShardsPartitionTheCasesDeterministically) {
  auto cases = test::repository_cases();
  std::multiset<std::string> seen;
  for (unsigned k = 1; k <= 3; ++k) {
    for (const auto& c : select_shard(cases, {k, 3})) seen.insert(c.id);
  }
  std::multiset<std::string> all;
  for (const auto& c : cases) all.insert(c.id);
  EXPECT_EQ(seen, all);
  EXPECT_EQ(case_hash("bigin-mail/x"), case_hash("bigin-mail/x"));
  EXPECT_EQ(case_hash(""), 1469598103934665603ULL);  // FNV-1a offset basis: stable across builds
  EXPECT_FALSE(parse_shard("0/3"));
  EXPECT_FALSE(parse_shard("4/3"));
  EXPECT_FALSE(parse_shard("1/"));
  EXPECT_TRUE(parse_shard("3/3"));
}

TEST(Cases, StatusSpecs) {
  EXPECT_TRUE(status_matches("4xx", 404));
  EXPECT_FALSE(status_matches("4xx", 500));
  EXPECT_TRUE(status_matches("422", 422));
  EXPECT_FALSE(status_matches("422", 400));
  EXPECT_FALSE(is_status_spec("42"));
  EXPECT_FALSE(is_status_spec("6xx"));
}

}  // namespace
}  // namespace conform
