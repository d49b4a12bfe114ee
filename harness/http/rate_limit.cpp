#include "http/rate_limit.hpp"

#include <algorithm>
#include <cctype>
#include <thread>

namespace conform {
namespace {

bool interrupted(const std::atomic<int>* interrupt) {
  return interrupt && interrupt->load() != 0;
}

/// Sleeps until `when` in slices of at most 50 ms; false when interrupted first.
bool sleep_until(std::chrono::steady_clock::time_point when, const std::atomic<int>* interrupt) {
  using namespace std::chrono;
  while (steady_clock::now() < when) {
    if (interrupted(interrupt)) return false;
    std::this_thread::sleep_for(
        std::min<steady_clock::duration>(when - steady_clock::now(), milliseconds(50)));
  }
  return !interrupted(interrupt);
}

}  // namespace

std::optional<RateLimit> parse_rate_limit(const std::string& text, std::string& why) {
  size_t slash = text.find('/');
  std::string count = text.substr(0, slash);
  bool digits =
      !count.empty() && count.size() <= 7 &&
      std::all_of(count.begin(), count.end(), [](unsigned char c) { return std::isdigit(c); });
  if (slash == std::string::npos || !digits) {
    why = "takes N/s, N/m or N/h with N a whole number (e.g. 5/s, 100/m), got '" + text + "'";
    return std::nullopt;
  }
  long n = std::stol(count);
  if (n < 1 || n > 1000000) {
    why = "needs N from 1 to 1000000 requests per period, got '" + text + "'";
    return std::nullopt;
  }
  std::string unit = text.substr(slash + 1);
  double period = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : 0;
  if (period == 0) {
    why = "takes a period of s, m or h (per second, minute or hour), got '" + text + "'";
    return std::nullopt;
  }
  return RateLimit{static_cast<double>(n) / period, text};
}

RateLimiter::RateLimiter(double per_second)
    : spacing_(std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(1.0 / per_second))) {}

bool RateLimiter::wait_turn(const std::string& host, const std::atomic<int>* interrupt) {
  Clock::time_point slot;
  {
    std::lock_guard lock(mutex_);
    Clock::time_point& next = next_[host];
    slot = std::max(Clock::now(), next);
    next = slot + spacing_;
  }
  return sleep_until(slot, interrupt);
}

bool polite_sleep(double seconds, const std::atomic<int>* interrupt) {
  auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(seconds));
  return sleep_until(std::chrono::steady_clock::now() + wait, interrupt);
}

}  // namespace conform
