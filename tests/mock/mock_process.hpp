#pragma once
/// `conform` as a child process for the mock tests: spawn it, read its lines, wait for its exit.
/// Every wait is bounded.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace conform::mock_test {

/// A child process with its stdout on a pipe.
struct Child {
  pid_t pid = -1;
  int out = -1;
};

/// Starts conform with `args`; the pipe carries its stdout (fd 1) or its stderr (fd 2).
inline Child spawn(std::vector<std::string> args, int captured_fd = 1) {
  args.insert(args.begin(), CONFORM_BINARY);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], captured_fd);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  Child child;
  if (posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
    child.pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  child.out = pipe_fds[0];
  return child;
}

inline std::string read_line(int fd, std::chrono::milliseconds wait) {
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + wait;
  char c;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    if (::read(fd, &c, 1) != 1 || c == '\n') break;
    line += c;
  }
  return line;
}

/// The exit status, or -1 when it did not end within `wait` (then it is killed).
inline int wait_exit(pid_t pid, std::chrono::milliseconds wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

/// `conform mock --port 0 ARGS...` as a child process on a free loopback port.
struct MockProcess {
  Child child;
  int port = 0;  ///< 0 when it did not say where it listens within 10 s

  explicit MockProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {"mock", "--port", "0"});
    child = spawn(std::move(args));
    if (child.pid <= 0) return;
    std::string line = read_line(child.out, std::chrono::seconds(10));
    size_t colon = line.rfind(':');
    if (line.rfind("conform mock listening on http://127.0.0.1:", 0) == 0 &&
        colon != std::string::npos) {
      port = std::stoi(line.substr(colon + 1));
    }
  }
  /// Stops it with SIGTERM; its exit status (-1 when it did not stop within 10 s).
  int stop() {
    if (child.pid <= 0) return -1;
    ::kill(child.pid, SIGTERM);
    int status = wait_exit(child.pid, std::chrono::seconds(10));
    ::close(child.out);
    child.pid = -1;
    return status;
  }
  ~MockProcess() { stop(); }
};

}  // namespace conform::mock_test
