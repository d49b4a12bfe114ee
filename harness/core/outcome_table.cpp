#include "core/outcome_table.hpp"

#include <algorithm>
#include <iterator>

namespace conform {
namespace {

const OutcomeRow kRows[] = {
    {Outcome::pass, "PASS", OutcomeKind::passed, 1},
    {Outcome::fail, "FAIL", OutcomeKind::failed, 8},
    {Outcome::xfail, "XFAIL", OutcomeKind::noted, 3},
    {Outcome::xpass, "XPASS", OutcomeKind::failed, 7},
    {Outcome::observed, "OBSERVED", OutcomeKind::noted, 2},
    {Outcome::error, "ERROR", OutcomeKind::unjudged, 6},
    {Outcome::timeout, "TIMEOUT", OutcomeKind::unjudged, 5},
    {Outcome::refused, "REFUSED", OutcomeKind::unjudged, 4},
    {Outcome::skip, "SKIP", OutcomeKind::unsent, 0},
};

const OutcomeRow& error_row() {
  return *find_outcome_row("ERROR");
}

}  // namespace

const std::vector<OutcomeRow>& outcome_rows() {
  static const std::vector<OutcomeRow> rows(std::begin(kRows), std::end(kRows));
  return rows;
}

std::vector<std::string> outcome_names() {
  std::vector<std::string> names;
  for (const OutcomeRow& row : kRows) names.emplace_back(row.name);
  return names;
}

std::vector<std::string> outcome_names_by_kind() {
  std::vector<OutcomeRow> rows = outcome_rows();
  std::stable_sort(rows.begin(), rows.end(),
                   [](const OutcomeRow& a, const OutcomeRow& b) { return a.kind < b.kind; });
  std::vector<std::string> names;
  for (const OutcomeRow& row : rows) names.emplace_back(row.name);
  return names;
}

std::vector<std::string> gate_failing_outcome_names() {
  std::vector<std::string> names;
  for (const OutcomeRow& row : kRows) {
    if (fails_gate(row.outcome)) names.emplace_back(row.name);
  }
  return names;
}

const OutcomeRow& outcome_row(Outcome outcome) {
  for (const OutcomeRow& row : kRows) {
    if (row.outcome == outcome) return row;
  }
  return error_row();
}

const OutcomeRow* find_outcome_row(const std::string& name) {
  for (const OutcomeRow& row : kRows) {
    if (name == row.name) return &row;
  }
  return nullptr;
}

OutcomeKind outcome_kind(const std::string& name) {
  const OutcomeRow* row = find_outcome_row(name);
  return (row ? *row : error_row()).kind;
}

int outcome_severity(const std::string& name) {
  const OutcomeRow* row = find_outcome_row(name);
  return (row ? *row : error_row()).severity;
}

}  // namespace conform
