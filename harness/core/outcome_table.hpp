#pragma once
/// The one table of outcomes: each outcome's name, how it stands with the gate, and how bad it
/// is. Reports, views and the merge gate list outcomes from here, never by hand.
#include <string>
#include <vector>

#include "core/run_types.hpp"

namespace conform {

/// What an outcome tells the reader, which decides how reports group and mark it.
enum class OutcomeKind {
  passed,    ///< PASS
  noted,     ///< XFAIL, OBSERVED: judged, passes the gate, worth a look
  failed,    ///< FAIL, XPASS: judged, fails the gate
  unjudged,  ///< ERROR, TIMEOUT, REFUSED: sent, but no verdict
  unsent,    ///< SKIP: not sent
};

/// One row of the table.
struct OutcomeRow {
  Outcome outcome;
  const char* name;
  OutcomeKind kind;
  int severity;  ///< higher is worse; SKIP is 0, as a requirement no case reached
};

/// Every outcome in report order: PASS, FAIL, XFAIL, XPASS, OBSERVED, ERROR, TIMEOUT, REFUSED,
/// SKIP.
const std::vector<OutcomeRow>& outcome_rows();

/// The names of `outcome_rows()`, in report order.
std::vector<std::string> outcome_names();

/// The names in the order a reader scans a bar of them: by kind (passed, noted, failed, unjudged,
/// unsent), report order within a kind.
std::vector<std::string> outcome_names_by_kind();

/// The names of the outcomes that fail the gate (`fails_gate` without --allow-refused), in the
/// order the gate names them: FAIL, XPASS, ERROR, TIMEOUT, REFUSED.
std::vector<std::string> gate_failing_outcome_names();

/// The row of this outcome (every enum value has one; ERROR's should one be missing).
const OutcomeRow& outcome_row(Outcome outcome);

/// The row of the outcome with this name; nullptr for an unknown name.
const OutcomeRow* find_outcome_row(const std::string& name);

/// The kind of the outcome with this name; an unknown name is `unjudged`, as ERROR is.
OutcomeKind outcome_kind(const std::string& name);

/// The severity of the outcome with this name; an unknown name counts as ERROR.
int outcome_severity(const std::string& name);

}  // namespace conform
