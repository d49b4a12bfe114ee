#pragma once
/// `--rate-limit N/s|N/m|N/h`: at most that many requests leave for one host, whatever the
/// number of workers. Requests are spaced evenly (1/N of the period apart), with no burst.
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace conform {

/// A parsed `--rate-limit` value.
struct RateLimit {
  double per_second = 0;  ///< always > 0
  std::string text;       ///< as given, e.g. "5/s"
};

/// Parses `N/s`, `N/m` or `N/h` (N a whole number from 1 to 1000000); nullopt, with `why` set
/// to a phrase naming what is wrong, for anything else ("5", "0/s", "x/s", "5/d").
std::optional<RateLimit> parse_rate_limit(const std::string& text, std::string& why);

/// Hands out send times per host, evenly spaced; shared by every worker of a run (thread-safe).
class RateLimiter {
 public:
  explicit RateLimiter(double per_second);
  /// Blocks until the next request to `host` may leave and books that slot. Returns false,
  /// early, when `interrupt` becomes nonzero while waiting (the request should not be sent).
  bool wait_turn(const std::string& host, const std::atomic<int>* interrupt);

 private:
  using Clock = std::chrono::steady_clock;
  Clock::duration spacing_;
  std::mutex mutex_;
  std::map<std::string, Clock::time_point> next_;  ///< host → the earliest free slot
};

/// Sleeps `seconds` in short slices; false when `interrupt` became nonzero first.
bool polite_sleep(double seconds, const std::atomic<int>* interrupt);

}  // namespace conform
