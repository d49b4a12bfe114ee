#include "interop_support.hpp"

#include "support/cli_run.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

extern char** environ;

namespace conform::interop {
namespace fs = std::filesystem;

CommandRun run_command(const std::string& command, int seconds) {
  std::string line =
      "timeout -k 5 " + std::to_string(seconds) + " /bin/sh -c " + shell_quote(command) + " 2>&1";
  test::CliRun run = test::run_shell(line);
  return {run.exit_code, std::move(run.output)};
}

CommandRun conform_cli(const std::string& arguments, int seconds) {
  return run_command(shell_quote(CONFORM_BINARY) + " " + arguments, seconds);
}

fs::path npm_prefix() {
  return fs::path(CONFORM_BUILD_DIR) / "npm-peers";
}

std::optional<fs::path> npm_tool(const std::string& package, const std::string& bin, int seconds,
                                 std::string& why) {
  fs::path tool = npm_prefix() / "node_modules" / ".bin" / bin;
  if (run_command("command -v node && command -v npm", 10).exit_code != 0) {
    why = "node/npm are not installed; skipping the " + package + " cross-check";
    return std::nullopt;
  }
  std::error_code ec;
  fs::create_directories(npm_prefix(), ec);
  std::string prefix = shell_quote(npm_prefix().string());
  std::string install = "[ -x " + shell_quote(tool.string()) + " ] || npm install --prefix " +
                        prefix + " --no-audit --no-fund --loglevel=error " + shell_quote(package);
  CommandRun run = run_command("flock " + shell_quote((npm_prefix() / ".lock").string()) +
                                   " /bin/sh -c " + shell_quote(install),
                               seconds);
  if (run.exit_code != 0 || !fs::exists(tool)) {
    why = "could not install " + package + " with npm (no network or registry?): exit " +
          std::to_string(run.exit_code) + "\n" +
          run.output.substr(run.output.size() > 1500 ? run.output.size() - 1500 : 0);
    return std::nullopt;
  }
  return tool;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool wait_for_port(int port, double seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    if (ok) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

ChildGroup::ChildGroup(const std::vector<std::string>& argv, const fs::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  if (posix_spawn(&pid_, args[0], &actions, &attr, args.data(), environ) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
}

ChildGroup::~ChildGroup() {
  stop();
}

bool ChildGroup::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    kill(-pid_, SIGKILL);  // the leader is gone; take down what it started
    pid_ = -1;
    return false;
  }
  return true;
}

void ChildGroup::stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  for (int i = 0; i < 50; ++i) {  // up to 5 s of grace
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      kill(-pid_, SIGKILL);
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("conform-interop-" + std::to_string(getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace conform::interop
