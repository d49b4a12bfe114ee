/// `conform.toml` through the real binary: a profile that supplies the target (the in-process
/// mock), a flag on the command line that wins over the file, `${VAR}` substitution, and the
/// refusals (unknown key, literal secret, unset variable, unknown profile), each exit 2.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "mock/mock_server.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// A fresh directory holding `conform.toml` with `text`.
fs::path config_dir(const std::string& name, const std::string& text) {
  fs::path dir =
      fs::temp_directory_path() / ("conform-config-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "conform.toml") << text;
  return dir;
}

/// `conform ARGUMENTS` run from `dir`, so ./conform.toml is found there.
test::CliRun conform_in(const fs::path& dir, const std::string& arguments, int timeout_s = 120) {
  return test::run_shell("cd " + dir.string() + " && timeout " + std::to_string(timeout_s) + " " +
                         std::string(CONFORM_BINARY) + " " + arguments + " 2>&1");
}

const char* const kStaging = R"(# defaults for every profile
api = ["whippy-email"]
jobs = 2
seed = 5            # a fuzz flag: replay leaves it alone

[fuzz]
cases = 7

[env.staging]
target = "${CONFORM_TEST_MOCK_URL}"
timeout = 5

[env.dead]
target = "http://127.0.0.1:9"
)";

TEST(ConfigFile, AProfileSuppliesTheTargetFromTheEnvironment) {
  MockServer mock;
  mock.start(MockOptions{});
  ::setenv("CONFORM_TEST_MOCK_URL", mock.url().c_str(), 1);
  fs::path dir = config_dir("profile", kStaging);
  auto run = conform_in(dir, "replay --env staging");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(has(run.output, "conform replay: settings from conform.toml [env.staging]"))
      << run.output;
  EXPECT_TRUE(has(run.output, "conform replay against " + mock.url())) << run.output;
  EXPECT_GT(mock.outbox_count(), 0u);
  auto fuzz = conform_in(dir, "fuzz --env staging");
  EXPECT_EQ(fuzz.exit_code, 0) << fuzz.output;
  EXPECT_TRUE(has(fuzz.output, "seed 5,") && has(fuzz.output, "+ 7 random cases")) << fuzz.output;
}

TEST(ConfigFile, AFlagOnTheCommandLineWinsOverTheFile) {
  MockServer mock;
  mock.start(MockOptions{});
  fs::path dir = config_dir("override", kStaging);
  auto run = conform_in(dir, "replay --env dead --target " + mock.url());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(has(run.output, "conform replay against " + mock.url())) << run.output;
  auto listed = conform_in(dir, "replay --list-cases --api genesys-email");
  EXPECT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_TRUE(has(listed.output, "genesys-email/")) << listed.output;
  EXPECT_FALSE(has(listed.output, "whippy-email/")) << listed.output;
  auto from_file = conform_in(dir, "replay --list-cases");
  EXPECT_TRUE(has(from_file.output, "whippy-email/") && !has(from_file.output, "genesys-email/"))
      << from_file.output;
  auto explicit_path =
      test::conform_cli("replay --list-cases --config " + (dir / "conform.toml").string());
  EXPECT_EQ(explicit_path.exit_code, 0);
  EXPECT_TRUE(has(explicit_path.output, "whippy-email/") &&
              !has(explicit_path.output, "genesys-email/"));
}

TEST(ConfigFile, AnUnknownKeyIsRefusedWithTheFileTheLineAndTheKey) {
  fs::path dir = config_dir(
      "unknown", "api = [\"whippy-email\"]\n\n[env.staging]\ntagret = \"http://127.0.0.1:9\"\n");
  auto run = conform_in(dir, "replay --env staging --list-cases");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(
      has(run.output, "conform replay: conform.toml:4: unknown key 'tagret' in [env.staging]"))
      << run.output;
  fs::path fuzz_only = config_dir("fuzz-only", "[replay]\ncases = 3\n");
  auto replay = conform_in(fuzz_only, "replay --list-cases");
  EXPECT_EQ(replay.exit_code, 2);
  EXPECT_TRUE(has(replay.output,
                  "conform.toml:2: unknown key 'cases' in [replay] (not a flag of conform replay"))
      << replay.output;
  fs::path syntax = config_dir("syntax", "jobs = = 3\n");
  auto bad = conform_in(syntax, "fuzz --list-cases");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(has(bad.output, "conform.toml:1: not valid TOML")) << bad.output;
  auto checked = conform_in(config_dir("range", "jobs = 0\n"), "replay --list-cases");
  EXPECT_EQ(checked.exit_code, 2);
  EXPECT_TRUE(
      has(checked.output, "conform.toml:1: jobs: must be a whole number from 1 to 256, got '0'"))
      << checked.output;
}

