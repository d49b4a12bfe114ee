#include "http/polite_transport.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

#include "http/retry_after.hpp"

namespace conform {
namespace {

std::string seconds_text(double seconds) {
  std::ostringstream out;
  out << seconds << " s";
  return out.str();
}

/// What every polite transport of a run shares.
struct PoliteShared {
  PoliteSettings settings;
  std::string host;
  std::unique_ptr<RateLimiter> limiter;  ///< null without --rate-limit
  std::atomic<size_t> refused_in_a_row{0};
};

class PoliteTransport : public Transport {
 public:
  PoliteTransport(std::unique_ptr<Transport> inner, std::shared_ptr<PoliteShared> shared)
      : inner_(std::move(inner)), shared_(std::move(shared)) {}

  Exchange send(const std::string& case_id, const HttpRequest& request) override {
    const PoliteSettings& settings = shared_->settings;
    if (shared_->refused_in_a_row >= settings.refusal_breaker)
      return not_sent(request, breaker_note());
    size_t network_retries = 0;
    size_t refusals = 0;
    double waited = 0;
    for (size_t attempt = 1;; ++attempt) {
      if (shared_->limiter && !shared_->limiter->wait_turn(shared_->host, settings.interrupt)) {
        return not_sent(request, "");
      }
      Exchange exchange = inner_->send(case_id, request);
      exchange.attempts = attempt;
      if (exchange.unsent && network_retries < settings.request_retries) {
        double wait = std::min(8.0, settings.network_backoff_s *
                                        std::pow(2.0, static_cast<double>(network_retries++)));
        if (polite_sleep(wait, settings.interrupt)) continue;
      }
      if (!is_refusal(exchange)) return answered(std::move(exchange));
      RefusalRetry next =
          refusal_retry(retry_after_of(*exchange.response), ++refusals, waited, settings);
      if (next.stop.empty() && polite_sleep(next.wait_s, settings.interrupt)) {
        waited += next.wait_s;
        continue;
      }
      return refused(std::move(exchange), refusals,
                     next.stop.empty() ? "the run was interrupted" : next.stop);
    }
  }

 private:
  Exchange answered(Exchange exchange) {
    shared_->refused_in_a_row = 0;
    if (!exchange.transport_error.empty() && exchange.attempts > 1) {
      exchange.transport_error += " (" + std::to_string(exchange.attempts) + " attempts)";
    }
    return exchange;
  }

  Exchange refused(Exchange exchange, size_t refusals, const std::string& why) {
    ++shared_->refused_in_a_row;
    exchange.refused = "refused: " + std::to_string(exchange.response->status) + " to " +
                       std::to_string(refusals) + (refusals == 1 ? " request" : " requests") +
                       "; not retried: " + why + "; no verdict";
    return exchange;
  }

  /// An exchange for a request that was not sent: REFUSED with `why`, or ERROR when `why` is empty.
  static Exchange not_sent(const HttpRequest& request, const std::string& why) {
    Exchange exchange;
    exchange.request = request;
    exchange.attempts = 0;
    exchange.unsent = true;
    exchange.refused = why;
    if (why.empty())
      exchange.transport_error = "not sent: the run was interrupted while waiting for --rate-limit";
    return exchange;
  }

  std::string breaker_note() const {
    return "not sent: " + std::to_string(shared_->settings.refusal_breaker) +
           " cases in a row were refused (429/503); the rest of the run is not sent, to spare the "
           "server";
  }

  std::unique_ptr<Transport> inner_;
  std::shared_ptr<PoliteShared> shared_;
};

}  // namespace

bool is_refusal(const Exchange& exchange) {
  return exchange.response && exchange.transport_error.empty() &&
         (exchange.response->status == 429 || exchange.response->status == 503);
}

RefusalRetry refusal_retry(std::optional<double> retry_after_s, size_t refusals, double waited_s,
                           const PoliteSettings& settings) {
  RefusalRetry out;
  double cap = settings.max_retry_wait_s;
  if (cap <= 0) {
    out.stop = "--max-retry-wait 0";
    return out;
  }
  if (refusals > settings.refused_retries) {
    out.stop = "still refused after " + std::to_string(settings.refused_retries) + " retries";
    return out;
  }
  if (retry_after_s && *retry_after_s > cap) {
    out.stop = "its Retry-After (" + seconds_text(*retry_after_s) + ") is over --max-retry-wait " +
               seconds_text(cap);
    return out;
  }
  out.wait_s = retry_after_s
                   ? *retry_after_s
                   : settings.backoff_s * std::pow(2.0, static_cast<double>(refusals - 1));
  if (waited_s + out.wait_s > cap) {
    out.stop = "waiting " + seconds_text(out.wait_s) +
               " more would take the case past --max-retry-wait " + seconds_text(cap) +
               " (waited " + seconds_text(waited_s) + ")";
  }
  return out;
}

TransportFactory polite_transports(TransportFactory inner, PoliteSettings settings,
                                   std::string host) {
  auto shared = std::make_shared<PoliteShared>();
  if (settings.rate_limit)
    shared->limiter = std::make_unique<RateLimiter>(settings.rate_limit->per_second);
  shared->settings = std::move(settings);
  shared->host = std::move(host);
  return [inner = std::move(inner), shared]() -> std::unique_ptr<Transport> {
    return std::make_unique<PoliteTransport>(inner(), shared);
  };
}

}  // namespace conform
