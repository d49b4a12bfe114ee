/// `conform fuzz`: requests generated from the contract schemas (valid values, mutants, probes,
/// requests without credentials) sent to a target and checked; every failure is shrunk.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <random>

#include "cli/commands.hpp"
#include "cli/dry_run.hpp"
#include "cli/flag_checks.hpp"
#include "cli/fuzz_failures.hpp"
#include "cli/interrupts.hpp"
#include "cli/run_setup.hpp"
#include "cli/transport_flags.hpp"
#include "engine/runner.hpp"
#include "http/http_transport.hpp"
#include "http/polite_transport.hpp"
#include "properties/fuzz_cases.hpp"
#include "properties/generated_cases.hpp"
#include "report/console_sink.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

/// The flags of `conform fuzz`.
struct FuzzFlags {
  RunFlags run;
  size_t cases = 500;
  std::optional<uint64_t> seed;
  bool no_coverage = false;
  size_t max_shrinks = 200;
  std::optional<std::string> save_failures;
};

/// Everything the flags say, checked.
struct FuzzPlan {
  Target target;
  RunSelection selection;
  RunOptions run;
  uint64_t seed = 0;
  std::string seed_source;  ///< how a seed no flag gave was chosen, or ""
  size_t cases = 500;
  double timeout_s = 10;
  size_t max_shrink_sends = 200;
  bool coverage_phase = true;
  std::optional<fs::path> save_failures;
  TransportSettings transport;
  OAuthRun oauth;     ///< --oauth-token-url: tokens minted for some APIs
  SendPolicy policy;  ///< the safety guard (--live, --recipient, --allow-recipient, --max-sends)
};

/// The CI variables that name one pipeline run, which every shard of it sees alike.
std::optional<std::string> ci_run_identity() {
  for (const char* name : {"GITHUB_RUN_ID", "CI_PIPELINE_ID", "BUILDKITE_BUILD_ID",
                           "CIRCLE_WORKFLOW_ID", "BUILD_TAG"}) {
    const char* value = std::getenv(name);
    if (value && *value) return std::string(name) + "=" + value;
  }
  return std::nullopt;
}

