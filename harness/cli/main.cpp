/// Entry point: dispatches to the subcommand named by argv[1].
#include <csignal>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"
#include "contract/contract.hpp"
#include "core/version.hpp"

namespace {

void print_overview(std::ostream& out) {
  out << "conform: contract validation and conformance for five send-email/send-message APIs\n\n"
         "usage: conform <command> [options]\n       conform --version\n\ncommands:\n";
  for (const auto& command : conform::command_table()) {
    out << "  " << command.name << std::string(10 - std::strlen(command.name), ' ')
        << command.summary << "\n";
  }
  out << "\n'conform <command> --help' shows a command's options; 'conform --version' prints the\n"
         "version.\n"
         "exit codes: 0 all pass, 1 a conformance failure, 2 a usage, input or contract error\n";
}

}  // namespace

int main(int argc, char** argv) {
  // A peer that closes a connection must be an error of that exchange, not the end of the run:
  // OpenSSL writes to the socket with write(), which raises SIGPIPE (plain HTTP uses MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_overview(args.empty() ? std::cerr : std::cout);
    return args.empty() ? conform::kExitUsage : conform::kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "conform " << conform::tool_version() << "\n";
    return conform::kExitOk;
  }
  for (const auto& command : conform::command_table()) {
    if (args[0] != command.name) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const auto& arg : rest) {
      if (arg == "--help" || arg == "-h") {
        std::cout << command.help;
        if (command.help_tail) std::cout << command.help_tail();
        return conform::kExitOk;
      }
    }
    try {
      return command.run(rest);
    } catch (const conform::UsageError& e) {
      std::cerr << "conform " << command.name << ": " << e.what() << "\n"
                << "see 'conform " << command.name << " --help'\n";
    } catch (const conform::ContractError& e) {
      std::cerr << "conform " << command.name << ": " << e.what() << "\n";
    }
    return conform::kExitUsage;
  }
  std::cerr << "conform: unknown command '" << args[0] << "'\n\n";
  print_overview(std::cerr);
  return conform::kExitUsage;
}
