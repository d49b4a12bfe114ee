#pragma once
/// Running commands and the real `conform` binary from a test, as a user does, and reading what
/// they print. Every area's tests link this (tests/support, library conform_test_support).
#include <string>

namespace conform::test {

/// What a finished command printed (stdout, and stderr where the command line sends it there)
/// and returned.
struct CliRun {
  int exit_code = -1;
  std::string output;
};

/// Runs a shell command line as it is; what it writes to stdout is the output. exit_code is -1
/// when it did not exit normally.
CliRun run_shell(const std::string& command);

/// `text` in single quotes for /bin/sh.
std::string shell_quote(const std::string& text);

/// Runs `conform ARGUMENTS` (stdout and stderr together) under `timeout`, so a hung run fails
/// the test instead of CI.
CliRun conform_cli(const std::string& arguments, int timeout_s = 300);

/// What a finished `conform` process wrote to each stream and returned.
struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `conform ARGUMENTS` (shell-quoted by the caller) under `timeout`, stdout and stderr apart.
ProcessResult run_conform(const std::string& arguments, int timeout_s = 300);

/// The number just before the last " WORD" of an output ("567 coverage-phase cases",
/// "3 failed,"); -1 when WORD is absent or no number precedes it.
long count_before(const std::string& output, const std::string& word);

/// True when the output tells a failure of this check: a replay line "  <check> [..." under a
/// case, or a fuzz group block "FAIL <api> <check> ...".
bool names_failed_check(const std::string& output, const std::string& check);

}  // namespace conform::test
