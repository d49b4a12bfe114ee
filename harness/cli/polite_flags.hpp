#pragma once
/// The politeness flags of `replay` and `fuzz` (`--rate-limit`, `--max-retry-wait`,
/// `--request-retries`, `--allow-refused`) turned into the http layer's PoliteSettings.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "http/polite_transport.hpp"

namespace conform {

/// The politeness options as CLI11 parsed and checked them.
struct PoliteFlagValues {
  std::optional<std::string> rate_limit;  ///< `--rate-limit N/s|N/m|N/h`
  double max_retry_wait_s = 60;           ///< `--max-retry-wait S`
  size_t request_retries = 0;             ///< `--request-retries N`
  bool allow_refused = false;             ///< `--allow-refused`
};

/// Declares the politeness flags on `app`.
void add_polite_flags(CLI::App& app, PoliteFlagValues& flags);

/// The settings of a run's polite transports; `interrupt` stops their waits.
PoliteSettings polite_settings(const PoliteFlagValues& flags, const std::atomic<int>* interrupt);

}  // namespace conform
