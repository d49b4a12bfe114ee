#pragma once
/// Shrinking a failing fuzz case against a live target, along RapidCheck's shrink tree.
#include <cstddef>

#include "engine/judge.hpp"
#include "engine/send_guard.hpp"
#include "http/transport.hpp"
#include "properties/fuzz_cases.hpp"

namespace conform {

/// What a shrink keeps failing: one check at one pointer pattern (indices as `*`), or an ERROR.
struct FailureKind {
  Outcome outcome = Outcome::fail;
  std::string check;    ///< for FAIL
  std::string pattern;  ///< for FAIL: the failure's pointer with indices as `*`
};

/// The kind of a FAIL (its first failure) or an ERROR result.
FailureKind failure_kind(const CaseResult& result);

/// True when the result fails in this way: an ERROR for an ERROR, else a FAIL of the check at
/// the pattern.
bool fails_as(const CaseResult& result, const FailureKind& kind);

/// The smallest failing case found, and what it cost.
struct ShrinkOutcome {
  FuzzCase minimal;
  CaseResult result;     ///< the judged result of `minimal`
  size_t sends = 0;      ///< requests sent while shrinking
  size_t steps = 0;      ///< accepted shrinks
  size_t held_back = 0;  ///< candidates the send guard did not let out
};

/// Starting from a FAIL, tries smaller values of the same case along RapidCheck's shrink tree of
/// the combinator-built value (each optional member dropped, fewer items, shorter strings, an
/// earlier oneOf branch), keeping each candidate that still fails in the same way (failure_kind
/// of `failed`). Sends at most `max_sends` requests, one at a time.
/// With a `guard` (the run's SendGuard), every candidate passes it before it is sent, as the
/// run's cases do: its recipients go to the sinks (the minimal case is kept as sent), a
/// candidate it refuses is not sent and counts as not failing, and `--max-sends` reached ends
/// the shrink.
ShrinkOutcome shrink_failure(const FuzzTarget& target, const FuzzCase& failing,
                             const CaseResult& failed, Transport& transport,
                             const JudgeSettings& settings, size_t max_sends,
                             const SendGuard* guard = nullptr);

}  // namespace conform
