#pragma once
/// The reference mock server, for `conform mock` and for tests that need a live target.
///
/// Usage in a test:
///   conform::MockServer mock;                       // the contracts built into conform
///   int port = mock.start(MockOptions{});          // a free port on 127.0.0.1
///   httplib::Client client("127.0.0.1", port);      // ... send requests ...
///   mock.stop();                                    // also done by the destructor
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validate/catalog.hpp"

namespace conform {

/// How to run a mock. Defaults suit tests; `conform mock` sets port 8080.
struct MockOptions {
  std::string host = "127.0.0.1";     ///< address to bind; loopback by default
  int port = 0;                       ///< 0 picks a free port
  std::string prefix;                 ///< path prefix before the documented paths, e.g. `/api`
  std::vector<std::string> faults;    ///< fault names (see faults.hpp); unknown names throw
  std::vector<std::string> variants;  ///< variant names (see variants.hpp); unknown names throw
  std::string outbox_file;            ///< append one JSON line per accepted message, if set
  size_t outbox_keep = 1000;          ///< messages kept in memory for GET /__conform/outbox
  size_t threads = 64;                ///< worker threads; one open connection holds one
  size_t max_body = 8 * 1024 * 1024;  ///< bytes; larger bodies get 413
  size_t max_depth = 64;              ///< JSON nesting levels; deeper bodies are rejected
  int read_timeout_s = 5;             ///< a client silent this long mid-request is dropped
  int keep_alive_timeout_s = 2;       ///< idle keep-alive connections close after this;
                                      ///< stop() may wait this long for idle clients
  std::chrono::milliseconds slow_delay{300};  ///< the delay of the slow-responses fault
  std::string tls_cert;                       ///< PEM certificate (chain): serve HTTPS when set
  std::string tls_key;                        ///< PEM private key of tls_cert
  std::string tls_client_ca;  ///< PEM CA bundle: require a client certificate it signed
};

/// A running mock of every contract in a catalog. Thread-safe; not copyable.
class MockServer {
 public:
  /// A mock of the contracts built into conform.
  MockServer();
  /// A mock of the given contracts.
  explicit MockServer(std::shared_ptr<const Catalog> catalog);
  /// Stops the server if it runs.
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  /// Binds and starts serving in background threads; returns the bound port once it accepts
  /// connections. Throws std::invalid_argument (unknown fault or variant, bad prefix, TLS files
  /// that cannot be read or used) or std::runtime_error (cannot bind, cannot open the outbox
  /// file, already running).
  int start(const MockOptions& options);
  /// Stops accepting, finishes in-flight requests, joins the threads. Idempotent.
  void stop();
  /// True between a successful start() and stop().
  bool running() const;
  /// The bound port (0 when not running).
  int port() const;
  /// `http[s]://HOST:PORT` plus the prefix: what to give `conform replay --target`.
  std::string url() const;
  /// The outbox as GET /__conform/outbox returns it.
  nlohmann::json outbox() const;
  /// Messages accepted since start or the last clear.
  size_t outbox_count() const;

 private:
  struct State;
  std::shared_ptr<const Catalog> catalog_;
  std::unique_ptr<State> state_;
};

/// The catalog of the contracts built into conform, loaded once per call.
std::shared_ptr<const Catalog> embedded_catalog();

}  // namespace conform
