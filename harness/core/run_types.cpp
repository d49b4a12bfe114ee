#include "core/run_types.hpp"

#include <csignal>

#include "core/outcome_table.hpp"

namespace conform {

const char* outcome_name(Outcome outcome) {
  return outcome_row(outcome).name;
}

std::optional<Outcome> outcome_from_name(const std::string& name) {
  const OutcomeRow* row = find_outcome_row(name);
  if (!row) return std::nullopt;
  return row->outcome;
}

bool fails_gate(Outcome outcome, bool refused_allowed) {
  if (outcome == Outcome::refused && refused_allowed) return false;
  const OutcomeKind kind = outcome_row(outcome).kind;
  return kind == OutcomeKind::failed || kind == OutcomeKind::unjudged;
}

size_t RunSummary::total() const {
  size_t n = 0;
  for (const auto& [outcome, count] : counts) n += count;
  return n;
}

bool RunSummary::passed() const {
  if (interrupted_by != 0) return false;
  auto skipped = counts.find(Outcome::skip);
  if (skipped != counts.end() && skipped->second > 0 && skipped->second == total()) return false;
  for (const auto& [outcome, count] : counts) {
    if (count > 0 && fails_gate(outcome, refused_allowed)) return false;
  }
  return true;
}

std::string signal_name(int signal_number) {
  if (signal_number == SIGINT) return "SIGINT";
  if (signal_number == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal_number);
}

}  // namespace conform
