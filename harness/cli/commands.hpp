#pragma once
/// The subcommands of `conform` and the one table that lists them. Each command declares its
/// options, description and footer on a CLI11 subcommand, and returns how to run once parsed.
#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/usage_error.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// Exit codes shared by every subcommand.
enum ExitCode : int { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

/// What a command does once CLI11 has parsed and checked its flags; returns the exit code.
using CommandRun = std::function<int()>;

/// One subcommand: its name, a one-line summary, and the function that declares it on `app`.
struct Command {
  const char* name;
  const char* summary;
  CommandRun (*declare)(CLI::App& app);
};

/// Every subcommand, in the order `conform --help` lists them.
const std::vector<Command>& command_table();

/// `--schemas DIR`, which every command that reads contracts takes.
struct ContractFlags {
  std::vector<std::string>
      schemas;  ///< bundle directories, laid over the built-in contracts in order
};

/// Declares `--schemas DIR` on `app`.
void add_contract_flags(CLI::App& app, ContractFlags& flags);

/// The embedded contracts with every `--schemas DIR` laid on top; prints what replaced what.
/// Throws ContractError.
SchemaSource schema_source(const ContractFlags& flags);

/// The contracts of schema_source(). Throws ContractError.
Catalog load_catalog(const ContractFlags& flags);

/// The usage error of an argument no option or positional took: "unknown option --x" or
/// "unexpected argument 'x'"; nothing when `app` took every argument.
void refuse_leftovers(const CLI::App& app);

/// What `--auth ID=VALUE` takes for each API, from the embedded contracts' auth (run_setup.cpp).
std::string credentials_help();

CommandRun declare_list(CLI::App& app);      ///< cmd_list.cpp
CommandRun declare_validate(CLI::App& app);  ///< cmd_validate.cpp
CommandRun declare_mock(CLI::App& app);      ///< cmd_mock.cpp
CommandRun declare_derive(CLI::App& app);    ///< cmd_derive.cpp
CommandRun declare_replay(CLI::App& app);    ///< cmd_replay.cpp
CommandRun declare_fuzz(CLI::App& app);      ///< cmd_fuzz.cpp
CommandRun declare_report(CLI::App& app);    ///< cmd_report.cpp
CommandRun declare_export(CLI::App& app);    ///< cmd_export.cpp

}  // namespace conform
