// `conform export openapi` on the command line, and its output checked by a validator we did not
// write: @apidevtools/swagger-cli 4 (installed with npm under the build dir; skipped without npm).
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "interop_support.hpp"

namespace conform::interop {
namespace {

using nlohmann::json;

std::string export_to(const TempDir& dir, const std::string& extra = "") {
  std::string file = (dir.path() / "openapi.json").string();
  CommandRun run =
      conform_cli("export openapi -o " + shell_quote(file) + " --fixtures " +
                  shell_quote(std::string(CONFORM_SOURCE_DIR) + "/fixtures") + " " + extra);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return file;
}

TEST(ExportCli, WritesOpenApi303ForEveryContractByDefault) {
  TempDir dir;
  json doc = json::parse(read_file(export_to(dir)));
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_EQ(doc["paths"].size(), 5u);
}

TEST(ExportCli, ApiFlagsNarrowTheDocumentAndStdoutIsTheDefault) {
  CommandRun run = conform_cli("export openapi --api whippy-email --api bigin-mail", 30);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  json doc = json::parse(run.output);
  EXPECT_EQ(doc["paths"].size(), 2u);
  EXPECT_TRUE(doc["paths"].contains("/v1/messaging/email"));
}

TEST(ExportCli, UsageErrorsExitTwo) {
  EXPECT_EQ(conform_cli("export").exit_code, 2);
  EXPECT_EQ(conform_cli("export swagger").exit_code, 2);
  EXPECT_EQ(conform_cli("export openapi --api nope").exit_code, 2);
  EXPECT_EQ(conform_cli("export openapi --fixtures /nonexistent/dir").exit_code, 2);
  CommandRun help = conform_cli("export --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("usage: conform export openapi"), std::string::npos) << help.output;
}

TEST(ExportCli, WithoutAFixturesFolderTheBuiltInExamplesAreUsed) {
  TempDir dir;  // no ./fixtures here: the page examples come from the fixtures built into conform
  CommandRun run = run_command("cd " + shell_quote(dir.path().string()) + " && " +
                                   shell_quote(CONFORM_BINARY) + " export openapi",
                               30);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("\"examples\""), std::string::npos);
}

TEST(SwaggerCli, TheExportValidates) {
  std::string why;
  auto tool = npm_tool("@apidevtools/swagger-cli@4", "swagger-cli", 240, why);
  if (!tool) GTEST_SKIP() << why;
  TempDir dir;
  std::string file = export_to(dir);
  CommandRun run = run_command(shell_quote(tool->string()) + " validate " + shell_quote(file), 60);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("is valid"), std::string::npos) << run.output;
}

TEST(SwaggerCli, EachApiAloneValidates) {
  std::string why;
  auto tool = npm_tool("@apidevtools/swagger-cli@4", "swagger-cli", 240, why);
  if (!tool) GTEST_SKIP() << why;
  for (const char* api :
       {"bigin-mail", "capillary-email", "capillary-message", "genesys-email", "whippy-email"}) {
    TempDir dir;
    std::string file = export_to(dir, std::string("--api ") + api);
    CommandRun run =
        run_command(shell_quote(tool->string()) + " validate " + shell_quote(file), 60);
    EXPECT_EQ(run.exit_code, 0) << api << "\n" << run.output;
  }
}

TEST(SwaggerCli, ABrokenDocumentIsRejectedSoTheCheckCanFail) {
  std::string why;
  auto tool = npm_tool("@apidevtools/swagger-cli@4", "swagger-cli", 240, why);
  if (!tool) GTEST_SKIP() << why;
  TempDir dir;
  json doc = json::parse(read_file(export_to(dir)));
  doc["components"]["schemas"]["whippy-email.request"]["properties"]["sender_email"]["type"] =
      json::array({"string", "null"});  // draft-07 spelling, not OpenAPI 3.0
  std::string file = (dir.path() / "broken.json").string();
  std::ofstream(file) << doc.dump();
  CommandRun run = run_command(shell_quote(tool->string()) + " validate " + shell_quote(file), 60);
  EXPECT_NE(run.exit_code, 0) << run.output;
}

}  // namespace
}  // namespace conform::interop
