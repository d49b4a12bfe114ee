/// `conform fuzz`: requests generated from the contract schemas (valid values, mutants, probes,
/// requests without credentials) sent to a target and checked; every failure is shrunk.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "cli/commands.hpp"
#include "cli/run_setup.hpp"
#include "engine/runner.hpp"
#include "fuzz_cases.hpp"
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
  std::optional<fs::path> save_failures;
};

/// Keeps every result, in case order, for shrinking after the run.
class CollectingSink : public EventSink {
 public:
  void run_started(const RunInfo&) override {}
  void case_finished(const CaseResult& result) override { results.push_back(result); }
  void run_finished(const RunSummary&) override {}
  std::vector<CaseResult> results;
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
  plan.cases = static_cast<size_t>(number_flag(args, "--cases", 500, 1, 10000000));
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

std::vector<FuzzCase> planned_cases(const std::vector<FuzzTarget>& targets, const FuzzPlan& plan) {
  std::vector<FuzzCase> all = plan_fuzz_cases(targets, plan.seed, plan.cases);
  if (!plan.selection.shard) return all;
  std::vector<ReplayCase> replay_cases;
  for (const auto& c : all) replay_cases.push_back(c.replay);
  std::set<std::string> ids;
  for (const auto& c : select_shard(std::move(replay_cases), *plan.selection.shard)) ids.insert(c.id);
  std::vector<FuzzCase> kept;
  for (auto& c : all) {
    if (ids.contains(c.replay.id)) kept.push_back(std::move(c));
  }
  return kept;
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
/// Shrinking stops starting new work after `kShrinkBudget`.
void report_failures(const std::vector<FuzzTarget>& targets, const std::vector<FuzzCase>& cases,
                     const std::vector<CaseResult>& results, const FuzzPlan& plan, HttpTransportFactory& http,
                     const Redactor& redactor) {
  constexpr auto kShrinkBudget = std::chrono::seconds(60);
  auto started = std::chrono::steady_clock::now();
  auto transport = http.make();
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (size_t i = 0; i < results.size() && i < cases.size(); ++i) {
    if (results[i].outcome != Outcome::fail || results[i].failures.empty()) continue;
    const std::string& check = results[i].failures.front().check;
    if (seen[{cases[i].replay.api, check}]++ > 0) continue;
    size_t budget = std::chrono::steady_clock::now() - started < kShrinkBudget ? plan.max_shrink_sends : 0;
    ShrinkOutcome shrunk = shrink_failure(targets[cases[i].target], cases[i], results[i], *transport,
                                          plan.run.judge, budget);
    const Failure& f = shrunk.result.failures.empty() ? results[i].failures.front() : shrunk.result.failures.front();
    print_shrunk(plan, cases[i], shrunk, f, redactor);
  }
  for (const auto& [key, count] : seen) {
    if (count > 1) std::cerr << "  " << key.first << " " << key.second << ": " << count - 1 << " more case(s) like it\n";
  }
}

}  // namespace

int run_fuzz(const std::vector<std::string>& argv) {
  Args args(argv, {{"--target", "--api", "--cases", "--seed", "--jobs", "--timeout", "--shard", "--report",
                    "--save-failures", "--auth", "--schemas", "--max-response-time", "--max-shrinks"},
                   {}});
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
  std::vector<FuzzCase> cases = planned_cases(targets, plan);
  std::vector<ReplayCase> replay_cases;
  for (const auto& c : cases) replay_cases.push_back(c.replay);
  std::cerr << "conform fuzz: seed " << plan.seed << ", " << cases.size() << " cases against "
            << plan.target.base_url() << "\n";
  ConsoleSink console(std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1);
  CollectingSink collected;
  std::vector<EventSink*> sinks{&console, &collected};
  for (auto& sink : reports) sinks.push_back(sink.get());
  Redactor redactor = make_redactor(catalog, plan.selection.credentials);
  plan.run.redactor = &redactor;
  plan.run.base_url = plan.target.base_url();
  HttpTransportFactory http(HttpSettings{plan.target, plan.timeout_s});
  RunInfo info = make_run_info(source, catalog, plan.selection, "fuzz", plan.target.base_url());
  info.seed = plan.seed;
  try {
    RunSummary summary = run_cases(catalog, replay_cases, plan.run, [&http] { return http.make(); }, sinks, info);
    report_failures(targets, cases, collected.results, plan, http, redactor);
    std::cerr << "reproduce this run with --seed " << plan.seed << "\n";
    return summary.passed() ? kExitOk : kExitFailed;
  } catch (const std::exception& e) {
    std::cerr << "conform fuzz: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace conform
