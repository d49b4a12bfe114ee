/// `conform fuzz`: requests generated from the contract schemas (valid values, mutants, probes,
/// requests without credentials) sent to a target and checked; every failure is shrunk.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>

#include "cli/commands.hpp"
#include "cli/interrupts.hpp"
#include "cli/run_setup.hpp"
#include "engine/runner.hpp"
#include "fuzz_cases.hpp"
#include "generated_cases.hpp"
#include "http/http_transport.hpp"
#include "report/console_sink.hpp"
#include "shrink.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

/// Everything the flags say, checked.
struct FuzzPlan {
  Target target;
  RunSelection selection;
  RunOptions run;
  uint64_t seed = 0;
  size_t cases = 500;
  double timeout_s = 10;
  size_t max_shrink_sends = 200;
  bool coverage_phase = true;
  std::optional<fs::path> save_failures;
};

/// Keeps the FAIL results, in case order, for shrinking after the run.
class FailureSink : public EventSink {
 public:
  void run_started(const RunInfo&) override {}
  void case_finished(const CaseResult& result) override {
    if (result.outcome == Outcome::fail && !result.failures.empty()) failures.push_back(result);
  }
  void run_finished(const RunSummary&) override {}
  std::vector<CaseResult> failures;
};

uint64_t parse_seed(const Args& args) {
  auto text = args.value("--seed");
  if (!text) return std::random_device{}() * 2654435761ull + static_cast<uint64_t>(::getpid());
  try {
    size_t used = 0;
    uint64_t seed = std::stoull(*text, &used);
    if (used == text->size()) return seed;
  } catch (const std::exception&) {
  }
  throw UsageError("--seed must be a non-negative integer, got '" + *text + "'");
}

FuzzPlan parse_plan(const Args& args, const Catalog& catalog) {
  if (!args.positionals().empty()) throw UsageError("unexpected argument '" + args.positionals().front() + "'");
  auto url = args.value("--target");
  if (!url) throw UsageError("--target URL is required");
  std::string error;
  auto target = parse_target(*url, error);
  if (!target) throw UsageError(error);
  FuzzPlan plan;
  plan.target = *target;
  plan.selection = parse_run_selection(args, catalog);
  plan.seed = parse_seed(args);
  plan.cases = static_cast<size_t>(number_flag(args, "--cases", 500, 0, 10000000));
  plan.coverage_phase = !args.has("--no-coverage");
  plan.run.jobs = static_cast<size_t>(number_flag(args, "--jobs", 4, 1, 256));
  plan.timeout_s = number_flag(args, "--timeout", 10, 0.05, 3600);
  plan.run.judge.max_response_ms = number_flag(args, "--max-response-time", 0, 1, 3600000);
  plan.max_shrink_sends = static_cast<size_t>(number_flag(args, "--max-shrinks", 200, 0, 100000));
  if (auto dir = args.value("--save-failures")) {
    std::error_code ec;
    fs::create_directories(*dir, ec);
    if (!fs::is_directory(*dir)) throw UsageError("--save-failures " + *dir + ": cannot create the directory");
    plan.save_failures = *dir;
  }
  return plan;
}

void save_failure(const FuzzPlan& plan, const FuzzCase& minimal) {
  std::optional<nlohmann::json> doc = fixture_for(minimal);
  if (!doc) {
    std::cerr << "  not saved: a " << fuzz_variant_name(minimal.variant) << " case is not a fixture\n";
    return;
  }
  fs::path file = *plan.save_failures / minimal.replay.api / fixture_file_name(minimal, plan.seed);
  fs::create_directories(file.parent_path());
  std::ofstream(file) << doc->dump(2) << "\n";
  std::cerr << "  saved as " << file.string() << "\n";
}

/// Prints one shrunk failure: the check, the minimal body, a curl line; saves it when asked.
void print_shrunk(const FuzzPlan& plan, const FuzzCase& original, const ShrinkOutcome& shrunk, const Failure& f,
                  const Redactor& redactor) {
  HttpRequest request = shrunk.minimal.replay.request;
  redactor.redact(request);
  std::cerr << "\nFAIL " << original.replay.id << " (seed " << plan.seed << "): " << f.check << " [" << f.requirement
            << "] shrunk in " << shrunk.steps << " step(s), " << shrunk.sends << " request(s)\n"
            << "  " << f.message << "\n"
            << "  minimal body: " << redactor.scrub(shrunk.minimal.body.dump()) << "\n"
            << "  reproduce:    " << curl_command(plan.target.base_url(), request) << "\n";
  if (plan.save_failures) save_failure(plan, shrunk.minimal);
}