/// FNV-1a: the same text gives the same seed on every machine.
uint64_t seed_from_text(const std::string& text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

/// Shards must share one seed, or their cases overlap and leave gaps. Without --seed, it comes
/// from the CI run's id, else from today's UTC date, and is printed so a rerun can pin it.
uint64_t shared_shard_seed(std::string& source) {
  if (auto identity = ci_run_identity()) {
    source = "from " + *identity + ", shared by every shard of this CI run";
    return seed_from_text(*identity);
  }
  std::time_t now = std::time(nullptr);
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", std::gmtime(&now));
  source = std::string("from the UTC date ") + day +
           ", shared by every shard started today; pass --seed to pin it";
  return seed_from_text(day);
}

uint64_t choose_seed(const FuzzFlags& flags, std::string& source) {
  if (flags.seed) return *flags.seed;
  if (flags.run.shard) return shared_shard_seed(source);
  return std::random_device{}() * 2654435761ull + static_cast<uint64_t>(::getpid());
}

FuzzPlan parse_plan(const FuzzFlags& flags, const Catalog& catalog) {
  const auto& url = flags.run.target;
  const bool sends = !flags.run.list_cases && !flags.run.safety.dry_run;
  if (!url && sends) throw UsageError("--target URL is required");
  FuzzPlan plan;
  if (url) {
    std::string error;
    auto target = parse_target(*url, error);
    if (!target) throw UsageError(error);
    plan.target = *target;
  }
  plan.policy =
      send_policy(flags.run.safety, url ? std::optional<Target>(plan.target) : std::nullopt, sends);
  plan.selection = parse_run_selection(flags.run, catalog);
  if (!flags.run.list_cases) {
    plan.oauth = OAuthRun(flags.run.oauth, flags.run.transport, catalog, plan.selection.credentials,
                          flags.run.timeout_s, url.has_value());
  }
  plan.seed = choose_seed(flags, plan.seed_source);
  plan.cases = flags.cases;
  plan.coverage_phase = !flags.no_coverage;
  plan.run.jobs = flags.run.jobs;
  plan.timeout_s = flags.run.timeout_s;
  plan.run.judge.max_response_ms = flags.run.max_response_ms;
  parse_run_controls(flags.run, plan.run);
  plan.max_shrink_sends = flags.max_shrinks;
  if (const auto& dir = flags.save_failures) {
    std::error_code ec;
    fs::create_directories(*dir, ec);
    if (!fs::is_directory(*dir))
      throw UsageError("--save-failures " + *dir + ": cannot create the directory");
    plan.save_failures = *dir;
  }
  if (url)
    plan.transport =
        transport_settings(flags.run.transport, plan.target, catalog, plan.selection.apis);
  return plan;
}

/// The shrinking of failure groups after a run; none after an interrupt (it would send more).
ShrinkPlan shrink_plan(const FuzzPlan& plan, const Redactor& redactor, const RunSummary& summary) {
  ShrinkPlan shrink;
  shrink.seed = plan.seed;
  shrink.cases = plan.cases;
  shrink.max_sends = summary.interrupted_by != 0 ? 0 : plan.max_shrink_sends;
  shrink.guard = plan.run.guard;  // set when the policy is active: shrink sends pass it too
  shrink.save_failures = plan.save_failures;
  shrink.base_url = plan.target.base_url();
  shrink.redactor = &redactor;
  shrink.judge = plan.run.judge;
  shrink.interrupt = plan.run.interrupt;
  return shrink;
}

/// How many settled constraints a negative case broke, and the first few no case did.
void print_coverage(const ConstraintCoverage& coverage) {
  std::cerr << "coverage: " << coverage.exercised << " of " << coverage.total
            << " settled constraints broken by at least one negative case\n";
  for (size_t i = 0; i < coverage.missing.size() && i < 10; ++i)
    std::cerr << "  not broken: " << coverage.missing[i] << "\n";
  if (coverage.missing.size() > 10)
    std::cerr << "  ... and " << coverage.missing.size() - 10 << " more\n";
}

/// The base of the curl lines of --dry-run: the target, or a placeholder when none was given.
std::string url_or_placeholder(const FuzzFlags& flags, const FuzzPlan& plan) {
  return flags.run.target ? plan.target.base_url() : "http://TARGET";
}

int run_fuzz(const FuzzFlags& flags) {
  SchemaSource source = schema_source(flags.run.contracts);
  Catalog catalog = Catalog::load(source);
  FuzzPlan plan = parse_plan(flags, catalog);
  std::vector<std::unique_ptr<EventSink>> reports =
      make_report_sinks(flags.run, CaseListing::failing);
  std::vector<FuzzTarget> targets =
      fuzz_targets(catalog, plan.selection.apis, plan.selection.credentials);
  GeneratedCases cases(targets, plan.seed, plan.cases, plan.selection.shard, plan.coverage_phase);
  if (plan.cases == 0 && cases.coverage_size() == 0) {
    throw UsageError(
        "no case to run: --cases 0 " +
        std::string(plan.coverage_phase ? "and no coverage-phase case" : "with --no-coverage") +
        "; a run that checks nothing cannot pass the gate");
  }
  if (flags.run.list_cases) {
    std::cerr << "conform fuzz: seed " << plan.seed
              << (plan.seed_source.empty() ? "" : " (" + plan.seed_source + ")")
              << "; nothing is sent\n";
    list_cases(cases, std::cout);
    return kExitOk;
  }
  SendGuard guard(catalog, plan.policy);
  if (flags.run.safety.dry_run) {
    Redactor redactor = make_redactor(catalog, plan.selection.credentials);
    std::cerr << "conform fuzz: seed " << plan.seed << "; --dry-run sends nothing\n";
    print_dry_run(cases, guard, redactor, url_or_placeholder(flags, plan), std::cout);
    return kExitOk;
  }
  if (plan.policy.active()) plan.run.guard = &guard;
  announce_transport(plan.transport, flags.run.transport, plan.target, "conform fuzz", std::cerr);
  std::string problem = probe_target(plan.target, std::min(plan.timeout_s, 5.0), plan.transport);
  if (!problem.empty()) {
    std::cerr << "conform fuzz: " << problem << "\n";
    return kExitUsage;
  }
  if (std::string oauth = plan.oauth.start("conform fuzz"); !oauth.empty()) {
    std::cerr << oauth << "\n";
    return kExitUsage;
  }
  std::cerr << "conform fuzz: seed " << plan.seed
            << (plan.seed_source.empty() ? "" : " (" + plan.seed_source + ")") << ", "
            << cases.coverage_size() << " coverage-phase cases + " << plan.cases << " random cases"
            << (plan.selection.shard ? " (this shard runs its share)" : "") << "\n";
  ConsoleSink console(report_on_stdout(flags.run) ? std::cerr : std::cout, std::cerr,
                      ::isatty(STDERR_FILENO) == 1);
  console.group_failures();
  std::vector<EventSink*> held{&console};
  for (auto& sink : reports) held.push_back(sink.get());
  HeldFinish reporters(held);
  FailureGroups groups;
  Redactor redactor = make_redactor(catalog, plan.selection.credentials);
  redact_transport_secrets(redactor, plan.transport);
  plan.oauth.redact(redactor);
  plan.run.redactor = &redactor;
  plan.run.base_url = plan.target.base_url();
  HttpSettings http_settings{plan.target, plan.timeout_s};
  http_settings.transport = plan.transport;
  HttpTransportFactory http(http_settings);
  RunInfo info = make_run_info(source, catalog, plan.selection, "fuzz", plan.target.base_url());
  info.seed = plan.seed;
  info.allow_refused = plan.run.allow_refused;
  catch_interrupts();
  plan.run.interrupt = &run_interrupt();
  try {
    TransportFactory transports = with_oauth(
        polite_transports([&http] { return http.make(); },
                          polite_settings(flags.run.polite, &run_interrupt()), plan.target.host),
        plan.oauth.bindings());
    RunSummary summary =
        run_cases(catalog, cases, plan.run, transports, {&reporters, &groups}, info);
    auto transport = transports();
    shrink_groups(targets, groups.groups(), shrink_plan(plan, redactor, summary), *transport,
                  reporters);
    reporters.finish(summary);
    say_guard_counts(guard, "conform fuzz", std::cerr);
    if (summary.interrupted_by != 0) {
      std::cerr
          << "conform fuzz: interrupted; failures are not shrunk (that would send more requests)\n";
    } else {
      print_coverage(cases.constraint_coverage());
    }
    std::cerr << "reproduce this run with --seed " << plan.seed << "\n";
    return run_exit_code(summary);
  } catch (const std::exception& e) {
    std::cerr << "conform fuzz: " << e.what() << "\n";
    return kExitUsage;
  }
}

const char* const kFuzzDescription =
    "Generates requests from each API's request schema with RapidCheck. Valid values come from\n"
    "the acceptance core (every x-accept rule kept: non-empty lists, identifying members, phone\n"
    "numbers and https URLs where the page says so, future scheduling times). Mutants break one\n"
    "constraint each (a dropped required field, a wrong type, null, a value outside an enum or\n"
    "constant, a malformed format, an empty array): a settled constraint must be rejected; a\n"
    "mutant of an open point (null for an optional member, another letter case, an x-accept\n"
    "rule, a past time, an empty string) is OBSERVED and names its open point, as are probes no\n"
    "page settles (unknown fields, long strings, unicode, CRLF, huge arrays). A 5xx always fails.\n"
    "First a coverage phase: per request schema, the value with every optional member, then one\n"
    "case per mutation site of it, one per probe site (every probe kind on every text field) and\n"
    "one without credentials. Then --cases random cases. The summary counts the settled\n"
    "constraints broken by a negative case, and the observations per open point. Failures are\n"
    "told once per group (API, check and JSON pointer; or ERROR and its reason): the group's\n"
    "first case is shrunk against the target and printed as the minimal JSON body plus a curl\n"
    "command, with the count of cases like it; every report holds the same counterexamples.\n"
    "Shrinking starts no new group after 60 s. With --shard and no --seed, every shard derives\n"
    "one shared seed from the CI run's id (GITHUB_RUN_ID, CI_PIPELINE_ID, ...) or else the UTC\n"
    "date.\n"
    "A target off loopback needs --live and --recipient or --allow-recipient: its positive\n"
    "cases send real messages (README, \"Safety for live targets\"); --dry-run sends nothing.\n";

const char* const kFuzzExitCodes =
    "exit codes: 0 every case passes, 1 any FAIL, ERROR or TIMEOUT (or REFUSED: still 429/503\n"
    "            after the retries, unless --allow-refused), 2 usage error, an\n"
    "            unreachable target or no case to run, 130/143 stopped by SIGINT/SIGTERM (reports\n"
    "            written and marked interrupted; failures not shrunk)\n";

void add_fuzz_flags(CLI::App& app, FuzzFlags& flags) {
  add_value(app, "--cases", flags.cases, "N",
            "random cases after the coverage phase (0 = coverage phase only),\n"
            "spread over every API and channel")
      ->capture_default_str()
      ->check(whole_number(0, 10000000));
  app.add_flag("--no-coverage", flags.no_coverage, "skip the coverage phase");
  app.add_option("--seed", flags.seed,
                 "the run's seed; the same seed sends the same cases (default: random,\nprinted)")
      ->type_name("S")
      ->check(whole_number(0, UINT64_MAX));
  add_value(app, "--max-shrinks", flags.max_shrinks, "N", "requests spent shrinking each failure")
      ->capture_default_str()
      ->check(whole_number(0, 100000));
  app.add_option("--save-failures", flags.save_failures,
                 "write each shrunk failure as DIR/<api>/<name>.json, a fixture that\n"
                 "'conform replay --fixtures DIR' runs as a regression case")
      ->type_name("DIR");
}

}  // namespace

CommandRun declare_fuzz(CLI::App& app) {
  auto flags = std::make_shared<FuzzFlags>();
  app.description(kFuzzDescription);
  app.footer([] { return credentials_help() + "\n" + kFuzzExitCodes; });
  add_run_flags(app, flags->run, CaseListing::failing);
  add_fuzz_flags(app, *flags);
  return [flags] { return run_fuzz(*flags); };
}

}  // namespace conform
