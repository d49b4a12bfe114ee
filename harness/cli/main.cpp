/// Entry point: CLI11 parses the command line into the subcommand of command_table() it names,
/// checks every flag, and the subcommand runs.
#include <csignal>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/help_format.hpp"
#include "contract/contract.hpp"
#include "core/version.hpp"

namespace {
using namespace conform;

const char* const kOverviewFooter =
    "'conform <command> --help' shows a command's options; 'conform --version' prints the\n"
    "version.\n"
    "exit codes: 0 all pass, 1 a conformance failure, 2 a usage, input or contract error\n";

bool names_a_command(const std::string& word) {
  for (const auto& command : command_table()) {
    if (word == command.name) return true;
  }
  return false;
}

int usage_failure(const std::string& command, const std::string& message) {
  std::string who = command.empty() ? "conform" : "conform " + command;
  std::cerr << who << ": " << message << "\n"
            << "see '" << who << " --help'\n";
  return kExitUsage;
}

/// Runs the parsed command: a usage error says so with the help hint, a contract error alone.
/// A command with subcommands of its own (report, export) refuses its leftovers itself.
int run_parsed(const CLI::App& app, const CommandRun& run) {
  try {
    if (app.get_subcommands({}).empty()) refuse_leftovers(app);
    return run();
  } catch (const UsageError& e) {
    return usage_failure(app.get_name(), e.what());
  } catch (const ContractError& e) {
    std::cerr << "conform " << app.get_name() << ": " << e.what() << "\n";
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // A peer that closes a connection must be an error of that exchange, not the end of the run:
  // OpenSSL writes to the socket with write(), which raises SIGPIPE (plain HTTP uses MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App root{
      "conform: contract validation and conformance for five send-email/send-message APIs"};
  root.name("conform");
  root.formatter(std::make_shared<HelpFormatter>());
  root.set_version_flag("--version", std::string("conform ") + tool_version(),
                        "print the version and exit");
  std::vector<std::pair<CLI::App*, CommandRun>> commands;
  for (const auto& command : command_table()) {
    CLI::App* app = root.add_subcommand(command.name, "");
    app->allow_extras();
    commands.emplace_back(app, command.declare(*app));
    // The summary heads the command's help and is all `conform --help` shows of it.
    app->description(std::string(command.summary) + "\n\n" + app->get_description());
  }
  root.footer(kOverviewFooter);  // after the subcommands, which would inherit it
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help") {
    (args.empty() ? std::cerr : std::cout) << root.help();
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0][0] != '-' && !names_a_command(args[0])) {
    std::cerr << "conform: unknown command '" << args[0] << "'\n\n" << root.help();
    return kExitUsage;
  }
  try {
    root.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help or --version: printed on standard output
    return root.exit(e);
  } catch (const CLI::ParseError& e) {
    std::vector<CLI::App*> chosen = root.get_subcommands();
    return usage_failure(chosen.empty() ? "" : chosen.front()->get_name(), e.what());
  }
  for (const auto& [app, run] : commands) {
    if (app->parsed()) return run_parsed(*app, run);
  }
  std::cerr << root.help();
  return kExitUsage;
}
