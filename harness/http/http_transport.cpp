#include "http/http_transport.hpp"

#include <httplib.h>

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error \
    "httplib.h must be compiled with the flags of pkg-config cpp-httplib (link PkgConfig::HTTPLIB)"
#endif

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>

#include "http/tls.hpp"

namespace conform {
namespace {
using Clock = std::chrono::steady_clock;

/// One in-flight request the watchdog may cut: the client to stop and its deadline.
struct Slot {
  httplib::ClientImpl* client = nullptr;
  Clock::time_point deadline;
  bool armed = false;
  bool fired = false;
};

void set_timeouts(httplib::ClientImpl& client, double seconds) {
  auto whole = static_cast<time_t>(seconds);
  auto micros = static_cast<time_t>((seconds - static_cast<double>(whole)) * 1e6);
  client.set_connection_timeout(whole, micros);
  client.set_read_timeout(whole, micros);
  client.set_write_timeout(whole, micros);
}

/// A client for the target: TLS (SNI and host check for the URL's host) for https, plain otherwise.
std::unique_ptr<httplib::ClientImpl> make_client(const Target& target,
                                                 const TransportSettings& transport) {
  std::unique_ptr<httplib::ClientImpl> client;
  const TlsSettings& tls = transport.tls;
  if (target.tls) {
    auto ssl = std::make_unique<httplib::SSLClient>(target.host, target.port, tls.client_cert,
                                                    tls.client_key);
    ssl->enable_server_certificate_verification(tls.verify);
    if (!tls.ca_file.empty()) ssl->set_ca_cert_path(tls.ca_file);
    client = std::move(ssl);
  } else {
    client = std::make_unique<httplib::ClientImpl>(target.host, target.port);
  }
  if (transport.proxy) {
    client->set_proxy(transport.proxy->host, transport.proxy->port);
    if (!transport.proxy->user.empty())
      client->set_proxy_basic_auth(transport.proxy->user, transport.proxy->password);
  }
  return client;
}

/// The request with the run's `-H` headers added; a header the case sets itself is kept as is.
HttpRequest with_extra_headers(const HttpRequest& request, const TransportSettings& transport) {
  HttpRequest out = request;
  for (const auto& [name, value] : transport.headers) {
    bool present = std::any_of(out.headers.begin(), out.headers.end(), [&](const auto& h) {
      return h.first.size() == name.size() &&
             std::equal(name.begin(), name.end(), h.first.begin(),
                        [](unsigned char a, unsigned char b) {
                          return std::tolower(a) == std::tolower(b);
                        });
    });
    if (!present) out.headers.emplace_back(name, value);
  }
  return out;
}

/// True for the errors httplib reports before the whole request was written: the connection
/// (or its TLS handshake) failed, or writing failed (`Error::Write`). `Error::Read` comes after the
/// request was written, so the server may have acted on it: never sent again.
bool request_never_left(httplib::Error error) {
  return error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout ||
         error == httplib::Error::SSLConnection || error == httplib::Error::Write;
}

}  // namespace

struct HttpTransportFactory::Shared {
  HttpSettings settings;
  std::mutex mutex;  ///< guards slots and every Slot's fields
  std::condition_variable wake;
  std::list<Slot> slots;
  bool stopping = false;
  std::thread watchdog;

  /// Every 10 ms, stops the clients whose deadline has passed.
  void watch() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      wake.wait_for(lock, std::chrono::milliseconds(10));
      Clock::time_point now = Clock::now();
      for (Slot& slot : slots) {
        if (!slot.armed || slot.fired || now < slot.deadline) continue;
        slot.fired = true;
        slot.client->stop();  // shuts the socket down; the blocked read returns at once
      }
    }
  }
};

namespace {

class HttpTransport : public Transport {
 public:
  explicit HttpTransport(std::shared_ptr<HttpTransportFactory::Shared> shared)
      : shared_(std::move(shared)),
        client_(make_client(shared_->settings.target, shared_->settings.transport)) {
    client_->set_tcp_nodelay(true);
    client_->set_keep_alive(true);
    client_->set_follow_location(false);
    set_timeouts(*client_, shared_->settings.timeout_s);
    std::lock_guard lock(shared_->mutex);
    slot_ = shared_->slots.insert(shared_->slots.end(), Slot{client_.get(), {}, false, false});
  }
  ~HttpTransport() override {
    std::lock_guard lock(shared_->mutex);
    shared_->slots.erase(slot_);
  }

