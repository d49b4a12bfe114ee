/// `-H/--header` and the proxy settings through the real binary, against servers on 127.0.0.1:
/// a recording server, the mock, a tiny forward proxy, and a port nothing listens on.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "support/loopback_server.hpp"
#include "tls_support.hpp"

namespace conform {
namespace {
using tls_test::MockChild;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using test::LoopbackServer;  // tests/support

TEST(HeaderFlag, ReachesTheServerOnEveryRequestAndACredentialIsRedacted) {
  std::mutex mutex;
  size_t requests = 0, with_both = 0;
  LoopbackServer server([&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    ++requests;
    if (req.get_header_value("X-Gateway") == "staging" &&
        req.get_header_value("X-Gateway-Token") == "s3cret-gateway-token")
      ++with_both;
    res.set_content("{}", "application/json");
  });
  auto file = tls_test::scratch_dir("header") / "report.json";
  auto run = test::conform_cli("replay --target " + server.url() +
                                   " --api whippy-email --jobs 1 -H 'X-Gateway: staging'"
                                   " --header X-Gateway-Token:s3cret-gateway-token --report json:" +
                                   file.string(),
                               60);
  EXPECT_EQ(run.exit_code, 1) << run.output;  // {} for everything: the negative cases fail
  EXPECT_GT(requests, 5u);
  EXPECT_EQ(with_both, requests);
  EXPECT_TRUE(has(run.output, "-H 'X-Gateway: staging'")) << run.output;
  EXPECT_TRUE(has(run.output, "-H 'X-Gateway-Token: [REDACTED]'")) << run.output;
  EXPECT_FALSE(has(run.output, "s3cret-gateway-token")) << run.output;
  std::ifstream in(file);
  std::string report((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(has(report, "X-Gateway-Token")) << report.substr(0, 2000);
  EXPECT_FALSE(has(report, "s3cret-gateway-token"));
}

TEST(HeaderFlag, TheAuthHeaderAndMalformedHeadersAreUsageErrors) {
  auto auth = test::conform_cli("replay --target http://127.0.0.1:9 -H 'Authorization: Bearer x'");
  EXPECT_EQ(auth.exit_code, 2);
  EXPECT_TRUE(has(auth.output, "-H Authorization: conform sets this header itself") &&
              has(auth.output, "--auth"))
      << auth.output;
  auto whippy =
      test::conform_cli("replay --target http://127.0.0.1:9 --api whippy-email -H x-whippy-key:k");
  EXPECT_EQ(whippy.exit_code, 2);
  EXPECT_TRUE(has(whippy.output, "-H x-whippy-key: conform sets this header itself"))
      << whippy.output;
  auto host = test::conform_cli("fuzz --target http://127.0.0.1:9 -H Host:example.com");
  EXPECT_EQ(host.exit_code, 2);
  auto malformed = test::conform_cli("replay --target http://127.0.0.1:9 -H no-colon");
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_TRUE(has(malformed.output, "-H/--header takes NAME:VALUE, got 'no-colon'"))
      << malformed.output;
}

TEST(ProxyFlag, AProxyThatRefusesIsOneLineNamingItAndExitTwo) {
  MockChild mock({});
  const std::string proxy = "http://127.0.0.1:" + std::to_string(tls_test::closed_port());
  auto run = test::conform_cli("replay --target " + mock.url + " --proxy " + proxy, 60);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output,
                  "through the proxy " + proxy + " (from --proxy): the proxy: connection refused"))
      << run.output;
  auto bad =
      test::conform_cli("replay --target " + mock.url + " --proxy socks5://127.0.0.1:1080", 60);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(has(bad.output, "--proxy: only http:// proxies")) << bad.output;
}

TEST(ProxyFlag, AProxyThatRefusesConnectForAnHttpsTargetIsNamedAndExitTwo) {
  ASSERT_TRUE(tls_test::pki().ok);
  MockChild not_a_proxy({});  // answers CONNECT with an HTTP error
  MockChild tls(tls_test::tls_mock_args());
  auto run = test::conform_cli("replay --target " + tls.url + " --tls-verify " +
                                   tls_test::pki().file("ca.pem") + " --proxy " + not_a_proxy.url,
                               60);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "through the proxy " + not_a_proxy.url +
                                  ": the proxy refused CONNECT 127.0.0.1:"))
      << run.output;
  EXPECT_FALSE(has(run.output, "passed,")) << "nothing may be sent: " << run.output;
}

TEST(ProxyEnvironment, HttpProxyIsUsedUnlessNoProxyNamesTheHost) {
  MockChild mock({});
  const std::string proxy = "http://127.0.0.1:" + std::to_string(tls_test::closed_port());
  const std::string clean =
      "env -u http_proxy -u https_proxy -u no_proxy -u NO_PROXY -u HTTPS_PROXY HTTP_PROXY=" + proxy;
  const std::string replay =
      " timeout 60 " + std::string(CONFORM_BINARY) + " replay --target " + mock.url + " 2>&1";
  auto through = test::run_shell(clean + replay);
  EXPECT_EQ(through.exit_code, 2) << through.output;
  EXPECT_TRUE(has(through.output, "through the proxy " + proxy + " (from HTTP_PROXY)"))
      << through.output;
  auto bypassed = test::run_shell(clean + " NO_PROXY=localhost,127.0.0.1" + replay);
  EXPECT_EQ(bypassed.exit_code, 0) << bypassed.output;
}

TEST(ProxyFlag, RequestsGoThroughAForwardProxyInAbsoluteForm) {
  MockChild mock({});
  std::atomic<size_t> forwarded{0};
  std::atomic<size_t> absolute{0};
  LoopbackServer proxy([&](const httplib::Request& req, httplib::Response& res) {
    ++forwarded;
    if (req.target.rfind(mock.url + "/", 0) == 0) ++absolute;
    httplib::Client upstream(mock.url);
    httplib::Request out;
    out.method = req.method;
    out.path = req.target.substr(std::min(req.target.size(), mock.url.size()));
    for (const auto& [name, value] : req.headers) {
      if (name != "Host" && name != "Content-Length" && name.rfind("REMOTE_", 0) != 0 &&
          name.rfind("LOCAL_", 0) != 0)
        out.headers.emplace(name, value);
    }
    out.body = req.body;
    httplib::Response back;
    httplib::Error error = httplib::Error::Success;
    if (!upstream.send(out, back, error)) return void(res.status = 502);
    res.status = back.status;
    res.body = back.body;
    for (const auto& [name, value] : back.headers) {
      if (name == "Content-Type" || name == "Allow" || name == "WWW-Authenticate")
        res.headers.emplace(name, value);
    }
  });
  auto direct = test::conform_cli("replay --target " + mock.url, 60);
  auto run = test::conform_cli("replay --target " + mock.url + " --proxy " + proxy.url(), 60);
  EXPECT_EQ(run.exit_code, direct.exit_code) << run.output;
  EXPECT_TRUE(has(run.output, "through the proxy " + proxy.url() + " (--proxy)")) << run.output;
  EXPECT_GT(forwarded.load(), 20u);
  EXPECT_EQ(absolute.load(), forwarded.load());
}

}  // namespace
}  // namespace conform
