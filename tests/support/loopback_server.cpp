#include "support/loopback_server.hpp"

#include <chrono>
#include <stdexcept>

namespace conform::test {

LoopbackServer::LoopbackServer(httplib::Server::Handler handler) {
  server_.set_tcp_nodelay(true);
  server_.Get(".*", handler)
      .Post(".*", handler)
      .Put(".*", handler)
      .Patch(".*", handler)
      .Delete(".*", handler)
      .Options(".*", handler);
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  for (int i = 0; i < 500 && !server_.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!server_.is_running()) {
    stop();
    throw std::runtime_error("the loopback test server did not start");
  }
}

LoopbackServer::~LoopbackServer() {
  stop();
}

void LoopbackServer::stop() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace conform::test
