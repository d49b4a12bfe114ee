// Done-when for issue 14 items 1-2: three vendor-like pages written for this test (markdown
// tables, a Zoho-style list, PDF-text tables; not used to tune the parsers) become working
// contracts with `conform derive` alone: validate, mock, replay and fuzz run on each through
// --schemas/--fixtures with no hand-written file. And the drift gate covers every bundle file.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../mock/mock_process.hpp"
#include "support/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using conform::test::conform_cli;

const char* const kPages[] = {"nimbus-mail", "relay-sms", "pingback-push"};

std::string pages_dir() {
  return std::string(CONFORM_SOURCE_DIR) + "/tests/derive/pages";
}

fs::path derived_tree() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("derive_new_pages_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class NewPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fs::path d = derived_tree();
    derive_run = new conform::test::CliRun(
        conform_cli("derive --out '" + (d / "schemas").string() + "' --fixtures-out '" +
                    (d / "fixtures").string() + "' '" + pages_dir() + "/nimbus-mail.md' '" +
                    pages_dir() + "/relay-sms.txt' '" + pages_dir() + "/pingback-push.txt'"));
  }
  static void TearDownTestSuite() {
    delete derive_run;
    fs::remove_all(derived_tree());
  }
  static std::string layers() {
    return " --schemas '" + (derived_tree() / "schemas").string() + "' --fixtures '" +
           (derived_tree() / "fixtures").string() + "'";
  }
  static conform::test::CliRun* derive_run;
};

conform::test::CliRun* NewPages::derive_run = nullptr;

TEST_F(NewPages, DeriveWritesTheWholeBundleOfEachPage) {
  ASSERT_EQ(derive_run->exit_code, 0) << derive_run->output;
  for (const char* api : kPages) {
    fs::path bundle = derived_tree() / "schemas" / api;
    for (const char* file :
         {"contract.json", "request.schema.json", "response.schema.json", "doctable.json"})
      EXPECT_TRUE(fs::exists(bundle / file)) << api << "/" << file;
    EXPECT_FALSE(fs::is_empty(derived_tree() / "fixtures" / api)) << api;
    auto contract = nlohmann::json::parse(slurp(bundle / "contract.json"));
    EXPECT_EQ(contract["method"], "POST") << api;
    EXPECT_TRUE(contract.contains("auth")) << api;
  }
}

TEST_F(NewPages, WhatNoPageStatesIsNamedOnStderr) {
  EXPECT_NE(derive_run->output.find(
                "derive: relay-sms: no response.schema.json table or sample on the page"),
            std::string::npos)
      << derive_run->output;
  EXPECT_EQ(derive_run->output.find("derive: nimbus-mail:"), std::string::npos)
      << derive_run->output;
}

TEST_F(NewPages, ASampleThatContradictsItsTableIsAnOpenFixtureAndAnOpenPoint) {
  fs::path fixtures = derived_tree() / "fixtures" / "relay-sms";
  ASSERT_TRUE(fs::exists(fixtures / "the-request-sample-at-line-23-contradicts-its-table.json"));
  auto fixture = nlohmann::json::parse(
      slurp(fixtures / "the-request-sample-at-line-23-contradicts-its-table.json"));
  EXPECT_EQ(fixture["expect"], "open");
  EXPECT_EQ(fixture["errors_at"], nlohmann::json::array({"/sender_id"}));
  auto contract =
      nlohmann::json::parse(slurp(derived_tree() / "schemas" / "relay-sms" / "contract.json"));
  bool registered = false;
  for (const auto& p : contract["open_points"])
    registered = registered || p["id"] == "sample-contradicts-table-23";
  EXPECT_TRUE(registered);
  auto lint = conform_cli("derive --lint '" + pages_dir() + "/relay-sms.txt'");
  EXPECT_NE(lint.output.find("relay-sms.txt:26: example-type-mismatch"), std::string::npos)
      << lint.output;
}

TEST_F(NewPages, EveryFixtureGetsTheVerdictItRecords) {
  auto run = conform_cli("validate" + layers());
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST_F(NewPages, ReplayAndFuzzAgainstTheMockPass) {
  conform::mock_test::MockProcess mock({"--schemas", (derived_tree() / "schemas").string()});
  ASSERT_GT(mock.port, 0);
  std::string target = " --target http://127.0.0.1:" + std::to_string(mock.port);
  for (const char* api : kPages) {
    auto replay = conform_cli(std::string("replay --api ") + api + target + layers());
    EXPECT_EQ(replay.exit_code, 0) << api << "\n" << replay.output;
    auto fuzz = conform_cli(std::string("fuzz --seed 7 --cases 20 --api ") + api + target +
                            " --schemas '" + (derived_tree() / "schemas").string() + "'");
    EXPECT_EQ(fuzz.exit_code, 0) << api << "\n" << fuzz.output;
  }
}

TEST(DriftGateBundles, AnEditedContractAndAStrayFileAreDrift) {
  if (!fs::is_directory(CONFORM_SEEDS_DIR))
    GTEST_SKIP() << "vendor pages not found at " CONFORM_SEEDS_DIR;
  fs::path out = derived_tree() / "gate";
  fs::create_directories(out);
  fs::copy(std::string(CONFORM_SOURCE_DIR) + "/schemas", out, fs::copy_options::recursive);
  std::string pages = std::string(" '") + CONFORM_SEEDS_DIR + "'/*.txt";
  auto clean = conform_cli("derive --check --out '" + out.string() + "'" + pages);
  EXPECT_EQ(clean.exit_code, 0) << clean.output;
  std::string text = slurp(out / "bigin-mail" / "contract.json");
  text.replace(text.find("\"POST\""), 6, "\"PUT\"");
  std::ofstream(out / "bigin-mail" / "contract.json", std::ios::binary) << text;
  std::ofstream(out / "genesys-email" / "stray.schema.json") << "{}";
  auto drift = conform_cli("derive --check --out '" + out.string() + "'" + pages);
  EXPECT_EQ(drift.exit_code, 1) << drift.output;
  EXPECT_NE(drift.output.find("bigin-mail/contract.json differs from what derivation produces"),
            std::string::npos)
      << drift.output;
  EXPECT_NE(drift.output.find("genesys-email/stray.schema.json is not produced by derivation"),
            std::string::npos)
      << drift.output;
}

}  // namespace
