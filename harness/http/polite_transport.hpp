#pragma once
/// Politeness toward a live server: a rate limit per host shared by every worker, 429 and 503
/// retried after their Retry-After within a budget, network errors retried only when the request
/// never fully left. Wraps the transports of a run; the engine sees one exchange per case.
#include <atomic>
#include <optional>
#include <string>

#include "http/rate_limit.hpp"
#include "http/transport.hpp"

namespace conform {

/// How polite a run is (`--rate-limit`, `--max-retry-wait`, `--request-retries`).
struct PoliteSettings {
  std::optional<RateLimit> rate_limit;  ///< none: requests leave as fast as the workers go
  double max_retry_wait_s = 60;    ///< per case, the most time spent waiting out 429/503 answers
  size_t refused_retries = 3;      ///< 429/503 answers retried per case, at most
  double backoff_s = 1;            ///< wait after a 429/503 without Retry-After; doubles each time
  size_t request_retries = 0;      ///< network errors retried per case when the request never left
  double network_backoff_s = 0.5;  ///< wait before a network retry; doubles each time, at most 8 s
  size_t refusal_breaker = 3;      ///< cases refused in a row after which no other case is sent
  const std::atomic<int>* interrupt = nullptr;  ///< nonzero: stop waiting, send nothing more
};

/// What to do after a 429/503: wait `wait_s` and send again, or stop (`stop` says why).
struct RefusalRetry {
  double wait_s = 0;
  std::string stop;  ///< empty: retry
};

/// The decision after the `refusals`th refused answer of a case (1 = the first), with `waited_s`
/// already spent waiting. A Retry-After over `max_retry_wait_s` stops at once (the server asked
/// for more patience than the run has; waiting the cap and asking again would ignore it), as does
/// a wait that would take the case's total past the cap, or a retry beyond `refused_retries`.
RefusalRetry refusal_retry(std::optional<double> retry_after_s, size_t refusals, double waited_s,
                           const PoliteSettings& settings);

/// True for a 429 or 503 answer.
bool is_refusal(const Exchange& exchange);

/// Makes transports that wrap `inner`'s in the politeness of `settings`, for requests to `host`;
/// every transport made shares one rate limiter and one refusal breaker.
TransportFactory polite_transports(TransportFactory inner, PoliteSettings settings,
                                   std::string host);

}  // namespace conform
