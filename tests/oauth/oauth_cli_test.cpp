/// `--oauth-token-url` through the real binary: a token endpoint and a target on 127.0.0.1, the
/// target refusing a token it has expired. Counts the mints; no token or client secret may reach
/// the console, a JSON report or a cassette.
#include <gtest/gtest.h>

#include "oauth_support.hpp"

namespace conform {
namespace {
using namespace oauth_test;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// No secret of the client, and none of the first `minted` tokens, appears in `text`.
void expect_no_secret(const std::string& text, size_t minted, const std::string& where) {
  EXPECT_FALSE(has(text, kClientSecret)) << where;
  EXPECT_FALSE(has(text, kRefreshToken)) << where;
  for (size_t n = 1; n <= minted; ++n)
    EXPECT_FALSE(has(text, minted_token(n))) << where << ": token " << n;
}

std::string oauth_flags(const TokenEndpoint& endpoint) {
  return " --oauth-token-url bigin-mail=" + endpoint.url();
}

TEST(OAuthRefresh, AWholeRunMintsOneTokenAndNoSecretIsShownOrWritten) {
  set_client_environment();
  TokenEndpoint endpoint;
  ExpiringTarget target(1000000);
  fs::path dir = scratch_dir("one-mint");
  auto run = test::conform_cli(
      "replay --target " + target.url() + " --api bigin-mail --jobs 3 -H 'X-Gateway: staging'" +
          oauth_flags(endpoint) + " --report json:" + (dir / "report.json").string() +
          " --record " + (dir / "cassettes").string(),
      120);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(endpoint.mints(), 1u);
  EXPECT_EQ(endpoint.bad_forms(), 0u);
  EXPECT_EQ(endpoint.through_gateway(), 1u);  // the token request has the cases' -H headers
  EXPECT_GT(target.with_token(1), 5u);
  EXPECT_EQ(target.refusals(), 0u);
  expect_no_secret(run.output, 1, "console");
  expect_no_secret(all_text(dir / "report.json"), 1, "report");
  std::string cassettes = all_text(dir / "cassettes");
  EXPECT_TRUE(has(cassettes, "Zoho-oauthtoken")) << cassettes.substr(0, 1000);
  expect_no_secret(cassettes, 1, "cassettes");
}

TEST(OAuthRefresh, AnExpiredTokenIsRefreshedOnceAndTheCasesGetTheirRealVerdict) {
  set_client_environment();
  TokenEndpoint endpoint;
  ExpiringTarget target(3);
  fs::path report = scratch_dir("refresh") / "report.json";
  auto run = test::conform_cli("replay --target " + target.url() +
                                   " --api bigin-mail --jobs 3 --oauth-min-interval 0" +
                                   oauth_flags(endpoint) + " --report json:" + report.string(),
                               120);
  EXPECT_EQ(run.exit_code, 0) << run.output;  // every case re-sent with the new token passes
  EXPECT_EQ(endpoint.mints(), 2u);            // concurrent 401s to token 1 cause one mint
  EXPECT_GE(target.refusals(), 1u);
  EXPECT_EQ(target.with_token(1), 3u);
  EXPECT_GT(target.with_token(2), 3u);
  expect_no_secret(run.output, 2, "console");
  expect_no_secret(all_text(report), 2, "report");
}

TEST(OAuthRefresh, NoTokenIsMintedSoonerThanTheMinimumIntervalSoThe401Stands) {
  set_client_environment();
  TokenEndpoint endpoint;
  ExpiringTarget target(3);
  auto run = test::conform_cli(
      "replay --target " + target.url() + " --api bigin-mail --jobs 2" + oauth_flags(endpoint),
      120);
  EXPECT_EQ(run.exit_code, 1) << run.output;  // the default 60 s: the refused cases fail
  EXPECT_EQ(endpoint.mints(), 1u);
  EXPECT_GE(target.refusals(), 1u);
  expect_no_secret(run.output, 1, "console");
}

TEST(OAuthRefresh, AFuzzRunUsesTheSameTokenForEveryCase) {
  set_client_environment();
  TokenEndpoint endpoint;
  ExpiringTarget target(1000000);
  auto run = test::conform_cli("fuzz --target " + target.url() +
                                   " --api bigin-mail --seed 7 --cases 20 --jobs 2" +
                                   oauth_flags(endpoint),
                               180);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(endpoint.mints(), 1u);
  EXPECT_GT(target.with_token(1), 20u);
  expect_no_secret(run.output, 1, "console");
}

TEST(OAuthRefresh, ATokenEndpointThatAnswersGarbageOrRefusesOrIsGoneStopsTheRunWithExit2) {
  set_client_environment();
  ExpiringTarget target(1000000);
  TokenEndpoint garbage(TokenAnswer::garbage);
  auto bad = test::conform_cli("replay --target " + target.url() + " --api bigin-mail" +
                               oauth_flags(garbage));
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_TRUE(has(bad.output,
                  "conform replay: --oauth-token-url bigin-mail: the token endpoint's answer is "
                  "not a JSON object"))
      << bad.output;
  TokenEndpoint refusal(TokenAnswer::refusal);
  auto refused = test::conform_cli("fuzz --target " + target.url() + " --api bigin-mail" +
                                   oauth_flags(refusal));
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_TRUE(has(refused.output, "the token endpoint answered 400 (invalid_client)"))
      << refused.output;
  auto gone = test::conform_cli(
      "replay --target " + target.url() +
      " --api bigin-mail --oauth-token-url bigin-mail=http://127.0.0.1:9/oauth/v2/token");
  EXPECT_EQ(gone.exit_code, 2) << gone.output;
  EXPECT_TRUE(
      has(gone.output,
          "--oauth-token-url bigin-mail: cannot reach the token endpoint http://127.0.0.1:9"))
      << gone.output;
  EXPECT_EQ(target.with_token(1) + target.refusals(), 0u);  // nothing was sent to the target
  for (const auto* output : {&bad.output, &refused.output, &gone.output})
    expect_no_secret(*output, 1, "error");
}

TEST(OAuthRefresh, AMissingVariableOrAConflictingFlagIsAUsageError) {
  set_client_environment();
  ::unsetenv("CONFORM_OAUTH_CLIENT_SECRET");
  auto missing = test::conform_cli(
      "replay --target http://127.0.0.1:9 --oauth-token-url bigin-mail=http://127.0.0.1:9/t");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_TRUE(has(missing.output,
                  "set CONFORM_OAUTH_CLIENT_SECRET (or CONFORM_OAUTH_BIGIN_MAIL_CLIENT_SECRET)"))
      << missing.output;
  set_client_environment();
  auto both = test::conform_cli(
      "replay --target http://127.0.0.1:9 --auth bigin-mail=t0k --oauth-token-url "
      "bigin-mail=http://127.0.0.1:9/t");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_TRUE(
      has(both.output, "--auth bigin-mail and --oauth-token-url bigin-mail: give one of them"))
      << both.output;
  auto unknown = test::conform_cli(
      "fuzz --target http://127.0.0.1:9 --oauth-token-url nope=http://127.0.0.1:9/t");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(has(unknown.output, "--oauth-token-url: unknown api 'nope'")) << unknown.output;
  auto cassettes = test::conform_cli(
      "replay --cassettes /tmp --oauth-token-url bigin-mail=http://127.0.0.1:9/t");
  EXPECT_EQ(cassettes.exit_code, 2);
  EXPECT_TRUE(has(cassettes.output, "--oauth-token-url needs --target")) << cassettes.output;
}

}  // namespace
}  // namespace conform
