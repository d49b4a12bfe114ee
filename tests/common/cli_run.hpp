#pragma once
/// Running the real `conform` binary from a test, as a user does (header only: tests/common has
/// no sources, so it is not a test area of its own).
#include <sys/wait.h>
#include <cstdio>
#include <string>

namespace conform::test {

/// What a finished `conform` process printed and returned.
struct CliRun {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr together
};

/// Runs a shell command line as it is; what it writes to stdout is the output.
inline CliRun run_shell(const std::string& command) {
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

/// Runs `conform ARGUMENTS` under `timeout`, so a hung run fails the test instead of CI.
inline CliRun conform_cli(const std::string& arguments, int timeout_s = 300) {
  return run_shell("timeout " + std::to_string(timeout_s) + " " + std::string(CONFORM_BINARY) +
                   " " + arguments + " 2>&1");
}

/// The number just before the last " WORD" of an output ("567 coverage-phase cases",
/// "3 failed,"); -1 when WORD is absent or no number precedes it.
inline long count_before(const std::string& output, const std::string& word) {
  size_t at = output.rfind(" " + word);
  if (at == std::string::npos || at == 0) return -1;
  size_t start = output.find_last_not_of("0123456789", at - 1) + 1;
  if (start == at) return -1;
  return std::stol(output.substr(start, at - start));
}

/// True when the output tells a failure of this check: a replay line "  <check> [..." under a
/// case, or a fuzz group block "FAIL <api> <check> ...".
inline bool names_failed_check(const std::string& output, const std::string& check) {
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
