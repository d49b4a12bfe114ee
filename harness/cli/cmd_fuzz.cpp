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
#include "cli/fuzz_failures.hpp"
#include "cli/interrupts.hpp"
#include "cli/run_setup.hpp"
#include "cli/transport_flags.hpp"
#include "engine/runner.hpp"
#include "fuzz_cases.hpp"
#include "generated_cases.hpp"
#include "http/http_transport.hpp"
#include "report/console_sink.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

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
  TransportFlagValues transport_flags;
  TransportSettings transport;
};

/// The CI variables that name one pipeline run, which every shard of it sees alike.
std::optional<std::string> ci_run_identity() {
  for (const char* name : {"GITHUB_RUN_ID", "CI_PIPELINE_ID", "BUILDKITE_BUILD_ID", "CIRCLE_WORKFLOW_ID", "BUILD_TAG"}) {
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
  source = std::string("from the UTC date ") + day + ", shared by every shard started today; pass --seed to pin it";
  return seed_from_text(day);
}

uint64_t parse_seed(const Args& args, std::string& source) {
  auto text = args.value("--seed");
  if (!text && args.value("--shard")) return shared_shard_seed(source);
  if (!text) return std::random_device{}() * 2654435761ull + static_cast<uint64_t>(::getpid());
  bool digits = !text->empty() && std::all_of(text->begin(), text->end(), [](unsigned char c) { return std::isdigit(c); });
  try {
    if (digits) return std::stoull(*text);  // stoull alone would wrap "-1" to 2^64 - 1
  } catch (const std::exception&) {
  }
  throw UsageError("--seed must be a non-negative integer, got '" + *text + "'");
}

FuzzPlan parse_plan(const Args& args, const Catalog& catalog) {
  if (!args.positionals().empty()) throw UsageError("unexpected argument '" + args.positionals().front() + "'");
  auto url = args.value("--target");
  if (!url && !args.has("--list-cases")) throw UsageError("--target URL is required");
  FuzzPlan plan;
  if (url) {
    std::string error;
    auto target = parse_target(*url, error);
    if (!target) throw UsageError(error);
    plan.target = *target;
  }
  plan.selection = parse_run_selection(args, catalog);
  plan.seed = parse_seed(args, plan.seed_source);
  plan.cases = count_flag(args, "--cases", 500, 0, 10000000);
  plan.coverage_phase = !args.has("--no-coverage");
  plan.run.jobs = count_flag(args, "--jobs", 4, 1, 256);
  plan.timeout_s = number_flag(args, "--timeout", 10, 0.05, 3600);
  plan.run.judge.max_response_ms = number_flag(args, "--max-response-time", 0, 1, 3600000);
  parse_run_controls(args, plan.run);
  plan.max_shrink_sends = count_flag(args, "--max-shrinks", 200, 0, 100000);
  if (auto dir = args.value("--save-failures")) {
    std::error_code ec;
    fs::create_directories(*dir, ec);
    if (!fs::is_directory(*dir)) throw UsageError("--save-failures " + *dir + ": cannot create the directory");
    plan.save_failures = *dir;
  }
  plan.transport_flags = {args.value("--tls-verify"), args.value("--request-cert"), args.value("--request-cert-key"),
                          args.value("--proxy"), args.values("-H")};
  for (const auto& header : args.values("--header")) plan.transport_flags.headers.push_back(header);
  if (url) plan.transport = transport_settings(plan.transport_flags, plan.target, catalog, plan.selection.apis);
  return plan;
}

/// The shrinking of failure groups after a run; none after an interrupt (it would send more).
ShrinkPlan shrink_plan(const FuzzPlan& plan, const Redactor& redactor, const RunSummary& summary) {
  ShrinkPlan shrink;
  shrink.seed = plan.seed;
  shrink.cases = plan.cases;
  shrink.max_sends = summary.interrupted_by != 0 ? 0 : plan.max_shrink_sends;
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
  for (size_t i = 0; i < coverage.missing.size() && i < 10; ++i) std::cerr << "  not broken: " << coverage.missing[i] << "\n";
  if (coverage.missing.size() > 10) std::cerr << "  ... and " << coverage.missing.size() - 10 << " more\n";
}

}  // namespace

