#pragma once
/// The safety guard of a run against a server that really sends: before each case goes out,
/// its recipient fields (the contract's `recipients`) are rewritten to the sinks, a case that
/// would still reach someone outside the allowed patterns is refused, and `--max-sends` caps the
/// requests. The engine asks it once per case (RunOptions::guard).
#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "cases/replay_case.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// What the guard enforces.
struct SendPolicy {
  std::string email_sink;  ///< `--recipient`: every email recipient becomes this; "" = kept
  std::string phone_sink;  ///< `--recipient-phone`: every phone recipient becomes this
  std::vector<std::string> allowed;  ///< `--allow-recipient` globs (recipient_pattern.hpp)
  /// Refuse a case with a recipient that is neither a sink nor allowed (a live run, or any run
  /// with --allow-recipient).
  bool check_recipients = false;
  size_t max_sends = 0;  ///< 0: no cap; else at most this many cases are sent

  /// True when the guard changes or holds back anything.
  bool active() const {
    return !email_sink.empty() || !phone_sink.empty() || check_recipients || max_sends > 0;
  }
};

/// The guard's answer for one case.
struct Admission {
  const ReplayCase* send =
      nullptr;          ///< the case to send (the original or the rewritten copy); nullptr: refused
  std::string refusal;  ///< why it is not sent ("not sent: ..."), when refused
  bool capped = false;  ///< refused because --max-sends was reached
};

/// Counts of a run, for its summary.
struct GuardCounts {
  size_t sent = 0;       ///< cases let through
  size_t rewritten = 0;  ///< of them, cases whose recipients were rewritten
  size_t refused = 0;    ///< cases refused for a recipient
  size_t capped = 0;     ///< cases refused by --max-sends
};

/// Applies a SendPolicy to each case; thread-safe (the workers call it concurrently).
class SendGuard {
 public:
  SendGuard(const Catalog& catalog, SendPolicy policy)
      : catalog_(catalog), policy_(std::move(policy)) {}

  /// Rewrites (into `scratch`) and checks `c`, then takes one send from the cap. A recipient
  /// field a case deliberately breaks (`errors_at`, `probed_at`) is not rewritten, so the case
  /// stays what it tests; the recipient check then decides whether it may go out.
  Admission admit(const ReplayCase& c, ReplayCase& scratch) const;

  /// The rewrite and the recipient check alone, without taking a send (for --dry-run).
  Admission inspect(const ReplayCase& c, ReplayCase& scratch) const;

  GuardCounts counts() const;
  const SendPolicy& policy() const { return policy_; }

 private:
  const Catalog& catalog_;
  SendPolicy policy_;
  mutable std::atomic<size_t> sent_{0}, rewritten_{0}, refused_{0}, capped_{0};
};

}  // namespace conform
