// Credentials as users give them (`--auth ID=TOKEN`, CONFORM_AUTH_<ID>) and the one redaction
// marker, through the real binary against servers on 127.0.0.1.
#include <gtest/gtest.h>

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "http/redact.hpp"
#include "mock/mock_server.hpp"
#include "support/cli_run.hpp"
#include "support/loopback_server.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;
using test::CliRun;
using test::conform_cli;

const std::string kFixtures = std::string(CONFORM_SOURCE_DIR) + "/fixtures";

/// An HTTP server on 127.0.0.1 that answers 200 {} and keeps every value of one request header.
class HeaderRecorder {
 public:
  explicit HeaderRecorder(std::string header)
      : header_(std::move(header)),
        server_([this](const httplib::Request& req, httplib::Response& res) {
          if (req.has_header(header_.c_str())) {
            std::lock_guard lock(mutex_);
            seen_.insert(req.get_header_value(header_.c_str()));
          }
          res.set_content("{}", "application/json");
        }) {}
  std::string url() const { return server_.url(); }
  std::set<std::string> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  std::string header_;
  std::mutex mutex_;
  std::set<std::string> seen_;
  test::LoopbackServer server_;  // last: stopped before what its handler uses goes
};

/// The credential header values one API's replay sends (every case that carries one).
std::set<std::string> sent_credentials(const std::string& api, const std::string& header,
                                       const std::string& flags, const std::string& env = "") {
  HeaderRecorder recorder(header);
  CliRun run = test::run_shell(env + " timeout 120 " + std::string(CONFORM_BINARY) +
                               " replay --jobs 2 --fixtures " + kFixtures + " --api " + api +
                               " --target " + recorder.url() + " " + flags + " 2>&1");
  EXPECT_EQ(run.exit_code, 1) << "a server answering {} fails the gate\n"
                              << run.output.substr(0, 1500);
  return recorder.seen();
}

TEST(CredentialsCli, ABareZohoTokenGetsTheSchemeWordAndPassesTheMock) {
  MockServer mock;
  mock.start({});
  CliRun run = conform_cli("replay --fixtures " + kFixtures +
                           " --api bigin-mail --auth bigin-mail=1000.bare-token " + "--target " +
                           mock.url());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find(" passed, 0 failed, "), std::string::npos) << run.output;
}

TEST(CredentialsCli, TheSchemeWordIsAddedOnceAndNeverDoubled) {
  const std::set<std::string> expected = {"Zoho-oauthtoken 1000.tok"};
  EXPECT_EQ(sent_credentials("bigin-mail", "Authorization", "--auth bigin-mail=1000.tok"),
            expected);
  EXPECT_EQ(sent_credentials("bigin-mail", "Authorization",
                             "--auth 'bigin-mail=Zoho-oauthtoken 1000.tok'"),
            expected);
  EXPECT_EQ(sent_credentials("bigin-mail", "Authorization", "", "CONFORM_AUTH_BIGIN_MAIL=1000.tok"),
            expected);
  EXPECT_EQ(sent_credentials("genesys-email", "Authorization", "--auth genesys-email=dXNlcjpwdw=="),
            std::set<std::string>{"Basic dXNlcjpwdw=="});
}

TEST(CredentialsCli, ValuesForAnApiWithNoOrTwoSchemeWordsAreSentAsGiven) {
  EXPECT_EQ(sent_credentials("whippy-email", "X-WHIPPY-KEY", "--auth whippy-email=k-123"),
            std::set<std::string>{"k-123"});
  // Capillary takes Basic or Bearer (001_fc6b3512c4fe537a.txt:24): conform does not guess which.
  EXPECT_EQ(sent_credentials("capillary-email", "Authorization", "--auth capillary-email=tok-123"),
            std::set<std::string>{"tok-123"});
}

TEST(CredentialsCli, HelpOfReplayAndFuzzSaysWhatEachApiExpects) {
  for (const char* command : {"replay", "fuzz"}) {
    CliRun run = conform_cli(std::string(command) + " --help");
    EXPECT_EQ(run.exit_code, 0) << command;
    const std::string& text = run.output;
    EXPECT_NE(
        text.find(
            "bigin-mail         Authorization: Zoho-oauthtoken <token>; a bare token gets the "
            "scheme word\n"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find(
            "capillary-message  Authorization: Basic <token> or Bearer <token>; sent as given, so "
            "give the scheme word (inferred)\n"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find(
            "genesys-email      Authorization: Basic <token>; a bare token gets the scheme word "
            "(inferred)\n"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("whippy-email       X-WHIPPY-KEY: <token>, sent as given (inferred)\n"),
              std::string::npos)
        << text;
  }
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CredentialsCli, TheConsoleCassettesAndReportsShowOneRedactionMarker) {
  fs::path dir = fs::temp_directory_path() / ("conform-marker-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  MockServer mock;
  MockOptions options;
  options.faults = {"reject-valid"};  // failures print curl lines with the credential header
  mock.start(options);
  CliRun run = conform_cli(
      "replay --fixtures " + kFixtures + " --api bigin-mail --auth bigin-mail=1000.secret-42" +
      " --record " + (dir / "tapes").string() + " --report json:" + (dir / "r.json").string() +
      " --report md:" + (dir / "r.md").string() + " --target " + mock.url());
  EXPECT_EQ(run.exit_code, 1) << run.output.substr(0, 2000);
  std::string marker(kRedacted);
  EXPECT_EQ(marker, "[REDACTED]");
  EXPECT_NE(run.output.find("'Authorization: Zoho-oauthtoken " + marker + "'"), std::string::npos)
      << run.output.substr(0, 2000);
  std::string everything = run.output;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) everything += read_all(entry.path());
  }
  EXPECT_NE(read_all(dir / "tapes" / "bigin-mail" / "the-documented-request-is-accepted.json")
                .find(marker),
            std::string::npos);
  EXPECT_NE(read_all(dir / "r.json").find(marker), std::string::npos);
  EXPECT_EQ(everything.find("secret-42"), std::string::npos);
  EXPECT_EQ(everything.find("<redacted>"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace conform
