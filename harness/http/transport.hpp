#pragma once
/// Transports: how a request reaches a target (HTTP, or a cassette of recorded exchanges).
#include <functional>
#include <memory>
#include <string>

#include "core/run_types.hpp"

namespace conform {

/// Sends one request and returns the exchange. Transport trouble (refused, reset, timeout,
/// garbage) is reported in the Exchange, never thrown. One instance serves one worker.
class Transport {
 public:
  virtual ~Transport() = default;
  /// `case_id` names the exchange (cassettes are stored and found by it).
  virtual Exchange send(const std::string& case_id, const HttpRequest& request) = 0;
};

/// Makes one transport per worker thread.
using TransportFactory = std::function<std::unique_ptr<Transport>()>;

}  // namespace conform