  Exchange send(const std::string&, const HttpRequest& request) override {
    Exchange exchange;
    exchange.request = with_extra_headers(request, shared_->settings.transport);
    httplib::Request req = to_httplib(exchange.request);
    HttpResponse response;
    req.content_receiver = [&](const char* data, size_t size, uint64_t, uint64_t) {
      size_t room =
          shared_->settings.body_cap - std::min(shared_->settings.body_cap, response.body.size());
      response.body.append(data, std::min(size, room));
      if (size > room) response.body_truncated = true;
      return size <= room;
    };
    httplib::Response res;
    httplib::Error error = httplib::Error::Success;
    Clock::time_point start = arm();
    bool ok = client_->send(req, res, error);
    bool fired = disarm();
    exchange.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    finish(exchange, std::move(response), res, ok, error, fired);
    return exchange;
  }

 private:
  httplib::Request to_httplib(const HttpRequest& request) const {
    httplib::Request req;
    req.method = request.method;
    req.path = shared_->settings.target.prefix + request.path;
    for (const auto& [name, value] : request.headers) req.headers.emplace(name, value);
    req.body = request.body;
    return req;
  }

  Clock::time_point arm() {
    std::lock_guard lock(shared_->mutex);
    Clock::time_point now = Clock::now();
    slot_->deadline =
        now + std::chrono::microseconds(static_cast<long long>(shared_->settings.timeout_s * 1e6));
    slot_->armed = true;
    slot_->fired = false;
    return now;
  }

  bool disarm() {
    std::lock_guard lock(shared_->mutex);
    slot_->armed = false;
    return slot_->fired;
  }

  void finish(Exchange& exchange, HttpResponse response, const httplib::Response& res, bool ok,
              httplib::Error error, bool fired) const {
    bool timed_out = fired || error == httplib::Error::ConnectionTimeout ||
                     (error == httplib::Error::Read &&
                      exchange.elapsed_ms >= shared_->settings.timeout_s * 1000 * 0.95);
    if (ok || response.body_truncated) {
      response.status = res.status;
      for (const auto& [name, value] : res.headers) response.headers.emplace_back(name, value);
      exchange.response = std::move(response);
      if (exchange.response->body_truncated)
        exchange.transport_error = "response body larger than the " +
                                   std::to_string(shared_->settings.body_cap) + "-byte cap; cut";
      return;
    }
    exchange.timed_out = timed_out;
    exchange.unsent = !fired && request_never_left(error);
    exchange.transport_error = timed_out ? "no complete response within " +
                                               std::to_string(shared_->settings.timeout_s) + " s"
                                         : describe(error);
  }

  std::string describe(httplib::Error error) const {
    const HttpSettings& settings = shared_->settings;
    std::string hop = settings.transport.proxy
                          ? " (through the proxy " + settings.transport.proxy->url() + ")"
                          : "";
    switch (error) {
      case httplib::Error::Read:
        return "the connection closed or the answer is not HTTP (read error)" + hop +
               (settings.target.tls
                    ? "; a TLS server that refuses the client certificate closes it this way"
                    : "");
      case httplib::Error::Connection:
        return "connection refused or failed" + hop;
      case httplib::Error::SSLConnection:
        return "TLS handshake failed (the server is not TLS, refused the client certificate, or "
               "the proxy refused "
               "CONNECT)" +
               hop;
      case httplib::Error::SSLLoadingCerts:
        return "cannot load the CA certificates for TLS verification";
      case httplib::Error::SSLServerVerification: {
        long result = static_cast<const httplib::SSLClient&>(*client_).get_openssl_verify_result();
        return result != 0 ? verify_failure_text(result)
                           : "the server's TLS certificate does not name " + settings.target.host;
      }
      default:
        return "transport error: " + httplib::to_string(error) + hop;
    }
  }

  std::shared_ptr<HttpTransportFactory::Shared> shared_;
  std::unique_ptr<httplib::ClientImpl> client_;
  std::list<Slot>::iterator slot_;
};

}  // namespace

HttpTransportFactory::HttpTransportFactory(HttpSettings settings)
    : shared_(std::make_shared<Shared>()) {
  shared_->settings = std::move(settings);
  shared_->watchdog = std::thread([shared = shared_.get()] { shared->watch(); });
}

HttpTransportFactory::~HttpTransportFactory() {
  {
    std::lock_guard lock(shared_->mutex);
    shared_->stopping = true;
  }
  shared_->wake.notify_all();
  shared_->watchdog.join();
}

std::unique_ptr<Transport> HttpTransportFactory::make() {
  return std::make_unique<HttpTransport>(shared_);
}

}  // namespace conform
