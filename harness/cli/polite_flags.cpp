#include "cli/polite_flags.hpp"

#include "cli/flag_checks.hpp"

namespace conform {
namespace {

CLI::Validator rate_limit_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::string why;
        return parse_rate_limit(text, why) ? "" : why;
      },
      "", "rate limit");
}

}  // namespace

void add_polite_flags(CLI::App& app, PoliteFlagValues& flags) {
  app.add_option("--rate-limit", flags.rate_limit,
                 "send at most N requests per second, minute or hour to the target host,\n"
                 "evenly spaced across every worker (e.g. 5/s, 100/m); default no limit")
      ->type_name("N/s|N/m|N/h")
      ->check(rate_limit_check());
  add_value(app, "--max-retry-wait", flags.max_retry_wait_s, "S",
            "a 429 or 503 is sent again after its Retry-After (seconds or an\n"
            "HTTP-date; without one 1 s, then 2 s, 4 s), at most 3 times and at\n"
            "most S seconds of waiting per case; a Retry-After over S is not\n"
            "waited for. A case still refused is REFUSED: no verdict, it fails\n"
            "the gate unless --allow-refused; after 3 refused cases in a row the\n"
            "rest are REFUSED unsent. 0 retries nothing")
      ->capture_default_str()
      ->check(decimal_number(0, 3600));
  add_value(app, "--request-retries", flags.request_retries, "N",
            "retry a network error up to N times (0.5 s, 1 s, 2 s ... apart), only\n"
            "when the request never fully left: connect refused or failed, a TLS\n"
            "handshake failure, a write error. Once a request is written (a read\n"
            "error, a reset, a timeout) it is never sent again: it may have been\n"
            "delivered")
      ->capture_default_str()
      ->check(whole_number(0, 10));
  app.add_flag("--allow-refused", flags.allow_refused,
               "REFUSED cases (429/503 after the retries) do not fail the gate");
}

PoliteSettings polite_settings(const PoliteFlagValues& flags, const std::atomic<int>* interrupt) {
  PoliteSettings settings;
  if (flags.rate_limit) {
    std::string why;
    settings.rate_limit = parse_rate_limit(*flags.rate_limit, why);
  }
  settings.max_retry_wait_s = flags.max_retry_wait_s;
  settings.request_retries = flags.request_retries;
  settings.interrupt = interrupt;
  return settings;
}

}  // namespace conform
