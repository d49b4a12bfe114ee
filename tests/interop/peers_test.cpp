// Cross-checks against tools we did not write, on loopback, each bounded in time and skipped
// with a message when node/npm or the package is unavailable:
//  - Prism 5.14 serves our export as a mock; `conform replay` of the positive request fixtures
//    against it must pass;
//  - Dredd 14 replays our export's examples against `conform mock`; it must pass;
//  - Prism's validation proxy in front of `conform mock` adds no `sl-violations` header to the
//    answer to any positive case replayed through it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>

#include <nlohmann/json.hpp>

#include "fixture/fixture.hpp"
#include "interop_support.hpp"
#include "validate/catalog.hpp"

namespace conform::interop {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path export_openapi_file(const TempDir& dir) {
  fs::path file = dir.path() / "openapi.json";
  CommandRun run = conform_cli("export openapi -o " + shell_quote(file.string()) + " --fixtures " +
                               shell_quote(std::string(CONFORM_SOURCE_DIR) + "/fixtures"));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return file;
}

/// Why a Prism mock cannot pass every Capillary channel: OpenAPI 3.0 cannot tie a response to a
/// query parameter, so Prism answers every channel with the first (the default, sms) example.
const char* kPrismChannelLimit =
    "Prism answers every channel with the first response example: OpenAPI 3.0 cannot select a "
    "response by the channel query parameter";

/// Copies every `expect: valid` request fixture into DIR/<api>/, marking the ones on a
/// non-default Capillary channel as xfail (kPrismChannelLimit). Returns {copied, xfailed}.
std::pair<int, int> copy_positive_requests(const fs::path& into, bool mark_channel_xfail = true) {
  int copied = 0, xfailed = 0;
  for (const auto& f : load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures")) {
    if (f.kind != PayloadKind::request || f.expect != Expectation::valid) continue;
    fs::create_directories(into / f.api);
    json document = f.document;
    if (mark_channel_xfail && f.channel && *f.channel != "sms") {
      document["xfail"] = kPrismChannelLimit;
      ++xfailed;
    }
    std::ofstream(into / f.api / f.path.filename()) << document.dump(2);
    ++copied;
  }
  return {copied, xfailed};
}

int count_of(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

/// The console output without OBSERVED cases and their indented failure lines.
std::string without_observed(const std::string& output) {
  std::istringstream in(output);
  std::string line, out;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (line.rfind("OBSERVED ", 0) == 0)
      skipping = true;
    else if (line.rfind("  ", 0) != 0)
      skipping = false;
    if (!skipping) out += line + "\n";
  }
  return out;
}

TEST(Prism, ServingTheExportItPassesReplayOfEveryPositiveRequestFixture) {
  std::string why;
  auto prism = npm_tool("@stoplight/prism-cli@5.14", "prism", 300, why);
  if (!prism) GTEST_SKIP() << why;
  TempDir dir;
  fs::path spec = export_openapi_file(dir);
  auto [copied, xfailed] = copy_positive_requests(dir.path() / "fixtures");
  ASSERT_GT(copied, 15);
  ASSERT_GT(xfailed, 0);
  int port = free_port();
  ChildGroup server({prism->string(), "mock", "-h", "127.0.0.1", "-p", std::to_string(port), "-d",
                     "false", spec.string()},
                    dir.path() / "prism.log");
  ASSERT_TRUE(wait_for_port(port, 45)) << read_file(dir.path() / "prism.log");
  CommandRun run =
      conform_cli("replay --target http://127.0.0.1:" + std::to_string(port) + " --fixtures " +
                      shell_quote((dir.path() / "fixtures").string()) + " --jobs 2 --timeout 10",
                  90);
  EXPECT_EQ(run.exit_code, 0) << run.output << "\n--- prism log ---\n"
                              << read_file(dir.path() / "prism.log").substr(0, 4000);
  EXPECT_NE(run.output.find(" 0 failed"), std::string::npos) << run.output;
  // The xfails fail only on the response body: Prism accepted every request (any letter case
  // of the channel included), with the right status and content type.
  EXPECT_EQ(count_of(run.output, "\nXFAIL "), xfailed) << run.output;
  std::string judged = without_observed(run.output);  // open points may go either way
  for (const char* check : {"positive_data_acceptance", "status_code_conformance",
                            "content_type_conformance", "not_a_server_error"}) {
    EXPECT_EQ(judged.find(check), std::string::npos) << check << "\n" << run.output;
  }
}

/// The `sl-violations` headers Prism's proxy added to recorded exchanges of positive cases:
/// "case: header value" per violation; `scanned` counts the positive exchanges looked at.
std::vector<std::string> proxy_violations(const fs::path& cassettes, int& scanned) {
  std::vector<std::string> found;
  scanned = 0;
  for (const auto& entry : fs::recursive_directory_iterator(cassettes)) {
    if (entry.path().extension() != ".json") continue;
    json cassette = json::parse(read_file(entry.path()));
    std::string name = cassette.value("case", "");
    bool positive = name.find("/probe-") == std::string::npos || name.ends_with("-is-accepted") ||
                    name.find("defaults-to") != std::string::npos;
    if (!positive || !cassette["response"].is_object()) continue;
    ++scanned;
    for (const auto& header : cassette["response"].value("headers", json::array())) {
      std::string header_name = header.size() == 2 ? header[0].get<std::string>() : "";
      for (auto& ch : header_name)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (header_name == "sl-violations")
        found.push_back(name + ": " + header[1].get<std::string>());
    }
  }
  return found;
}

TEST(PrismProxy, InFrontOfTheConformMockItReportsNoViolationOnPositiveCases) {
  std::string why;
  auto prism = npm_tool("@stoplight/prism-cli@5.14", "prism", 300, why);
  if (!prism) GTEST_SKIP() << why;
  TempDir dir;
  fs::path spec = export_openapi_file(dir);
  int copied = copy_positive_requests(dir.path() / "fixtures", false).first;
  int mock_port = free_port();
  ChildGroup mock({CONFORM_BINARY, "mock", "--port", std::to_string(mock_port)},
                  dir.path() / "mock.log");
  ASSERT_TRUE(wait_for_port(mock_port, 15)) << read_file(dir.path() / "mock.log");
  int port = free_port();
  ChildGroup proxy(
      {prism->string(), "proxy", spec.string(), "http://127.0.0.1:" + std::to_string(mock_port),
       "-h", "127.0.0.1", "-p", std::to_string(port)},
      dir.path() / "prism.log");
  ASSERT_TRUE(wait_for_port(port, 45)) << read_file(dir.path() / "prism.log");
  fs::path cassettes = dir.path() / "cassettes";
  CommandRun run =
      conform_cli("replay --target http://127.0.0.1:" + std::to_string(port) + " --fixtures " +
                      shell_quote((dir.path() / "fixtures").string()) +
                      " --jobs 2 --timeout 10 --record " + shell_quote(cassettes.string()),
                  90);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  ASSERT_TRUE(fs::is_directory(cassettes)) << run.output;
  int scanned = 0;
  std::vector<std::string> violations = proxy_violations(cassettes, scanned);
  EXPECT_GE(scanned, copied) << "every positive fixture was recorded through the proxy";
  std::string listed;
  for (const auto& v : violations) listed += v + "\n";
  EXPECT_TRUE(violations.empty()) << listed;
}

/// The page's own example for a documented non-2xx status: an invalid fixture with a `source`
/// that names the status's requirement (whippy's 422 for a malformed sender_email).
json status_examples(const Catalog& catalog) {
  json table = json::array();
  auto fixtures = load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures");
  for (const auto& api : catalog.apis()) {
    const Contract& c = api.contract;
    for (const auto& status : c.statuses) {
      if (status.code[0] == '2' || status.requirement.empty()) continue;
      for (const auto& f : fixtures) {
        bool names_it = std::find(f.requirements.begin(), f.requirements.end(),
                                  status.requirement) != f.requirements.end();
        if (f.api != c.id || f.expect != Expectation::invalid || f.source.empty() || !f.body ||
            !names_it)
          continue;
        table.push_back({{"prefix", c.path.substr(0, c.path.find('{'))},
                         {"status", status.code},
                         {"body", f.body->dump()}});
        break;
      }
    }
  }
  return table;
}

/// A Dredd hook file that sends each API's placeholder credential in its own header, and for a
/// transaction that expects a documented error status, the page's example of that error (Dredd
/// sends one request body per operation, the valid one, whatever status it then expects).
void write_hooks(const fs::path& file) {
  Catalog catalog = Catalog::load(embedded_schema_source());
  json auth = json::array();
  for (const auto& api : catalog.apis()) {
    const Contract& c = api.contract;
    auth.push_back({{"prefix", c.path.substr(0, c.path.find('{'))},
                    {"header", c.auth.header},
                    {"value", c.auth.placeholder}});
  }
  std::ofstream(file) << "const hooks = require('hooks');\n"
                      << "const auth = " << auth.dump() << ";\n"
                      << "const errors = " << status_examples(catalog).dump() << ";\n"
                      << "hooks.beforeEach((t, done) => {\n"
                      << "  for (const a of auth) if (t.request.uri.startsWith(a.prefix)) "
                         "t.request.headers[a.header] = a.value;\n"
                      << "  for (const e of errors) if (t.request.uri.startsWith(e.prefix) && "
                         "t.expected.statusCode === e.status) t.request.body = e.body;\n"
                      << "  done();\n});\n";
}

TEST(Dredd, TheExportsExamplesPassAgainstTheConformMock) {
  std::string why;
  auto dredd = npm_tool("dredd@14", "dredd", 300, why);
  if (!dredd) GTEST_SKIP() << why;
  TempDir dir;
  fs::path spec = export_openapi_file(dir);
  write_hooks(dir.path() / "hooks.js");
  int port = free_port();
  ChildGroup mock({CONFORM_BINARY, "mock", "--port", std::to_string(port)},
                  dir.path() / "mock.log");
  ASSERT_TRUE(wait_for_port(port, 15)) << read_file(dir.path() / "mock.log");
  CommandRun run = run_command(shell_quote(dredd->string()) + " " + shell_quote(spec.string()) +
                                   " http://127.0.0.1:" + std::to_string(port) + " --hookfiles " +
                                   shell_quote((dir.path() / "hooks.js").string()) +
                                   " --loglevel warning --color false",
                               90);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("5 passing, 0 failing, 0 errors, 0 skipped, 5 total"),
            std::string::npos)
      << run.output;
}

}  // namespace
}  // namespace conform::interop
