#pragma once
/// The HTTP transport: one keep-alive cpp-httplib client per worker (TLS for https targets, with
/// SNI, the run's CA store and client certificate; through the run's proxy), a per-request
/// deadline enforced by a watchdog (a slow drip cannot stretch it), and a cap on the response body.
#include <cstddef>
#include <memory>

#include "http/target.hpp"
#include "http/transport.hpp"
#include "http/transport_settings.hpp"

namespace conform {

/// Settings every HTTP transport of a run shares.
struct HttpSettings {
  Target target;
  double timeout_s = 10;              ///< whole-request deadline
  size_t body_cap = 8 * 1024 * 1024;  ///< bytes kept of a response body; more is cut (ERROR)
  TransportSettings transport{};      ///< TLS, proxy and the `-H` headers
};

/// Makes HTTP transports that share one deadline watchdog thread; outlives them.
class HttpTransportFactory {
 public:
  /// Starts the watchdog.
  explicit HttpTransportFactory(HttpSettings settings);
  /// Stops the watchdog; every transport made here must be gone.
  ~HttpTransportFactory();
  HttpTransportFactory(const HttpTransportFactory&) = delete;
  HttpTransportFactory& operator=(const HttpTransportFactory&) = delete;
  /// A new transport with its own connection.
  std::unique_ptr<Transport> make();

  struct Shared;  ///< the watchdog and the settings (http_transport.cpp)

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace conform
