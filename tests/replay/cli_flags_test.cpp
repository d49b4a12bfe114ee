// The command line as CLI11 parses it, through the real binary: help made from the declared
// options, the check list from check_table(), and usage errors that name what was wrong.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "checks/check.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {
using test::CliRun;
using test::conform_cli;

/// Every `--name` or `-x` at the start of a word in `text`.
std::set<std::string> option_names(const std::string& text) {
  std::set<std::string> names;
  std::regex option(R"((?:^|[\s\[,])(--?[a-zA-Z][a-zA-Z-]*))");
  for (std::sregex_iterator it(text.begin(), text.end(), option), end; it != end; ++it)
    names.insert((*it)[1]);
  names.erase("-h");
  names.erase("--help");
  return names;
}

/// The usage lines (up to the first blank line) and the names that head an "Options:" row.
struct HelpPage {
  std::string usage;
  std::set<std::string> listed;
};

HelpPage parse_help(const std::string& text) {
  HelpPage page;
  page.usage = text.substr(0, text.find("\n\n"));
  size_t options = text.find("\nOptions:\n");
  if (options == std::string::npos) return page;
  std::istringstream rows(text.substr(options + 10));
  std::string row;
  while (std::getline(rows, row) && !row.empty()) {
    std::regex head(R"(^  (?:-[a-zA-Z],)?(--?[a-zA-Z][a-zA-Z-]*))");
    std::smatch found;
    if (std::regex_search(row, found, head) && found[1] != "-h" && found[1] != "--help")
      page.listed.insert(found[1]);
  }
  return page;
}

TEST(CliFlags, EveryCommandsUsageLineNamesExactlyTheOptionsItsHelpLists) {
  for (const char* command : {"list", "validate", "mock", "derive", "replay", "fuzz",
                              "report render", "report merge", "export openapi"}) {
    CliRun help = conform_cli(std::string(command) + " --help");
    ASSERT_EQ(help.exit_code, 0) << command << "\n" << help.output;
    EXPECT_EQ(help.output.rfind("usage: conform " + std::string(command), 0), 0u) << help.output;
    HelpPage page = parse_help(help.output);
    EXPECT_FALSE(page.listed.empty()) << command;
    EXPECT_EQ(option_names(page.usage), page.listed) << command << "\n" << help.output;
  }
}

TEST(CliFlags, ACommandWithSubcommandsShowsTheUsageOfEach) {
  CliRun report = conform_cli("report --help");
  EXPECT_EQ(report.exit_code, 0);
  EXPECT_NE(report.output.find("usage: conform report render IN.json --format json|junit|md|html"),
            std::string::npos)
      << report.output;
  EXPECT_NE(
      report.output.find("\n       conform report merge IN.json... -o OUT.json [--force] [--gate]"),
      std::string::npos)
      << report.output;
}

TEST(CliFlags, ReplayAndFuzzHelpNameEveryCheckOfTheCheckTableAndAcceptEachName) {
  CliRun replay = conform_cli("replay --help");
  CliRun fuzz = conform_cli("fuzz --help");
  for (const auto& check : check_table()) {
    EXPECT_NE(replay.output.find(check.name), std::string::npos) << check.name;
    EXPECT_NE(fuzz.output.find(check.name), std::string::npos) << check.name;
    std::string budget =
        std::string(check.name) == "response_time" ? " --max-response-time 500" : "";
    CliRun listed =
        conform_cli("replay --list-cases --api bigin-mail --checks " + std::string(check.name) +
                    budget + " --fixtures " + CONFORM_SOURCE_DIR + "/fixtures");
    EXPECT_EQ(listed.exit_code, 0) << check.name << "\n" << listed.output;
  }
}

void expect_usage_error(const std::string& arguments, const std::string& reason,
                        const std::string& command) {
  CliRun run = conform_cli(arguments);
  EXPECT_EQ(run.exit_code, 2) << arguments << "\n" << run.output;
  EXPECT_NE(run.output.find(reason), std::string::npos) << arguments << "\n" << run.output;
  EXPECT_NE(run.output.find("see 'conform " + command + " --help'"), std::string::npos)
      << arguments << "\n"
      << run.output;
}

TEST(CliFlags, UnknownOptionsStrayWordsAndMissingValuesAreUsageErrorsThatPointAtHelp) {
  expect_usage_error("replay --target http://127.0.0.1:9 --bogus",
                     "conform replay: unknown option --bogus", "replay");
  expect_usage_error("fuzz --target http://127.0.0.1:9 --bogus=3", "unknown option --bogus",
                     "fuzz");
  expect_usage_error("fuzz --target http://127.0.0.1:9 stray", "unexpected argument 'stray'",
                     "fuzz");
  expect_usage_error("list extra", "list takes no arguments", "list");
  expect_usage_error("replay --jobs", "--jobs", "replay");
  expect_usage_error("replay --jobs 0", "--jobs: must be a whole number from 1 to 256, got '0'",
                     "replay");
  expect_usage_error("replay --report-cases some",
                     "--report-cases: must be failing or all, got 'some'", "replay");
  expect_usage_error("report", "report needs a subcommand: render or merge", "report");
  expect_usage_error("report frob", "unknown report subcommand 'frob'", "report");
  expect_usage_error("report merge a.json", "-o is required", "report");
  expect_usage_error("report render a.json --format pdf",
                     "--format: must be json, junit, md or html, got 'pdf'", "report");
  expect_usage_error("export swagger", "unknown export format 'swagger' (only openapi)", "export");
  expect_usage_error("mock --threads 0",
                     "--threads: must be a whole number from 1 to 4096, got '0'", "mock");
}

TEST(CliFlags, TheOverviewListsEveryCommandAndVersionAndNoCommandIsExitTwo) {
  CliRun overview = conform_cli("--help");
  EXPECT_EQ(overview.exit_code, 0);
  for (const char* command :
       {"list", "validate", "mock", "derive", "replay", "fuzz", "report", "export"}) {
    EXPECT_NE(overview.output.find("\n  " + std::string(command) + " "), std::string::npos)
        << command;
  }
  EXPECT_NE(overview.output.find("--version"), std::string::npos);
  CliRun bare = conform_cli("");
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_NE(bare.output.find("usage: conform <command>"), std::string::npos) << bare.output;
}

}  // namespace
}  // namespace conform
