#pragma once
/// What `replay` and `fuzz` share: API and credential selection, shards, numeric flags,
/// redaction, run info and report sinks.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include <ostream>

#include "engine/case_source.hpp"
#include "engine/runner.hpp"
#include "engine/shard.hpp"
#include "http/redact.hpp"
#include "report/event_sink.hpp"
#include "report/report_builder.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// `--api`, `--auth` and `--shard`, checked against the catalog.
struct RunSelection {
  std::set<std::string> apis;                       ///< empty = every API
  std::map<std::string, std::string> credentials;  ///< from --auth
  std::optional<Shard> shard;
  std::string shard_text;  ///< "K/N" as given, or ""
};

/// A number flag within [low, high]; the fallback when absent. Throws UsageError otherwise.
double number_flag(const Args& args, const std::string& name, double fallback, double low, double high);

/// A whole-number flag (digits only: no sign, no fraction) within [low, high]; the fallback when
/// absent. Throws UsageError naming the flag, the range and the value otherwise.
size_t count_flag(const Args& args, const std::string& name, size_t fallback, size_t low, size_t high);

/// Parses `--api`, `--auth ID=VALUE` and `--shard K/N`; throws UsageError naming the bad value.
RunSelection parse_run_selection(const Args& args, const Catalog& catalog);

/// `--max-failures N`, `--checks NAME,...` and `--exclude-checks NAME,...` into the run's
/// options; throws UsageError for an unknown check (the message lists check_table()'s names).
void parse_run_controls(const Args& args, RunOptions& run);

/// `--list-cases`: one line per case (id, method and path, what it must get); nothing is sent.
void list_cases(const CaseSource& source, std::ostream& out);

/// A redactor that knows every API's auth header and every credential in use.
Redactor make_redactor(const Catalog& catalog, const std::map<std::string, std::string>& credentials);

/// The head of every report: version, target, mode, contract hashes, requirements, time.
RunInfo make_run_info(const SchemaSource& source, const Catalog& catalog, const RunSelection& selection,
                      const std::string& mode, const std::string& target);

/// The exit code of a finished run: 0 when it passed, 1 when a case fails the gate, 128 + the
/// signal when one stopped it (cli/interrupts.hpp).
int run_exit_code(const RunSummary& summary);

/// True when a `--report FMT:-` writes a report to standard output (the console then uses stderr).
bool report_on_stdout(const Args& args);

/// The sink of every `--report FMT:PATH` (`-` is standard output): one ReportSet, or none when
/// no report is asked for; throws UsageError for an unknown format, a bad path, or two reports
/// on standard output.
/// `--report-cases failing|all` chooses the cases listed one by one; `listed` is the default.
std::vector<std::unique_ptr<EventSink>> make_report_sinks(const Args& args, CaseListing listed);

}  // namespace conform