TEST(ConfigFile, ASecretWrittenInTheFileIsRefused) {
  auto auth = conform_in(config_dir("auth", "[env.staging]\nauth = [\"bigin-mail=1000.abcdef\"]\n"),
                         "replay --env staging --list-cases");
  EXPECT_EQ(auth.exit_code, 2);
  EXPECT_TRUE(
      has(auth.output,
          "conform.toml:2: auth: the credential of bigin-mail is written in the file; write "
          "${VARIABLE} and set the variable in the environment"))
      << auth.output;
  EXPECT_FALSE(has(auth.output, "1000.abcdef")) << auth.output;
  auto header =
      conform_in(config_dir("header", "header = [\"X-Gateway: staging\", \"X-Api-Key: k3y\"]\n"),
                 "fuzz --list-cases");
  EXPECT_EQ(header.exit_code, 2);
  EXPECT_TRUE(has(header.output, "the header X-Api-Key looks like a credential")) << header.output;
  auto proxy = conform_in(config_dir("proxy", "proxy = \"http://me:pw0rd@127.0.0.1:3128\"\n"),
                          "replay --list-cases");
  EXPECT_EQ(proxy.exit_code, 2);
  EXPECT_TRUE(has(proxy.output, "the proxy password is written in the file")) << proxy.output;
  ::setenv("CONFORM_TEST_BIGIN_TOKEN", "1000.from-env", 1);
  auto referenced =
      conform_in(config_dir("referenced",
                            "auth = [\"bigin-mail=${CONFORM_TEST_BIGIN_TOKEN}\"]\n"
                            "header = [\"X-Api-Key: ${CONFORM_TEST_BIGIN_TOKEN}\"]\n"),
                 "replay --list-cases");
  EXPECT_EQ(referenced.exit_code, 0) << referenced.output;
}

TEST(ConfigFile, AnUnsetVariableAnUnknownProfileOrEnvWithoutAFileIsAUsageError) {
  ::unsetenv("CONFORM_TEST_UNSET");
  auto unset = conform_in(config_dir("unset", "[env.ci]\ntarget = \"${CONFORM_TEST_UNSET}\"\n"),
                          "replay --env ci");
  EXPECT_EQ(unset.exit_code, 2);
  EXPECT_TRUE(has(unset.output,
                  "conform.toml:2: target: ${CONFORM_TEST_UNSET} is not set in the environment"))
      << unset.output;
  auto profile = conform_in(config_dir("profiles", kStaging), "replay --env prod --list-cases");
  EXPECT_EQ(profile.exit_code, 2);
  EXPECT_TRUE(
      has(profile.output, "--env prod: conform.toml has no [env.prod] (profiles: dead, staging)"))
      << profile.output;
  fs::path empty =
      fs::temp_directory_path() / ("conform-config-none-" + std::to_string(::getpid()));
  fs::create_directories(empty);
  auto none = conform_in(empty, "replay --env staging --list-cases");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_TRUE(has(none.output, "--env staging: no config file")) << none.output;
  auto missing = test::conform_cli("fuzz --config /nonexistent/conform.toml --list-cases");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(has(missing.output, "--config /nonexistent/conform.toml: no such file"))
      << missing.output;
}

TEST(ConfigFile, OtherCommandsAndHelpIgnoreTheFile) {
  fs::path dir = config_dir("ignored", "bogus = 1\n");
  EXPECT_EQ(conform_in(dir, "list").exit_code, 0);
  auto help = conform_in(dir, "replay --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(has(help.output, "--config PATH") && has(help.output, "--env NAME")) << help.output;
  EXPECT_EQ(conform_in(dir, "replay --list-cases").exit_code, 2);
}

}  // namespace
}  // namespace conform