int run_fuzz(const std::vector<std::string>& argv) {
  Args args(argv, {{"--target", "--api", "--cases", "--seed", "--jobs", "--timeout", "--shard", "--report",
                    "--save-failures", "--auth", "--schemas", "--max-response-time", "--max-shrinks", "--max-failures",
                    "--checks", "--exclude-checks", "--report-cases", "--tls-verify", "--request-cert",
                    "--request-cert-key", "--proxy", "-H", "--header"},
                   {"--no-coverage", "--list-cases"}});
  SchemaSource source = schema_source(args);
  Catalog catalog = Catalog::load(source);
  FuzzPlan plan = parse_plan(args, catalog);
  std::vector<std::unique_ptr<EventSink>> reports = make_report_sinks(args, CaseListing::failing);
  std::vector<FuzzTarget> targets = fuzz_targets(catalog, plan.selection.apis, plan.selection.credentials);
  GeneratedCases cases(targets, plan.seed, plan.cases, plan.selection.shard, plan.coverage_phase);
  if (plan.cases == 0 && cases.coverage_size() == 0) {
    throw UsageError("no case to run: --cases 0 " + std::string(plan.coverage_phase ? "and no coverage-phase case" : "with --no-coverage") +
                     "; a run that checks nothing cannot pass the gate");
  }
  if (args.has("--list-cases")) {
    std::cerr << "conform fuzz: seed " << plan.seed << (plan.seed_source.empty() ? "" : " (" + plan.seed_source + ")")
              << "; nothing is sent\n";
    list_cases(cases, std::cout);
    return kExitOk;
  }
  announce_transport(plan.transport, plan.transport_flags, plan.target, "conform fuzz", std::cerr);
  std::string problem = probe_target(plan.target, std::min(plan.timeout_s, 5.0), plan.transport);
  if (!problem.empty()) {
    std::cerr << "conform fuzz: " << problem << "\n";
    return kExitUsage;
  }
  std::cerr << "conform fuzz: seed " << plan.seed << (plan.seed_source.empty() ? "" : " (" + plan.seed_source + ")")
            << ", " << cases.coverage_size() << " coverage-phase cases + " << plan.cases << " random cases"
            << (plan.selection.shard ? " (this shard runs its share)" : "") << "\n";
  ConsoleSink console(report_on_stdout(args) ? std::cerr : std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1);
  console.group_failures();
  std::vector<EventSink*> held{&console};
  for (auto& sink : reports) held.push_back(sink.get());
  HeldFinish reporters(held);
  FailureGroups groups;
  Redactor redactor = make_redactor(catalog, plan.selection.credentials);
  redact_transport_secrets(redactor, plan.transport);
  plan.run.redactor = &redactor;
  plan.run.base_url = plan.target.base_url();
  HttpSettings http_settings{plan.target, plan.timeout_s};
  http_settings.transport = plan.transport;
  HttpTransportFactory http(http_settings);
  RunInfo info = make_run_info(source, catalog, plan.selection, "fuzz", plan.target.base_url());
  info.seed = plan.seed;
  catch_interrupts();
  plan.run.interrupt = &run_interrupt();
  try {
    RunSummary summary = run_cases(catalog, cases, plan.run, [&http] { return http.make(); }, {&reporters, &groups}, info);
    auto transport = http.make();
    shrink_groups(targets, groups.groups(), shrink_plan(plan, redactor, summary), *transport, reporters);
    reporters.finish(summary);
    if (summary.interrupted_by != 0) {
      std::cerr << "conform fuzz: interrupted; failures are not shrunk (that would send more requests)\n";
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

}  // namespace conform
