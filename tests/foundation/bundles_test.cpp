// `--schemas DIR` adds bundles to the built-in contracts (a built-in id is replaced, and conform
// says so), and `conform list` tells where each contract came from: through the real binary.
#include <gtest/gtest.h>

#include <algorithm>

#include "bundle_support.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test::copy_bundle;
using test::rewrite;
using test::run_conform;
using test::Scratch;

size_t lines_of(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

/// The line of `list` text output that starts with the API id.
std::string list_line(const std::string& out, const std::string& api) {
  size_t at = out.find(api + "\t");
  return at == std::string::npos ? "" : out.substr(at, out.find('\n', at) - at);
}

TEST(Bundles, ASixthApiFromADirectoryAddsToTheBuiltInOnes) {
  Scratch dir("sixth");
  copy_bundle("bigin-mail", dir.path, "acme-mail");
  auto text = run_conform("list --schemas " + dir.path.string());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(lines_of(text.out), 6u) << text.out;
  EXPECT_NE(list_line(text.out, "acme-mail").find("\torigin: " + dir.path.string()),
            std::string::npos)
      << text.out;
  EXPECT_NE(list_line(text.out, "bigin-mail").find("\torigin: built-in"), std::string::npos)
      << text.out;
  EXPECT_EQ(text.err.find("replaces"), std::string::npos) << text.err;
  auto listed = run_conform("list --format json --schemas " + dir.path.string());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  json apis = json::parse(listed.out);
  ASSERT_EQ(apis.size(), 6u);
  for (const auto& api : apis) {
    EXPECT_EQ(api["origin"], api["id"] == "acme-mail" ? dir.path.string() : "built-in")
        << api.dump();
  }
  fs::path sample =
      test::source_dir() / "fixtures/bigin-mail/the-documented-request-is-accepted.json";
  auto valid = run_conform("validate --schemas " + dir.path.string() + " --api acme-mail " +
                           sample.string());
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
}

TEST(Bundles, ABundleWithABuiltInIdReplacesItAndSaysSo) {
  Scratch dir("replace");
  fs::path bundle = copy_bundle("bigin-mail", dir.path, "bigin-mail");
  rewrite(bundle / "contract.json", [](json& c) { c["title"] = "Bigin, as this team reads it"; });
  auto listed = run_conform("list --format json --schemas " + dir.path.string());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  json apis = json::parse(listed.out);
  ASSERT_EQ(apis.size(), 5u);
  for (const auto& api : apis) {
    if (api["id"] != "bigin-mail") continue;
    EXPECT_EQ(api["title"], "Bigin, as this team reads it");
    EXPECT_EQ(api["origin"], dir.path.string());
  }
  EXPECT_NE(
      listed.err.find("--schemas " + dir.path.string() + ": bigin-mail replaces the built-in one"),
      std::string::npos)
      << listed.err;
}

TEST(Bundles, DirectoriesLayerInTheOrderGiven) {
  Scratch first("first"), second("second");
  copy_bundle("genesys-email", first.path, "acme-mail");
  copy_bundle("whippy-email", second.path, "acme-mail");
  auto r =
      run_conform("list --schemas " + first.path.string() + " --schemas " + second.path.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out), 6u) << r.out;
  EXPECT_NE(list_line(r.out, "acme-mail").find("\torigin: " + second.path.string()),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("acme-mail replaces the one from " + first.path.string()), std::string::npos)
      << r.err;
}

TEST(Bundles, ADirectoryHoldingNoBundleIsExitTwo) {
  Scratch dir("none");
  auto r = run_conform("list --schemas " + dir.path.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(dir.path.string() + ": holds no contract bundle"), std::string::npos)
      << r.err;
  fs::path bundle = copy_bundle("bigin-mail", dir.path, "acme-mail");
  r = run_conform("list --schemas " + bundle.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("it is a bundle itself: give its parent directory"), std::string::npos)
      << r.err;
}

/// A path parameter needs a segment to send: one with neither an example nor an enum is refused
/// as the bundle loads, and one with only an enum sends its first value (it used to send "").
TEST(Bundles, APathParameterSendsItsExampleOrItsFirstEnumValueAndNeverAnEmptySegment) {
  Scratch dir("path-params");
  fs::path bundle = copy_bundle("bigin-mail", dir.path, "acme-mail");
  rewrite(bundle / "contract.json", [](json& c) { c["path_params"][1].erase("example"); });
  auto refused = run_conform("list --schemas " + dir.path.string());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find((bundle / "contract.json").string() +
                             ": /path_params/1/example: missing required property"),
            std::string::npos)
      << refused.err;
  rewrite(bundle / "contract.json", [](json& c) {
    c["path_params"][1]["example"] = "";
    c["path_params"][1]["enum"] = json::array({"77"});
    c["path_params"][0].erase("example");
  });
  auto dry = run_conform("fuzz --schemas " + dir.path.string() +
                         " --api acme-mail --target http://127.0.0.1:9 --dry-run --cases 3");
  EXPECT_EQ(dry.exit_code, 2) << "an empty example is refused too: " << dry.err;
  rewrite(bundle / "contract.json", [](json& c) { c["path_params"][1].erase("example"); });
  dry = run_conform("fuzz --schemas " + dir.path.string() +
                    " --api acme-mail --target http://127.0.0.1:9 --dry-run --cases 3");
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("/bigin/v2/Contacts/77/actions/send_mail"), std::string::npos) << dry.out;
  for (size_t at = dry.out.find("//"); at != std::string::npos; at = dry.out.find("//", at + 2)) {
    EXPECT_EQ(dry.out.compare(at - 1, 3, "://"), 0) << "an empty segment: " << dry.out.substr(at);
  }
}

}  // namespace
}  // namespace conform
