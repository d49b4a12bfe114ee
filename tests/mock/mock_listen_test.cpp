/// The mock's listening socket: a taken port is refused, and the accept backlog holds a burst.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "mock_test_support.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {

using namespace mock_test;

TEST(MockListen, SecondMockOnATakenPortFailsToStartWithAClearMessage) {
  MockServer first(shared_catalog());
  int port = first.start(MockOptions{});
  MockServer second(shared_catalog());
  MockOptions same;
  same.port = port;
  try {
    second.start(same);
    FAIL() << "a second mock started on taken port " << port;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(port)),
              std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(first.running());
}

/// The accept backlog of the socket listening on 127.0.0.1:port, as the kernel reports it
/// (`ss` shows it as Send-Q of a LISTEN socket); -1 when it cannot be read.
long listen_backlog(int port) {
  std::string command = "ss -ltnH 'sport = :" + std::to_string(port) + "' 2>/dev/null";
  const test::CliRun run = test::run_shell(command);
  if (run.output.empty()) return -1;
  std::istringstream fields(run.output.substr(0, run.output.find('\n')));
  std::string state, receive_queue;
  long backlog = -1;
  fields >> state >> receive_queue >> backlog;
  return state == "LISTEN" ? backlog : -1;
}

TEST(MockListen, TheAcceptBacklogHoldsABurstOfConnects) {
  // httplib listens with a backlog of 5; wrk's 32 connects at once overflowed it and the dropped
  // SYNs came back a second later, as p99 spikes of 0.2-1.7 s in bench/mock.sh.
  MockServer mock(shared_catalog());
  int port = mock.start(MockOptions{});
  EXPECT_GE(listen_backlog(port), 1024);
}

}  // namespace
}  // namespace conform
