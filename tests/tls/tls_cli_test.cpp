/// HTTPS end to end through the real binary: `conform mock --tls-cert/--tls-key` against
/// `replay` and `fuzz` with `--tls-verify`, and every way the TLS set-up can go wrong.
#include <gtest/gtest.h>

#include "tls_support.hpp"

namespace conform {
namespace {
using tls_test::MockChild;
using tls_test::pki;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The outcomes of `conform COMMAND --target URL ARGS` by case id, and its exit code.
std::map<std::string, std::string> run_outcomes(const std::string& command, const std::string& url,
                                                const std::string& args, const std::string& name,
                                                int& exit_code) {
  auto file = tls_test::scratch_dir(name) / "report.json";
  auto run = test::conform_cli(
      command + " --target " + url + " " + args + " --report json:" + file.string(), 120);
  exit_code = run.exit_code;
  return tls_test::outcomes(file);
}

TEST(TlsMock, ListensOnHttpsAndReplayGivesThePlainMocksOutcomes) {
  ASSERT_TRUE(pki().ok);
  MockChild plain({});
  MockChild tls(tls_test::tls_mock_args());
  ASSERT_EQ(tls.url.rfind("https://127.0.0.1:", 0), 0u) << tls.url;
  int plain_exit = -1, tls_exit = -1;
  auto expected = run_outcomes("replay", plain.url, "--jobs 2", "replay-plain", plain_exit);
  auto got = run_outcomes("replay", tls.url, "--jobs 2 --tls-verify " + pki().file("ca.pem"),
                          "replay-tls", tls_exit);
  ASSERT_GT(expected.size(), 20u);
  EXPECT_EQ(got, expected);
  EXPECT_EQ(tls_exit, plain_exit);
}

TEST(TlsMock, FuzzGivesThePlainMocksOutcomesCaseForCase) {
  ASSERT_TRUE(pki().ok);
  MockChild plain({});
  MockChild tls(tls_test::tls_mock_args());
  const std::string flags = "--cases 40 --seed 11 --jobs 2 --report-cases all --max-shrinks 10";
  int plain_exit = -1, tls_exit = -1;
  auto expected = run_outcomes("fuzz", plain.url, flags, "fuzz-plain", plain_exit);
  auto got = run_outcomes("fuzz", tls.url, flags + " --tls-verify " + pki().file("ca.pem"),
                          "fuzz-tls", tls_exit);
  ASSERT_GT(expected.size(), 40u);
  EXPECT_EQ(got, expected);
  EXPECT_EQ(tls_exit, plain_exit);
}

TEST(TlsClient, AWrongCaOrTheSystemStoreIsOneLineNamingTheCertificateAndExitTwo) {
  ASSERT_TRUE(pki().ok);
  MockChild tls(tls_test::tls_mock_args());
  for (std::string verify : {" --tls-verify " + pki().file("other-ca.pem"), std::string()}) {
    auto run = test::conform_cli("replay --target " + tls.url + verify, 60);
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_TRUE(has(run.output, "cannot reach " + tls.url +
                                    ": the server's TLS certificate failed verification: "
                                    "unable to get local issuer certificate"))
        << run.output;
    EXPECT_FALSE(has(run.output, "passed,")) << "nothing may be sent: " << run.output;
  }
}

TEST(TlsClient, AnExpiredCertificateIsNamed) {
  ASSERT_TRUE(pki().ok);
  MockChild tls(tls_test::tls_mock_args("expired"));
  auto run = test::conform_cli(
      "fuzz --cases 5 --seed 1 --target " + tls.url + " --tls-verify " + pki().file("ca.pem"), 60);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "certificate has expired")) << run.output;
}

TEST(TlsClient, VerifyFalsePassesAndSaysOnStderrThatItIsInsecure) {
  ASSERT_TRUE(pki().ok);
  MockChild tls(tls_test::tls_mock_args());
  auto run = test::run_shell("timeout 60 " + std::string(CONFORM_BINARY) + " replay --target " +
                             tls.url + " --tls-verify false 2>&1 >/dev/null");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(has(run.output, "--tls-verify false") && has(run.output, "insecure")) << run.output;
  size_t lines = std::count(run.output.begin(), run.output.end(), '\n');
  EXPECT_LE(lines, 2u) << "stderr: " << run.output;
}

TEST(TlsClient, AnHttpsTargetThatSpeaksPlainHttpIsNamed) {
  MockChild plain({});
  std::string url = "https://" + plain.url.substr(std::string("http://").size());
  auto run = test::conform_cli("replay --target " + url, 60);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(has(run.output, "TLS handshake failed") && has(run.output, "does not speak TLS"))
      << run.output;
}

TEST(TlsClient, MutualTlsPassesWithTheClientCertificateAndIsRefusedWithoutIt) {
  ASSERT_TRUE(pki().ok);
  MockChild tls(tls_test::tls_mock_args("server", {"--tls-client-ca", pki().file("ca.pem")}));
  const std::string base = "replay --target " + tls.url + " --tls-verify " + pki().file("ca.pem");
  auto with = test::conform_cli(base + " --request-cert " + pki().file("client.pem") +
                                    " --request-cert-key " + pki().file("client.key"),
                                60);
  EXPECT_EQ(with.exit_code, 0) << with.output;
  auto without = test::conform_cli(base, 60);
  EXPECT_EQ(without.exit_code, 2) << without.output;
  EXPECT_TRUE(has(without.output, "certificate required") && has(without.output, "--request-cert"))
      << without.output;
}

TEST(TlsClient, BadCertificateFilesAreUsageErrorsNamingTheFile) {
  ASSERT_TRUE(pki().ok);
  const std::string target = "replay --target https://127.0.0.1:9 ";
  auto missing_key = test::conform_cli(target + "--request-cert " + pki().file("client.pem") +
                                       " --request-cert-key /nonexistent/client.key");
  EXPECT_EQ(missing_key.exit_code, 2);
  EXPECT_TRUE(
      has(missing_key.output, "--request-cert-key /nonexistent/client.key: cannot read the file"))
      << missing_key.output;
  auto no_key = test::conform_cli(target + "--request-cert " + pki().file("client.pem"));
  EXPECT_EQ(no_key.exit_code, 2);
  EXPECT_TRUE(has(no_key.output, "--request-cert needs --request-cert-key")) << no_key.output;
  auto wrong_key = test::conform_cli(target + "--request-cert " + pki().file("client.pem") +
                                     " --request-cert-key " + pki().file("server.key"));
  EXPECT_TRUE(has(wrong_key.output, "the key does not belong to --request-cert"))
      << wrong_key.output;
  auto not_pem = test::conform_cli(target + "--tls-verify " + pki().file("server.ext"));
  EXPECT_EQ(not_pem.exit_code, 2);
  EXPECT_TRUE(has(not_pem.output, "server.ext: not a PEM CA certificate bundle")) << not_pem.output;
  auto mock = test::conform_cli(
      "mock --port 0 --tls-cert /nonexistent/cert.pem --tls-key " + pki().file("server.key"), 20);
  EXPECT_EQ(mock.exit_code, 2);
  EXPECT_TRUE(has(mock.output, "--tls-cert /nonexistent/cert.pem: cannot read the file"))
      << mock.output;
}

}  // namespace
}  // namespace conform
