// `conform derive` end to end: the drift gate over the vendor pages, the doc lint, bad input,
// and a page written for this test that the parsers were not tuned on.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"

namespace {

namespace fs = std::filesystem;

using conform::test::CliRun;

/// `conform ARGS` run from the source tree, where derive's default --out (schemas/) is.
CliRun run_conform(const std::string& args) {
  return conform::test::run_shell(
      "cd '" CONFORM_SOURCE_DIR "' && timeout 300 '" CONFORM_BINARY "' " + args + " 2>&1");
}

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("derive_test_" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string seeds(const std::string& glob = "*.txt") {
  return "'" CONFORM_SEEDS_DIR "'/" + glob;
}

#define REQUIRE_SEEDS()                                          \
  if (!fs::is_directory(CONFORM_SEEDS_DIR))                      \
  GTEST_SKIP() << "vendor pages not found at " CONFORM_SEEDS_DIR \
                  " (CONFORM_SEEDS_DIR); "                       \
                  "the drift gate needs them"

TEST(DriftGate, CommittedSchemasAreExactlyWhatDerivationProduces) {
  REQUIRE_SEEDS();
  CliRun run = run_conform("derive --check " + seeds());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("5 page(s), no drift"), std::string::npos) << run.output;
}

TEST(DriftGate, AChangedSchemaIsReportedWithADiffAndExit1) {
  REQUIRE_SEEDS();
  fs::path out = scratch("drift");
  fs::copy(fs::path(CONFORM_SOURCE_DIR) / "schemas/genesys-email", out / "genesys-email");
  fs::path schema = out / "genesys-email/request.schema.json";
  std::ifstream in(schema);
  std::stringstream text;
  text << in.rdbuf();
  std::string changed = text.str();
  changed.replace(changed.find("\"queueName\",\n"), 13, "");
  write(schema, changed);
  CliRun run = run_conform("derive --check --out '" + out.string() + "' " + seeds("003_*.txt"));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("drift: " + schema.string() + " differs"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("+    \"queueName\","), std::string::npos) << run.output;
}

TEST(DocLint, FindsEveryKnownDefectOfTheVendorPagesAndNothingElse) {
  REQUIRE_SEEDS();
  CliRun run = run_conform("derive --lint " + seeds());
  EXPECT_EQ(run.exit_code, 1);
  const char* expected[] = {
      "000_340faa7c43ae45ed.txt:39: unknown-type",
      "000_340faa7c43ae45ed.txt:37: inconsistent-spelling",  // fileName vs 001's file_name
      "001_fc6b3512c4fe537a.txt:71: description-mismatch",   // says fileData
      "001_fc6b3512c4fe537a.txt:96: invalid-example-json",   // SMS example lacks its brace
      "001_fc6b3512c4fe537a.txt:259: label-typo",            // Zato
      "001_fc6b3512c4fe537a.txt:120: empty-required-value",  // body ""
      "002_596f1fd0dac9b3a0.txt:38: missing-name",
      "002_596f1fd0dac9b3a0.txt:54: enum-without-values",
      "003_3603383761989dfe.txt:85: description-contradicts-example",
      "003_3603383761989dfe.txt:88: description-contradicts-example",
      "004_48a580a97fdcacca.txt:39: description-mismatch",  // bcc reads like reply-to
      "004_48a580a97fdcacca.txt:83: field-not-in-table",    // reply_to
      "004_48a580a97fdcacca.txt:102: truncated-section",
  };
  for (const char* finding : expected)
    EXPECT_NE(run.output.find(finding), std::string::npos) << finding;
  // 13 above, 3 more spelling pairs of 000/001 and 9 more lost names of 002: nothing spurious.
  EXPECT_NE(run.output.find("lint: 25 finding(s) in 5 page(s)"), std::string::npos) << run.output;
}

TEST(DeriveCli, BadInputExits2WithAReason) {
  fs::path dir = scratch("bad");
  write(dir / "empty.txt", "");
  write(dir / "binary.bin", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  write(dir / "prose.txt", "A page with prose only.\n");
  CliRun empty = run_conform("derive '" + (dir / "empty.txt").string() + "'");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.output.find("unrecognised page shape: the file is empty"), std::string::npos)
      << empty.output;
  CliRun binary = run_conform("derive --lint '" + (dir / "binary.bin").string() + "'");
  EXPECT_EQ(binary.exit_code, 2);
  EXPECT_NE(binary.output.find("binary file"), std::string::npos) << binary.output;
  CliRun prose = run_conform("derive --check '" + (dir / "prose.txt").string() + "'");
  EXPECT_EQ(prose.exit_code, 2);
  EXPECT_NE(prose.output.find("unrecognised page shape: no markdown pipe table"),
            std::string::npos);
  EXPECT_EQ(run_conform("derive").exit_code, 2);
  EXPECT_EQ(run_conform("derive '" + (dir / "missing.txt").string() + "'").exit_code, 2);
}

// A Zoho-style page written for this test; nothing in the parsers was tuned on it.
TEST(UnseenPage, DerivesACorrectSchemaWithNoOverlay) {
  fs::path dir = scratch("unseen");
  write(dir / "tickets.txt",
        "Create ticket\r\nOpens a support ticket.\r\nBody parameters\r\ntitle stringRequired\r\n"
        "The title of the ticket.\r\npriority integerOptional\r\nHow urgent it is. The default "
        "value is 3.\r\n"
        "watchers jsonarrayOptional\r\nPeople to notify,\r\none object per person.\r\n"
        "due_at datetimeOptional\r\nWhen it is due, in ISO 8601.\r\nchannel stringOptional\r\n"
        "Where to reply. The allowed values are email, chat or phone.\r\nSample request\r\n");
  fs::path out = dir / "out";
  CliRun run =
      run_conform("derive --out '" + out.string() + "' '" + (dir / "tickets.txt").string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::ifstream in(out / "tickets/request.schema.json");
  nlohmann::json schema = nlohmann::json::parse(in);
  EXPECT_EQ(schema["required"], nlohmann::json({"title"}));
  EXPECT_EQ(schema["x-locator"], "tickets.txt:3");
  const auto& p = schema["properties"];
  EXPECT_EQ(p["title"]["type"], "string");
  EXPECT_EQ(p["title"]["x-locator"], "tickets.txt:4");
  EXPECT_EQ(p["title"]["x-requirement"], "tickets.title");
  EXPECT_EQ(p["priority"]["type"], "integer");
  EXPECT_EQ(p["priority"]["default"], 3);
  EXPECT_EQ(p["watchers"]["type"], "array");
  EXPECT_EQ(p["due_at"]["format"], "date-time");
  EXPECT_EQ(p["channel"]["enum"], nlohmann::json({"email", "chat", "phone"}));
  EXPECT_EQ(p.size(), 5u);
  std::ifstream table(out / "tickets/doctable.json");
  nlohmann::json doc = nlohmann::json::parse(table);
  EXPECT_EQ(doc["sections"][0]["rows"][2]["description"], "tickets.txt:9-10");
  CliRun again = run_conform("derive --check --out '" + out.string() + "' '" +
                             (dir / "tickets.txt").string() + "'");
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

}  // namespace
