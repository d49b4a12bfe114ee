#include "core/run_types.hpp"

#include <csignal>

namespace conform {
namespace {
const std::pair<Outcome, const char*> kOutcomeNames[] = {
    {Outcome::pass, "PASS"},       {Outcome::fail, "FAIL"},         {Outcome::xfail, "XFAIL"},
    {Outcome::xpass, "XPASS"},     {Outcome::observed, "OBSERVED"}, {Outcome::error, "ERROR"},
    {Outcome::timeout, "TIMEOUT"}, {Outcome::refused, "REFUSED"},   {Outcome::skip, "SKIP"},
};
}  // namespace

const char* outcome_name(Outcome outcome) {
  for (const auto& [value, name] : kOutcomeNames) {
    if (value == outcome) return name;
  }
  return "ERROR";
}

std::optional<Outcome> outcome_from_name(const std::string& name) {
  for (const auto& [value, text] : kOutcomeNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

bool fails_gate(Outcome outcome, bool refused_allowed) {
  if (outcome == Outcome::refused) return !refused_allowed;
  return outcome == Outcome::fail || outcome == Outcome::xpass || outcome == Outcome::error ||
         outcome == Outcome::timeout;
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
