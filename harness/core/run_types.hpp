#pragma once
/// The vocabulary of a conformance run: exchanges, failures, outcomes and case results.
/// Plain values only; the engine produces them, checks read them, reporters consume them.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/types.hpp"

namespace conform {

/// The verdict on one case (DESIGN.md, "Outcome").
/// `refused`: the server still answered 429 or 503 after the polite retries
/// (http/polite_transport): no verdict, neither PASS nor FAIL. `skip`: not sent, by the safety
/// guard of a live run (engine/send_guard.hpp): a recipient outside --allow-recipient, or
/// --max-sends reached. It does not fail the gate; a run that sent no case at all does not pass.
enum class Outcome { pass, fail, xfail, xpass, observed, error, timeout, refused, skip };

/// "PASS", "FAIL", "XFAIL", "XPASS", "OBSERVED", "ERROR", "TIMEOUT", "REFUSED", "SKIP".
const char* outcome_name(Outcome outcome);

/// The outcome with this name; std::nullopt for an unknown name.
std::optional<Outcome> outcome_from_name(const std::string& name);

/// True for outcomes that keep a run from passing: FAIL, XPASS, and ERROR/TIMEOUT (a case that
/// could not be judged is not a pass), and REFUSED unless `refused_allowed` (`--allow-refused`).
/// PASS, XFAIL and OBSERVED never fail the gate.
bool fails_gate(Outcome outcome, bool refused_allowed = false);

/// Ordered header list; names compared case-insensitively by readers.
using Headers = std::vector<std::pair<std::string, std::string>>;

/// What was sent.
struct HttpRequest {
  std::string method;
  std::string path;  ///< path and query, after the target's prefix, e.g. `/v1/messaging/email`
  Headers headers;
  std::string body;
};

/// What came back.
struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
  bool body_truncated = false;  ///< the body exceeded the cap and was cut
};

/// A request together with the response that came back, or why none did.
struct Exchange {
  HttpRequest request;
  std::optional<HttpResponse> response;
  std::string transport_error;  ///< connection refused, reset, ...; empty when a response came
  bool timed_out = false;
  double elapsed_ms = 0;
  /// The request never fully left (connect refused or failed, or writing it failed), so sending
  /// it again cannot deliver it twice; `--request-retries` retries only these.
  bool unsent = false;
  size_t attempts = 1;  ///< requests sent for this exchange, retries included
  std::string refused =
      {};  ///< non-empty: still 429/503 after the retries, and why retrying stopped
};

/// One broken expectation, found by one check (DESIGN.md, "Failure").
struct Failure {
  std::string check;        ///< stable check name, e.g. `status_code_conformance`
  std::string requirement;  ///< requirement id; never empty
  std::string locator;      ///< doc line of the requirement
  std::string pointer;      ///< JSON pointer, when the failure is about a field
  std::string expected;
  std::string actual;
  std::string message;
};

/// The result of running one case against a target.
struct CaseResult {
  std::string id;  ///< stable: `<api>/<fixture or probe name>`
  std::string api;
  std::vector<std::string> requirements;
  Outcome outcome = Outcome::pass;
  std::vector<std::string> checks;  ///< names of the checks that ran
  std::vector<Failure> failures;    ///< for FAIL, XFAIL, OBSERVED
  std::string note;                 ///< why ERROR/TIMEOUT/XFAIL/OBSERVED
  std::string observed_kind = {};   ///< for OBSERVED: the open point (or the check) behind it
  double duration_ms = 0;
  std::string curl;  ///< a shell-safe reproduction with credentials redacted
  std::optional<Exchange> exchange;
};

/// The smallest case found for one group of fuzz failures: every case of one API that failed one
/// check at one JSON pointer pattern, or that ended in ERROR (or TIMEOUT) for one reason.
struct Counterexample {
  std::string api;
  std::string outcome;       ///< of the group: "FAIL", "ERROR" or "TIMEOUT"
  std::string check;         ///< the failed check; the outcome name when no check failed
  std::string pointer;       ///< the failure's pointer, indices as `*`; "" when not about a field
  std::string requirement;   ///< "" when no check failed
  std::string message;       ///< what the minimal case got
  size_t cases = 0;          ///< failing cases in the group
  std::string first_case;    ///< id of the case that was shrunk
  std::string minimal_body;  ///< JSON text of the smallest failing body, credentials redacted
  std::string curl;          ///< reproduces the minimal case, credentials redacted
  size_t steps = 0;          ///< accepted shrink steps
  size_t sends = 0;          ///< requests the shrink sent
  std::string not_shrunk;    ///< why the group was not shrunk (budget spent, a timeout), or ""
  std::string saved_as;      ///< the fixture file `--save-failures` wrote, or ""
  std::string not_saved;     ///< why `--save-failures` wrote none for it, or ""
};

/// What a run was: written at the head of every report.
struct RunInfo {
  std::string tool_version;
  std::string target;                                  ///< credentials redacted
  std::string mode;                                    ///< "replay", "fuzz", "cassettes"
  std::map<std::string, std::string> contract_hashes;  ///< api id → hash of its schema files
  std::optional<unsigned long long> seed;
  std::string shard;           ///< "K/N" or ""
  std::string started_at;      ///< RFC 3339, UTC
  bool allow_refused = false;  ///< `--allow-refused`: the run's REFUSED cases do not fail the gate
  size_t planned_cases = 0;    ///< the cases the run holds (set by the engine; not in reports)
  /// api id → its contract's requirements (id, summary, locator), so reports need no catalog.
  std::map<std::string, std::vector<Requirement>> requirements;
  /// api id → its register of open points (`conform list --open`), for the requirement view.
  std::map<std::string, std::vector<OpenPoint>> open_points = {};
};

/// Counts per outcome.
struct RunSummary {
  std::map<Outcome, size_t> counts;
  double wall_ms = 0;
  size_t planned = 0;  ///< the cases the run held; more than total() when it was interrupted
  int interrupted_by =
      0;  ///< the signal that stopped the run before its end (SIGINT, SIGTERM), or 0
  size_t stopped_at_failures = 0;  ///< `--max-failures N` stopped the run before its end: N, else 0
  bool refused_allowed = false;    ///< `--allow-refused`: REFUSED cases do not fail the gate
  /// Total cases.
  size_t total() const;
  /// True when no outcome fails the gate, the run was not interrupted, and not every case was
  /// SKIP (a run that sent nothing checked nothing).
  bool passed() const;
};

/// "SIGINT", "SIGTERM", or "signal N".
std::string signal_name(int signal_number);

}  // namespace conform
