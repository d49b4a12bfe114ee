// Every contract, overlay and fixture is checked against its meta-schema as it loads, and the
// requirement ids a bundle names must be in its contract: a fault is exit 2 with the file, the
// JSON pointer and what is wrong. Through the real binary.
#include <gtest/gtest.h>

#include "bundle_support.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test::copy_bundle;
using test::rewrite;
using test::run_conform;
using test::Scratch;

/// A copy of one built-in bundle broken by `change`, loaded by `list`: exit 2 and `expected`.
void expect_refused(const std::string& file, const std::function<void(json&)>& change,
                    const std::string& expected) {
  Scratch dir("broken");
  fs::path bundle = copy_bundle("bigin-mail", dir.path, "acme-mail");
  rewrite(bundle / file, change);
  auto r = run_conform("list --schemas " + dir.path.string());
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find((bundle / file).string() + ": " + expected), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("[json.exception"), std::string::npos) << r.err;
}

TEST(LoadChecks, ABrokenContractNamesTheFileThePointerAndWhatIsWrong) {
  expect_refused(
      "contract.json", [](json& c) { c.erase("auth"); }, "/auth: missing required property");
  expect_refused(
      "contract.json", [](json& c) { c["auth"]["prefixes"] = "Zoho-oauthtoken "; },
      "/auth/prefixes: expected type \"array\", got string");
  expect_refused(
      "contract.json", [](json& c) { c["auth"]["requirement"] = "acme-mail.no-such-rule"; },
      "/auth/requirement: names requirement 'acme-mail.no-such-rule', which contract.json does not "
      "list");
  expect_refused(
      "request.schema.json",
      [](json& s) { s["properties"]["data"]["x-requirement"] = "acme-mail.no-such-rule"; },
      "/properties/data/x-requirement: names requirement 'acme-mail.no-such-rule'");
}

TEST(LoadChecks, ABrokenOverlayNamesTheFileThePointerAndWhatIsWrong) {
  expect_refused(
      "overlay.json", [](json& o) { o["patches"][0].erase("reason"); },
      "/patches/0/reason: missing required property");
  expect_refused(
      "overlay.json", [](json& o) { o["outputs"][0]["section"] = "thirty-one"; },
      "/outputs/0/section: expected type \"integer\", got string");
}

TEST(LoadChecks, ABrokenOverlayStopsDerive) {
  Scratch dir("derive");
  fs::path bundle = copy_bundle("bigin-mail", dir.path, "bigin-mail");
  rewrite(bundle / "overlay.json", [](json& o) { o["names"] = {{{"line", 3}, {"name", "from"}}}; });
  fs::path page = fs::path(CONFORM_SEEDS_DIR) / "004_48a580a97fdcacca.txt";
  if (!fs::exists(page)) GTEST_SKIP() << "no vendor page at " << page;
  auto r = run_conform("derive " + page.string() + " --out " + dir.path.string() + " --check");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find((bundle / "overlay.json").string() +
                       ": /names/0/reason: missing required property"),
            std::string::npos)
      << r.err;
}

/// One fixture file under DIR/whippy-email/, checked by validate and by replay.
void expect_fixture_refused(const std::string& text, const std::string& expected) {
  Scratch dir("fixture");
  fs::create_directories(dir.path / "whippy-email");
  fs::path file = dir.path / "whippy-email" / "a-broken-fixture.json";
  std::ofstream(file) << text;
  for (const char* command : {"validate --fixtures ", "replay --list-cases --fixtures "}) {
    auto r = run_conform(std::string(command) + dir.path.string());
    EXPECT_EQ(r.exit_code, 2) << command << r.out;
    EXPECT_NE(r.err.find(file.string() + ": " + expected), std::string::npos) << command << r.err;
    EXPECT_EQ(r.err.find("[json.exception"), std::string::npos) << r.err;
  }
}

TEST(LoadChecks, ABrokenFixtureNamesTheFileThePointerAndWhatIsWrong) {
  expect_fixture_refused(
      R"({"conform_fixture":1,"kind":"request","expect":"valid","body":{"to":["a@example.com"]}})",
      "/requirements: missing required property");
  expect_fixture_refused(
      R"({"conform_fixture":1,"kind":"request","expect":"valid","requirements":["whippy-email.to"],"body":{},"colour":"red"})",
      "/colour: unknown member");
  expect_fixture_refused(
      R"({"conform_fixture":1,"kind":"request","expect":"valid","requirements":"whippy-email.to","body":{}})",
      "/requirements: expected type \"array\", got string");
  expect_fixture_refused(
      R"({"conform_fixture":1,"kind":"request","expect":"valid","requirements":["whippy-email.to","whippy-email.nope"],"body":{}})",
      "/requirements/1: names requirement 'whippy-email.nope', which whippy-email's contract.json "
      "does not list");
}

}  // namespace
}  // namespace conform
