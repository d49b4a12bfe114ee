#pragma once
/// What `replay` and `fuzz` share: API and credential selection, shards, numeric flags,
/// redaction, run info and report sinks.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/oauth_flags.hpp"
#include "cli/polite_flags.hpp"
#include "cli/safety_flags.hpp"
#include "cli/transport_flags.hpp"

#include "engine/case_source.hpp"
#include "engine/event_sink.hpp"
#include "engine/runner.hpp"
#include "engine/shard.hpp"
#include "http/redact.hpp"
#include "report/report_builder.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// The flags replay and fuzz share, as CLI11 parsed and checked them.
struct RunFlags {
  ContractFlags contracts;
  std::optional<std::string> target;
  std::vector<std::string> apis;
  std::vector<std::string> auth;  ///< ID=VALUE each
  std::optional<std::string> shard;
  std::vector<std::string> reports;  ///< FMT:PATH each
  std::optional<std::string> report_cases;
  size_t jobs = 4;
  double timeout_s = 10;
  double max_response_ms = 0;  ///< 0: no response_time check
  size_t max_failures = 0;     ///< 0: run every case
  std::optional<std::string> checks;
  std::optional<std::string> exclude_checks;
  bool list_cases = false;
  TransportFlagValues transport;  ///< --tls-verify, --request-cert(-key), --proxy, -H
  PoliteFlagValues polite;  ///< --rate-limit, --max-retry-wait, --request-retries, --allow-refused
  OAuthFlagValues oauth;    ///< --oauth-token-url, --oauth-min-interval
  SafetyFlagValues
      safety;  ///< --live, --recipient(-phone), --allow-recipient, --dry-run, --max-sends
};

/// Declares the shared flags on `app`; `listed` is the command's default for --report-cases.
void add_run_flags(CLI::App& app, RunFlags& flags, CaseListing listed);

/// `--api`, `--auth` and `--shard`, checked against the catalog.
struct RunSelection {
  std::set<std::string> apis;                      ///< empty = every API
  std::map<std::string, std::string> credentials;  ///< from --auth
  std::optional<Shard> shard;
  std::string shard_text;  ///< "K/N" as given, or ""
};

/// Parses `--api`, `--auth ID=VALUE` and `--shard K/N`; throws UsageError naming the bad value.
RunSelection parse_run_selection(const RunFlags& flags, const Catalog& catalog);

/// Every check's name, in check_table()'s order, comma-separated (for messages and --help).
std::string check_names();

/// `--max-failures N`, `--checks NAME,...` and `--exclude-checks NAME,...` into the run's
/// options; throws UsageError for an unknown check (the message lists check_table()'s names).
void parse_run_controls(const RunFlags& flags, RunOptions& run);

/// `--list-cases`: one line per case (id, method and path, what it must get); nothing is sent.
void list_cases(const CaseSource& source, std::ostream& out);

/// A redactor that knows every API's auth header and every credential in use.
Redactor make_redactor(const Catalog& catalog,
                       const std::map<std::string, std::string>& credentials);

/// The head of every report: version, target, mode, contract hashes, requirements, time.
RunInfo make_run_info(const SchemaSource& source, const Catalog& catalog,
                      const RunSelection& selection, const std::string& mode,
                      const std::string& target);

/// The exit code of a finished run: 0 when it passed, 1 when a case fails the gate, 128 + the
/// signal when one stopped it (cli/interrupts.hpp).
int run_exit_code(const RunSummary& summary);

/// True when a `--report FMT:-` writes a report to standard output (the console then uses stderr).
bool report_on_stdout(const RunFlags& flags);

/// The sink of every `--report FMT:PATH` (`-` is standard output): one ReportSet, or none when
/// no report is asked for; throws UsageError for an unknown format, a bad path, or two reports
/// on standard output.
/// `--report-cases failing|all` chooses the cases listed one by one; `listed` is the default.
std::vector<std::unique_ptr<EventSink>> make_report_sinks(const RunFlags& flags,
                                                          CaseListing listed);

}  // namespace conform
