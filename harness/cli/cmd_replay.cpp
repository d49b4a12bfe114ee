/// `conform replay`: fixtures and probes to a target (or recorded cassettes), every exchange
/// checked, the exit code decides.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "cli/interrupts.hpp"
#include "cli/not_found_hint.hpp"
#include "cli/run_setup.hpp"
#include "engine/case_builder.hpp"
#include "engine/runner.hpp"
#include "engine/shard.hpp"
#include "fixture/fixture_source.hpp"
#include "http/cassette.hpp"
#include "http/http_transport.hpp"
#include "report/console_sink.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

/// Everything the flags say, checked.
struct ReplayPlan {
  std::optional<Target> target;
  std::optional<fs::path> cassettes;
  std::optional<fs::path> record;
  std::vector<std::string> fixture_dirs;  ///< --fixtures, laid over the built-in fixtures
  RunSelection selection;
  RunOptions run;
  double timeout_s = 10;
};

void parse_source(const Args& args, ReplayPlan& plan) {
  auto target = args.value("--target");
  auto cassettes = args.value("--cassettes");
  if (!target && !cassettes && args.has("--list-cases")) return;  // nothing is sent
  if (target.has_value() == cassettes.has_value()) throw UsageError("give exactly one of --target URL and --cassettes DIR");
  if (cassettes) {
    if (!fs::is_directory(*cassettes)) throw UsageError("--cassettes " + *cassettes + ": not a directory");
    plan.cassettes = *cassettes;
  } else {
    std::string error;
    plan.target = parse_target(*target, error);
    if (!plan.target) throw UsageError(error);
  }
  if (auto record = args.value("--record")) {
    if (cassettes) throw UsageError("--record needs --target; --cassettes replays a recording");
    std::error_code ec;
    fs::create_directories(*record, ec);
    if (!fs::is_directory(*record)) throw UsageError("--record " + *record + ": cannot create the directory");
    plan.record = *record;
  }
}

void parse_fixture_dir(const Args& args, ReplayPlan& plan) {
  plan.fixture_dirs = args.values("--fixtures");
  for (const auto& dir : plan.fixture_dirs) {
    if (!fs::is_directory(dir)) throw UsageError("fixtures directory " + dir + " not found (use --fixtures DIR)");
  }
}

ReplayPlan parse_plan(const Args& args, const Catalog& catalog) {
  if (!args.positionals().empty()) throw UsageError("unexpected argument '" + args.positionals().front() + "'");
  ReplayPlan plan;
  parse_source(args, plan);
  plan.selection = parse_run_selection(args, catalog);
  parse_fixture_dir(args, plan);
  plan.run.jobs = count_flag(args, "--jobs", 4, 1, 256);
  plan.timeout_s = number_flag(args, "--timeout", 10, 0.05, 3600);
  plan.run.repeat = count_flag(args, "--repeat", 1, 1, 1000000);
  plan.run.judge.max_response_ms = number_flag(args, "--max-response-time", 0, 1, 3600000);
  parse_run_controls(args, plan.run);
  return plan;
}

TransportFactory make_transports(const ReplayPlan& plan, const Redactor& redactor,
                                 std::unique_ptr<HttpTransportFactory>& http) {
  if (plan.cassettes) return [dir = *plan.cassettes] { return std::make_unique<CassetteTransport>(dir); };
  http = std::make_unique<HttpTransportFactory>(HttpSettings{*plan.target, plan.timeout_s});
  HttpTransportFactory* factory = http.get();
  if (!plan.record) return [factory] { return factory->make(); };
  return [factory, dir = *plan.record, &redactor]() -> std::unique_ptr<Transport> {
    return std::make_unique<RecordingTransport>(factory->make(), dir, redactor);
  };
}

/// Why a run holds no case: a run that checks nothing must never pass the gate.
std::string nothing_to_run(const ReplayPlan& plan, const Catalog& catalog, const FixtureSet& fixtures) {
  std::string sentence = "no case to run:";
  for (const auto& api : catalog.apis()) {
    const std::string& id = api.contract.id;
    if (!plan.selection.apis.empty() && !plan.selection.apis.contains(id)) continue;
    sentence += (sentence.ends_with(":") ? " " : "; ") + id + " has no request fixture " + fixtures.where(id);
  }
  if (plan.selection.shard) sentence += ", or shard " + plan.selection.shard_text + " got none of them";
  return sentence + "; a run that checks nothing cannot pass the gate";
}

