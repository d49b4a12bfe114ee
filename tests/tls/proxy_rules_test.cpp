/// The proxy choice without a network: proxy URLs, NO_PROXY matching, and which environment
/// variable serves which target.
#include <gtest/gtest.h>

#include <map>

#include "http/proxy.hpp"
#include "http/redact.hpp"

namespace conform {
namespace {

Target target(const std::string& url) {
  std::string error;
  auto parsed = parse_target(url, error);
  EXPECT_TRUE(parsed) << error;
  return parsed.value_or(Target{});
}

EnvironmentLookup lookup(std::map<std::string, std::string> env) {
  return [env = std::move(env)](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
}

TEST(ProxyUrl, TakesHostPortAndBasicCredentialsAndRefusesOtherSchemes) {
  std::string error;
  auto proxy = parse_proxy_url("http://alice:pw%21@proxy.internal:3128/", error);
  ASSERT_TRUE(proxy) << error;
  EXPECT_EQ(proxy->host, "proxy.internal");
  EXPECT_EQ(proxy->port, 3128);
  EXPECT_EQ(proxy->user, "alice");
  EXPECT_EQ(proxy->password, "pw%21");
  EXPECT_EQ(proxy->url(), "http://proxy.internal:3128");  // no credentials in messages
  EXPECT_EQ(parse_proxy_url("proxy.internal", error)->port, 80);
  EXPECT_FALSE(parse_proxy_url("socks5://proxy:1080", error));
  EXPECT_NE(error.find("only http:// proxies"), std::string::npos) << error;
  EXPECT_FALSE(parse_proxy_url("http://proxy:99999", error));
  EXPECT_FALSE(parse_proxy_url("http://proxy:8080/path", error));
}

TEST(NoProxy, MatchesHostsDomainsPortsAndTheWildcard) {
  EXPECT_TRUE(no_proxy_matches("127.0.0.1", "127.0.0.1", 80));
  EXPECT_TRUE(no_proxy_matches("localhost, 127.0.0.1", "127.0.0.1", 80));
  EXPECT_TRUE(no_proxy_matches("example.com", "api.example.com", 443));
  EXPECT_TRUE(no_proxy_matches(".Example.COM", "api.example.com", 443));
  EXPECT_FALSE(no_proxy_matches("example.com", "badexample.com", 443));
  EXPECT_TRUE(no_proxy_matches("*", "anything", 1));
  EXPECT_TRUE(no_proxy_matches("127.0.0.1:8080", "127.0.0.1", 8080));
  EXPECT_FALSE(no_proxy_matches("127.0.0.1:8080", "127.0.0.1", 9090));
  EXPECT_TRUE(no_proxy_matches("::1", "[::1]", 80));
  EXPECT_FALSE(no_proxy_matches("", "127.0.0.1", 80));
}

TEST(ProxyEnvironment, EachSchemeHasItsVariableAndNoProxyWins) {
  std::string error;
  auto env = lookup({{"HTTP_PROXY", "http://plain:1"}, {"HTTPS_PROXY", "http://secure:2"}});
  EXPECT_EQ(proxy_from_environment(target("http://10.0.0.5:80"), env, error)->host, "plain");
  auto secure = proxy_from_environment(target("https://10.0.0.5"), env, error);
  ASSERT_TRUE(secure);
  EXPECT_EQ(secure->host, "secure");
  EXPECT_EQ(secure->origin, "HTTPS_PROXY");
  auto lower_first = lookup({{"http_proxy", "http://lower:3"}, {"HTTP_PROXY", "http://upper:4"}});
  EXPECT_EQ(proxy_from_environment(target("http://10.0.0.5"), lower_first, error)->host, "lower");
  auto bypass = lookup({{"HTTP_PROXY", "http://plain:1"}, {"NO_PROXY", "10.0.0.5"}});
  EXPECT_FALSE(proxy_from_environment(target("http://10.0.0.5"), bypass, error));
  EXPECT_TRUE(error.empty());
  EXPECT_FALSE(proxy_from_environment(target("http://10.0.0.5"),
                                      lookup({{"HTTP_PROXY", "socks5://x:1"}}), error));
  EXPECT_NE(error.find("HTTP_PROXY: only http:// proxies"), std::string::npos) << error;
}

TEST(CredentialHeaders, NamesThatCarrySecretsAreRecognised) {
  for (const char* name :
       {"X-Api-Key", "X-Gateway-Token", "Cookie", "X-Auth-User", "Client-Secret", "X-Session"})
    EXPECT_TRUE(looks_like_credential_header(name)) << name;
  for (const char* name : {"X-Gateway", "X-Request-Id", "Accept-Language"})
    EXPECT_FALSE(looks_like_credential_header(name)) << name;
}

}  // namespace
}  // namespace conform
