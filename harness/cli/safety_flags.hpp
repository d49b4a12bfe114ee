#pragma once
/// The safety flags of `replay` and `fuzz`, for targets that really send messages: `--live`,
/// `--recipient`, `--recipient-phone`, `--allow-recipient`, `--dry-run` and `--max-sends`, and
/// the guard that refuses a live run before any lookup or connection.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/send_guard.hpp"
#include "http/target.hpp"

namespace conform {

/// The safety options as given on the command line.
struct SafetyFlagValues {
  bool live = false;  ///< `--live`: the target is not on loopback, and that is meant
  std::optional<std::string> recipient;        ///< `--recipient ADDRESS`
  std::optional<std::string> recipient_phone;  ///< `--recipient-phone NUMBER`
  std::vector<std::string> allowed;            ///< every `--allow-recipient PATTERN`
  bool dry_run = false;  ///< `--dry-run`: print each case as curl, send nothing
  size_t max_sends = 0;  ///< `--max-sends N`; 0: no cap
};

/// Declares the safety flags on `app`.
void add_safety_flags(CLI::App& app, SafetyFlagValues& flags);

/// True when the host, as written in the URL, is loopback: `localhost`, an IPv4 address in
/// 127.0.0.0/8, or `::1`. Decided from the text alone; any other name is not loopback.
bool is_loopback_host(const std::string& host);

/// The policy of a run that sends to `target` (none for --cassettes). Throws UsageError (exit 2)
/// when the target is not on loopback and `--live` is missing, when a live run has neither
/// `--recipient`/`--recipient-phone` nor `--allow-recipient`, or when a sink is not one address.
/// Reads only the URL text: nothing is resolved or connected. `sends` is false for --dry-run and
/// --list-cases, which need no --live.
SendPolicy send_policy(const SafetyFlagValues& flags, const std::optional<Target>& target,
                       bool sends);

/// One stderr line at the end of a guarded run: how many cases were sent, rewritten, refused for
/// a recipient and held back by --max-sends. Nothing when the guard was not active.
void say_guard_counts(const SendGuard& guard, const std::string& command, std::ostream& err);

}  // namespace conform
