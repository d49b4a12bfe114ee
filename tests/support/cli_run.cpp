#include "support/cli_run.hpp"

#include <sys/wait.h>

#include <cstdio>

#include "support/files.hpp"

namespace conform::test {

CliRun run_shell(const std::string& command) {
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CliRun conform_cli(const std::string& arguments, int timeout_s) {
  return run_shell("timeout " + std::to_string(timeout_s) + " " + std::string(CONFORM_BINARY) +
                   " " + arguments + " 2>&1");
}

ProcessResult run_conform(const std::string& arguments, int timeout_s) {
  static int counter = 0;
  const std::string n = std::to_string(++counter);
  const auto out = write_temp("run-" + n + ".out", ""), err = write_temp("run-" + n + ".err", "");
  CliRun run =
      run_shell("timeout " + std::to_string(timeout_s) + " " + std::string(CONFORM_BINARY) + " " +
                arguments + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()));
  return {run.exit_code, read_text(out), read_text(err)};
}

long count_before(const std::string& output, const std::string& word) {
  size_t at = output.rfind(" " + word);
  if (at == std::string::npos || at == 0) return -1;
  size_t start = output.find_last_not_of("0123456789", at - 1) + 1;
  if (start == at) return -1;
  return std::stol(output.substr(start, at - start));
}

bool names_failed_check(const std::string& output, const std::string& check) {
  if (output.find("\n  " + check + " [") != std::string::npos) return true;
  for (const char* outcome : {"\nFAIL ", "\nERROR "}) {
    for (size_t at = output.find(outcome); at != std::string::npos;
         at = output.find(outcome, at + 1)) {
      std::string line = output.substr(at + 1, output.find('\n', at + 1) - at - 1);
      if (line.find(" " + check + " ") != std::string::npos ||
          line.find(" " + check + ":") != std::string::npos)
        return true;
    }
  }
  return false;
}

}  // namespace conform::test
