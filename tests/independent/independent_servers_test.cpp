// The precision proof that conform's own mock cannot give: three servers written from the pages
// alone (tests/independent/servers/README.md: three in Python, one in Node, one in Java), each
// keeping every stated fact and choosing its own answers where the pages are silent, pass replay
// and fuzz. A false alarm fails this test.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <string>

#include "support/cli_run.hpp"

namespace conform {
namespace {

/// A server process started with `--port 0`; its first stdout line names the port it took.
class IndependentServer {
 public:
  explicit IndependentServer(const std::string& script) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      std::string path = std::string(CONFORM_SOURCE_DIR) + "/tests/independent/servers/" + script;
      const char* interpreter = script.ends_with(".js")     ? "node"
                                : script.ends_with(".java") ? "java"
                                                            : "python3";
      execlp("timeout", "timeout", "600", interpreter, path.c_str(), "--port", "0",
             static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* lines = fdopen(out[0], "r");
    char line[256] = {0};
    if (lines && fgets(line, sizeof line, lines)) {
      std::string text = line;
      size_t colon = text.rfind(':');
      if (text.rfind("listening on 127.0.0.1:", 0) == 0 && colon != std::string::npos)
        port_ = std::stoi(text.substr(colon + 1));
    }
    if (lines) fclose(lines);
  }
  ~IndependentServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

using test::CliRun;
using test::conform_cli;

/// The FAIL lines of a run, for the message when it has any.
std::string fail_lines(const std::string& output) {
  std::string out;
  size_t at = 0;
  while ((at = output.find("\nFAIL ", at)) != std::string::npos) {
    size_t end = output.find("\n", output.find("\n", at + 1) + 1);
    out += output.substr(at, end - at);
    at = end;
  }
  return out.substr(0, 4000);
}

class IndependentServers : public ::testing::TestWithParam<const char*> {};

TEST_P(IndependentServers, PassReplayAndFuzzWithoutAFalseAlarm) {
  IndependentServer server(GetParam());  // java compiles its source first: allow a few seconds
  ASSERT_GT(server.port(), 0) << GetParam() << " did not start";
  CliRun replay = conform_cli("replay --target " + server.url());
  EXPECT_EQ(replay.exit_code, 0) << fail_lines(replay.output) << replay.output.substr(0, 500);
  CliRun fuzz =
      conform_cli("fuzz --target " + server.url() + " --cases 300 --seed 7 --max-shrinks 0");
  EXPECT_EQ(fuzz.exit_code, 0) << fail_lines(fuzz.output) << fuzz.output.substr(0, 500);
  EXPECT_NE(fuzz.output.find(" 0 failed, "), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(FromThePagesAlone, IndependentServers,
                         ::testing::Values("server_plain.py", "server_strict.py", "server_alt.py",
                                           "server_node.js", "Server.java"));

}  // namespace
}  // namespace conform