/// A selected API without request fixtures sends nothing: say so, so a typo in a folder name
/// is not mistaken for a pass.
void say_which_apis_have_no_cases(const ReplayPlan& plan, const Catalog& catalog, const FixtureSet& fixtures,
                                  const std::vector<ReplayCase>& cases) {
  std::set<std::string> with_cases;
  for (const auto& c : cases) with_cases.insert(c.api);
  for (const auto& api : catalog.apis()) {
    const std::string& id = api.contract.id;
    if ((!plan.selection.apis.empty() && !plan.selection.apis.contains(id)) || with_cases.contains(id)) continue;
    std::cerr << "conform replay: " << id << " has no request fixture " << fixtures.where(id)
              << (plan.selection.shard ? " for this shard" : "") << "; nothing is sent for it\n";
  }
}

std::set<std::string> valid_case_ids(const std::vector<ReplayCase>& cases) {
  std::set<std::string> out;
  for (const auto& c : cases) {
    if (c.intent == Intent::accept) out.insert(c.id);
  }
  return out;
}

}  // namespace

int run_replay(const std::vector<std::string>& argv) {
  Args args(argv, {{"--target", "--cassettes", "--api", "--fixtures", "--jobs", "--timeout", "--shard", "--report",
                    "--record", "--auth", "--schemas", "--max-response-time", "--repeat", "--max-failures",
                    "--checks", "--exclude-checks", "--report-cases"},
                   {"--list-cases"}});
  SchemaSource source = schema_source(args);
  Catalog catalog = Catalog::load(source);
  ReplayPlan plan = parse_plan(args, catalog);
  CaseSettings settings{plan.selection.credentials, plan.selection.apis};
  FixtureSet fixtures = layered_fixtures(plan.fixture_dirs);
  for (const auto& notice : fixtures.notices) std::cerr << "conform replay: " << notice << "\n";
  std::vector<ReplayCase> cases = build_cases(catalog, fixtures.fixtures, settings);
  if (plan.selection.shard) cases = select_shard(std::move(cases), *plan.selection.shard);
  if (cases.empty()) throw UsageError(nothing_to_run(plan, catalog, fixtures));
  say_which_apis_have_no_cases(plan, catalog, fixtures, cases);
  if (args.has("--list-cases")) {
    list_cases(ListedCases(cases, plan.run.repeat), std::cout);
    return kExitOk;
  }
  std::vector<std::unique_ptr<EventSink>> reports = make_report_sinks(args, CaseListing::all);
  if (plan.target) {
    std::string problem = probe_target(*plan.target, std::min(plan.timeout_s, 5.0));
    if (!problem.empty()) {
      std::cerr << "conform replay: " << problem << "\n";
      return kExitUsage;
    }
  }
  ConsoleSink console(report_on_stdout(args) ? std::cerr : std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1);
  NotFoundHintSink not_found(valid_case_ids(cases), plan.target ? plan.target->base_url() : "the recording", std::cerr);
  std::vector<EventSink*> sinks{&console, &not_found};
  for (auto& sink : reports) sinks.push_back(sink.get());
  Redactor redactor = make_redactor(catalog, plan.selection.credentials);
  plan.run.redactor = &redactor;
  plan.run.base_url = plan.target ? plan.target->base_url() : "http://TARGET";
  std::unique_ptr<HttpTransportFactory> http;
  TransportFactory transports = make_transports(plan, redactor, http);
  catch_interrupts();
  plan.run.interrupt = &run_interrupt();
  try {
    RunInfo info = make_run_info(source, catalog, plan.selection, plan.cassettes ? "cassettes" : "replay",
                                 plan.target ? plan.target->base_url() : "cassettes " + plan.cassettes->string());
    return run_exit_code(run_cases(catalog, cases, plan.run, transports, sinks, info));
  } catch (const std::exception& e) {  // a report that cannot be written, a cassette dir gone
    std::cerr << "conform replay: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace conform
