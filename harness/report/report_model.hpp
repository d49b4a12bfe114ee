#pragma once
/// The JSON report, version 1 (schemas/meta/report.schema.json): how run events become JSON.
/// Every string that came from a server or a case is made valid UTF-8 and scrubbed of credentials.
#include <string>

#include <nlohmann/json.hpp>

#include "core/run_types.hpp"

namespace conform {

/// The `report_version` this build writes and reads.
inline constexpr int kReportVersion = 1;

/// Bodies kept in a report are cut to this many bytes.
inline constexpr size_t kReportBodyCap = 8 * 1024;

/// The `runs[]` entry of a run: target (redacted), tool version, hashes, seed, shard, time.
nlohmann::json run_info_to_json(const RunInfo& info);

/// The `requirements` map of a run: api id → [{id, summary, locator, inferred?}].
nlohmann::json requirements_to_json(const RunInfo& info);

/// The register of open points of each API of the run (`open_points` of a report).
nlohmann::json open_points_to_json(const RunInfo& info);

/// One `cases[]` entry, tagged with the run's (redacted) target; credentials are scrubbed.
nlohmann::json case_to_json(const CaseResult& result, const std::string& target);

/// One `passing_cases[]` entry for an unlisted PASS case (`--report-cases failing`): what the
/// views need of it, and a count of 1.
nlohmann::json passing_entry(const CaseResult& result, const std::string& target);

/// One `counterexamples[]` entry (a shrunk fuzz failure group); credentials are scrubbed.
nlohmann::json counterexample_to_json(const Counterexample& found);

/// Counts per outcome, total and the gate verdict, computed from `cases[]` entries.
nlohmann::json summarize_cases(const nlohmann::json& cases, double wall_ms);

/// An empty report: version, no runs, no cases, complete = false.
nlohmann::json empty_report();

/// True for outcomes that fail the gate, by name ("FAIL", "XPASS", "ERROR", "TIMEOUT", "REFUSED").
bool outcome_fails_gate(const std::string& outcome);

/// True when a `cases[]` entry fails the gate: its outcome does, unless it is a REFUSED case
/// of a run with `--allow-refused` (`"refused_allowed": true`, so a merge keeps the allowance).
bool case_fails_gate(const nlohmann::json& entry);

}  // namespace conform