/// Shrinks the first failure of each (API, check) pair; the others repeat it and are counted.
/// Each failing case is made again from its index. Shrinking stops starting new work after
/// `kShrinkBudget`.
void report_failures(const std::vector<FuzzTarget>& targets, const std::vector<CaseResult>& failures,
                     const FuzzPlan& plan, HttpTransportFactory& http, const Redactor& redactor) {
  constexpr auto kShrinkBudget = std::chrono::seconds(60);
  auto started = std::chrono::steady_clock::now();
  auto transport = http.make();
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (const CaseResult& result : failures) {
    std::optional<size_t> index = fuzz_case_index(result.id);
    if (!index) continue;
    if (seen[{result.api, result.failures.front().check}]++ > 0) continue;
    FuzzCase failed = plan_fuzz_case(targets, plan.seed, plan.cases, *index);
    size_t budget = std::chrono::steady_clock::now() - started < kShrinkBudget ? plan.max_shrink_sends : 0;
    ShrinkOutcome shrunk =
        shrink_failure(targets[failed.target], failed, result, *transport, plan.run.judge, budget);
    const Failure& f = shrunk.result.failures.empty() ? result.failures.front() : shrunk.result.failures.front();
    print_shrunk(plan, failed, shrunk, f, redactor);
  }
  for (const auto& [key, count] : seen) {
    if (count > 1) std::cerr << "  " << key.first << " " << key.second << ": " << count - 1 << " more case(s) like it\n";
  }
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
                    "--save-failures", "--auth", "--schemas", "--max-response-time", "--max-shrinks"},
                   {"--no-coverage"}});
  SchemaSource source = schema_source(args);
  Catalog catalog = Catalog::load(source);
  FuzzPlan plan = parse_plan(args, catalog);
  std::vector<std::unique_ptr<EventSink>> reports = make_report_sinks(args);
  std::string problem = probe_target(plan.target, std::min(plan.timeout_s, 5.0));
  if (!problem.empty()) {
    std::cerr << "conform fuzz: " << problem << "\n";
    return kExitUsage;
  }
  std::vector<FuzzTarget> targets = fuzz_targets(catalog, plan.selection.apis, plan.selection.credentials);
  GeneratedCases cases(targets, plan.seed, plan.cases, plan.selection.shard, plan.coverage_phase);
  if (plan.cases == 0 && cases.coverage_size() == 0) {
    throw UsageError("no case to run: --cases 0 " + std::string(plan.coverage_phase ? "and no coverage-phase case" : "with --no-coverage") +
                     "; a run that checks nothing cannot pass the gate");
  }
  std::cerr << "conform fuzz: seed " << plan.seed << ", " << cases.coverage_size() << " coverage-phase cases + "
            << plan.cases << " random cases"
            << (plan.selection.shard ? " (this shard runs its share)" : "") << " against "
            << plan.target.base_url() << "\n";
  ConsoleSink console(report_on_stdout(args) ? std::cerr : std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1);
  FailureSink failed;
  std::vector<EventSink*> sinks{&console, &failed};
  for (auto& sink : reports) sinks.push_back(sink.get());
  Redactor redactor = make_redactor(catalog, plan.selection.credentials);
  plan.run.redactor = &redactor;
  plan.run.base_url = plan.target.base_url();
  HttpTransportFactory http(HttpSettings{plan.target, plan.timeout_s});
  RunInfo info = make_run_info(source, catalog, plan.selection, "fuzz", plan.target.base_url());
  info.seed = plan.seed;
  catch_interrupts();
  plan.run.interrupt = &run_interrupt();
  try {
    RunSummary summary = run_cases(catalog, cases, plan.run, [&http] { return http.make(); }, sinks, info);
    if (summary.interrupted_by != 0) {
      std::cerr << "conform fuzz: interrupted; failures are not shrunk (that would send more requests)\n"
                << "reproduce this run with --seed " << plan.seed << "\n";
      return run_exit_code(summary);
    }
    report_failures(targets, failed.failures, plan, http, redactor);
    print_coverage(cases.constraint_coverage());
    std::cerr << "reproduce this run with --seed " << plan.seed << "\n";
    return run_exit_code(summary);
  } catch (const std::exception& e) {
    std::cerr << "conform fuzz: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace conform
