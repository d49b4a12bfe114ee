#pragma once
/// Helpers for the interop tests: running commands with a deadline, npm peers installed once
/// under the build directory, and child servers in their own process group.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/cli_run.hpp"

namespace conform::interop {

/// What a finished command printed (stdout and stderr together) and returned.
struct CommandRun {
  int exit_code = -1;  ///< -1 when it did not exit normally; 124 when the deadline killed it
  std::string output;
};

/// Runs `command` through /bin/sh under `timeout -k 5 SECONDS` (which kills its process group).
CommandRun run_command(const std::string& command, int seconds);

/// Quotes text for /bin/sh (tests/support).
using test::shell_quote;

/// The conform binary with arguments, run to completion within `seconds`.
CommandRun conform_cli(const std::string& arguments, int seconds = 60);

/// `CONFORM_BUILD_DIR/npm-peers`: the npm prefix the interop tests share.
std::filesystem::path npm_prefix();

/// The path of an installed npm binary (`node_modules/.bin/NAME`), installing `package` into
/// npm_prefix() first when needed (under a file lock; at most `seconds`). On failure returns
/// nullopt and sets `why` to a message for GTEST_SKIP.
std::optional<std::filesystem::path> npm_tool(const std::string& package, const std::string& bin,
                                              int seconds, std::string& why);

/// A free loopback TCP port (bound, read, released).
int free_port();

/// True once 127.0.0.1:port accepts a connection; polls until `seconds` pass.
bool wait_for_port(int port, double seconds);

/// A child process in its own process group; the destructor kills the whole group.
class ChildGroup {
 public:
  /// Starts argv[0] (a path) with argv; output goes to `log`.
  ChildGroup(const std::vector<std::string>& argv, const std::filesystem::path& log);
  /// Kills the group (see stop()).
  ~ChildGroup();
  ChildGroup(const ChildGroup&) = delete;
  ChildGroup& operator=(const ChildGroup&) = delete;
  /// True while the child has not exited.
  bool running();
  /// SIGTERM to the group, then SIGKILL after a grace period; waits for the child.
  void stop();

 private:
  pid_t pid_ = -1;
};

/// A fresh temporary directory, removed by the destructor.
class TempDir {
 public:
  /// Creates a fresh directory under the system temp dir.
  TempDir();
  /// Removes the directory and everything in it.
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// The directory.
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The whole text of a file ("" when unreadable).
std::string read_file(const std::filesystem::path& path);

}  // namespace conform::interop
