#pragma once
/// The subcommands of `conform` and the one table that lists them.
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// Exit codes shared by every subcommand.
enum ExitCode : int { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

/// One subcommand: its name, a one-line summary, its full help, and its entry point.
struct Command {
  const char* name;
  const char* summary;
  const char* help;
  int (*run)(const std::vector<std::string>& args);
  /// More help made from the contracts and printed after `help` (nullptr: none).
  std::string (*help_tail)() = nullptr;
};

/// Every subcommand, in the order `conform --help` lists them.
const std::vector<Command>& command_table();

/// The contract files named by `--schemas DIR`, or the embedded ones. Throws ContractError.
SchemaSource schema_source(const Args& args);

/// The contracts named by `--schemas DIR`, or the embedded ones. Throws ContractError.
Catalog load_catalog(const Args& args);

int run_list(const std::vector<std::string>& args);
int run_validate(const std::vector<std::string>& args);
/// `conform mock [--host H] [--port P] [--prefix /P] [--fault NAME]... [--outbox FILE]` (cmd_mock.cpp).
int run_mock(const std::vector<std::string>& args);
/// `conform derive DOC... [--api ID] [--out DIR] [--check] [--lint]` (cmd_derive.cpp).
int run_derive(const std::vector<std::string>& args);
/// `conform replay --target URL | --cassettes DIR ...` (cmd_replay.cpp).
int run_replay(const std::vector<std::string>& args);
int run_fuzz(const std::vector<std::string>& args);
/// What `--auth ID=VALUE` takes for each API, from the embedded contracts' auth (run_setup.cpp).
std::string credentials_help();
/// `conform report render|merge` (cmd_report.cpp).
int run_report(const std::vector<std::string>& args);
/// `conform export openapi [--api ID]... [-o FILE] [--fixtures DIR]` (cmd_export.cpp).
int run_export(const std::vector<std::string>& args);

}  // namespace conform
