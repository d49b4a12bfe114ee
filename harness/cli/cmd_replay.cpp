/// `conform replay`: fixtures and probes to a target (or recorded cassettes), every exchange
/// checked, the exit code decides.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <set>

#include "cases/case_builder.hpp"
#include "cli/commands.hpp"
#include "cli/dry_run.hpp"
#include "cli/flag_checks.hpp"
#include "cli/help_format.hpp"
#include "cli/interrupts.hpp"
#include "cli/not_found_hint.hpp"
#include "cli/run_setup.hpp"
#include "cli/transport_flags.hpp"
#include "engine/runner.hpp"
#include "engine/shard.hpp"
#include "fixture/fixture_source.hpp"
#include "http/cassette.hpp"
#include "http/http_transport.hpp"
#include "http/polite_transport.hpp"
#include "properties/valid_body.hpp"
#include "report/console_sink.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

/// The flags of `conform replay`.
struct ReplayFlags {
  RunFlags run;
  std::optional<std::string> cassettes;
  std::optional<std::string> record;
  std::vector<std::string> fixtures;
  size_t repeat = 1;
};

/// Everything the flags say, checked.
struct ReplayPlan {
  std::optional<Target> target;
  std::optional<fs::path> cassettes;
  std::optional<fs::path> record;
  std::vector<std::string> fixture_dirs;  ///< --fixtures, laid over the built-in fixtures
  RunSelection selection;
  RunOptions run;
  double timeout_s = 10;
  TransportSettings transport;
  PoliteSettings polite;  ///< rate limit and retries of the HTTP transports
  OAuthRun oauth;         ///< --oauth-token-url: tokens minted for some APIs
  SendPolicy policy;  ///< the safety guard (--live, --recipient, --allow-recipient, --max-sends)
};

void parse_source(const ReplayFlags& flags, ReplayPlan& plan) {
  const auto& target = flags.run.target;
  const auto& cassettes = flags.cassettes;
  if (!target && !cassettes && (flags.run.list_cases || flags.run.safety.dry_run))
    return;  // nothing is sent
  if (target.has_value() == cassettes.has_value())
    throw UsageError("give exactly one of --target URL and --cassettes DIR");
  if (cassettes) {
    if (!fs::is_directory(*cassettes))
      throw UsageError("--cassettes " + *cassettes + ": not a directory");
    plan.cassettes = *cassettes;
  } else {
    std::string error;
    plan.target = parse_target(*target, error);
    if (!plan.target) throw UsageError(error);
  }
  if (const auto& record = flags.record) {
    if (cassettes) throw UsageError("--record needs --target; --cassettes replays a recording");
    std::error_code ec;
    fs::create_directories(*record, ec);
    if (!fs::is_directory(*record))
      throw UsageError("--record " + *record + ": cannot create the directory");
    plan.record = *record;
  }
}

void parse_fixture_dir(const ReplayFlags& flags, ReplayPlan& plan) {
  plan.fixture_dirs = flags.fixtures;
  for (const auto& dir : plan.fixture_dirs) {
    if (!fs::is_directory(dir))
      throw UsageError("fixtures directory " + dir + " not found (use --fixtures DIR)");
  }
}

ReplayPlan parse_plan(const ReplayFlags& flags, const Catalog& catalog) {
  ReplayPlan plan;
  parse_source(flags, plan);
  bool sends = !flags.run.list_cases && !flags.run.safety.dry_run && !plan.cassettes;
  plan.policy =
      send_policy(flags.run.safety, plan.target, sends);  // before any lookup or connection
  plan.selection = parse_run_selection(flags.run, catalog);
  if (!flags.run.list_cases) {
    plan.oauth = OAuthRun(flags.run.oauth, flags.run.transport, catalog, plan.selection.credentials,
                          flags.run.timeout_s, plan.target.has_value());
  }
  parse_fixture_dir(flags, plan);
  plan.run.jobs = flags.run.jobs;
  plan.timeout_s = flags.run.timeout_s;
  plan.run.repeat = flags.repeat;
  plan.run.judge.max_response_ms = flags.run.max_response_ms;
  parse_run_controls(flags.run, plan.run);
  if (plan.target)
    plan.transport =
        transport_settings(flags.run.transport, *plan.target, catalog, plan.selection.apis);
  plan.polite = polite_settings(flags.run.polite, &run_interrupt());
  return plan;
}

TransportFactory make_transports(const ReplayPlan& plan, const Redactor& redactor,
                                 std::unique_ptr<HttpTransportFactory>& http) {
  if (plan.cassettes)
    return [dir = *plan.cassettes] { return std::make_unique<CassetteTransport>(dir); };
  HttpSettings settings{*plan.target, plan.timeout_s};
  settings.transport = plan.transport;
  http = std::make_unique<HttpTransportFactory>(settings);
  HttpTransportFactory* factory = http.get();
  TransportFactory polite =
      polite_transports([factory] { return factory->make(); }, plan.polite, plan.target->host);
  TransportFactory live = with_oauth(polite, plan.oauth.bindings());
  if (!plan.record) return live;
  return [live, dir = *plan.record, &redactor]() -> std::unique_ptr<Transport> {
    return std::make_unique<RecordingTransport>(live(), dir, redactor);
  };
}

/// A case made from a fixture file, not generated (probes, and the body they are built on).
bool from_fixture(const ReplayCase& c) {
  return !c.origin.starts_with("generated from ");
}

/// The selected APIs that have no fixture case (they may still have generated probes).
std::vector<std::string> apis_without_fixture_cases(const ReplayPlan& plan, const Catalog& catalog,
                                                    const std::vector<ReplayCase>& cases) {
  std::set<std::string> with_fixtures;
  for (const auto& c : cases) {
    if (from_fixture(c)) with_fixtures.insert(c.api);
  }
  std::vector<std::string> out;
  for (const auto& api : catalog.apis()) {
    const std::string& id = api.contract.id;
    if ((plan.selection.apis.empty() || plan.selection.apis.contains(id)) &&
        !with_fixtures.contains(id))
      out.push_back(id);
  }
  return out;
}

/// Why a run holds no fixture case: generated probes check no documented example, so a run of
/// probes alone (a fixture folder that is empty or misnamed) must never pass the gate.
std::string nothing_to_run(const ReplayPlan& plan, const FixtureSet& fixtures,
                           const std::vector<std::string>& apis) {
  std::string sentence = "no case to run:";
  for (const auto& id : apis)
    sentence += (sentence.ends_with(":") ? " " : "; ") + id + " has no request fixture " +
                fixtures.where(id);
  if (plan.selection.shard)
    sentence += ", or shard " + plan.selection.shard_text + " got none of them";
  return sentence +
         "; generated probes alone check no documented example, and a run that checks nothing "
         "cannot pass the gate";
}

/// A selected API without request fixtures still runs its generated probes: say so, so a typo
/// in a folder name is not mistaken for a pass.
void say_which_apis_run_probes_only(const ReplayPlan& plan, const FixtureSet& fixtures,
                                    const std::vector<std::string>& apis,
                                    const std::vector<ReplayCase>& cases) {
  for (const auto& id : apis) {
    size_t probes =
        std::count_if(cases.begin(), cases.end(), [&](const ReplayCase& c) { return c.api == id; });
    std::cerr << "conform replay: " << id << " has no request fixture " << fixtures.where(id)
              << (plan.selection.shard ? " for this shard" : "") << "; "
              << (probes ? "only generated probes run for it (" + std::to_string(probes) +
                               "), built on a valid body generated from its request schema"
                         : "nothing is sent for it")
              << "\n";
  }
}

std::set<std::string> valid_case_ids(const std::vector<ReplayCase>& cases) {
  std::set<std::string> out;
  for (const auto& c : cases) {
    if (c.intent == Intent::accept) out.insert(c.id);
  }
  return out;
}

int run_replay(const ReplayFlags& flags) {
  SchemaSource source = schema_source(flags.run.contracts);
  Catalog catalog = Catalog::load(source);
  ReplayPlan plan = parse_plan(flags, catalog);
  CaseSettings settings{plan.selection.credentials, plan.selection.apis, generated_valid_body};
  FixtureSet fixtures = layered_fixtures(plan.fixture_dirs);
  for (const auto& notice : fixtures.notices) std::cerr << "conform replay: " << notice << "\n";
  std::vector<ReplayCase> cases = build_cases(catalog, fixtures.fixtures, settings);
  if (plan.selection.shard) cases = select_shard(std::move(cases), *plan.selection.shard);
  std::vector<std::string> probes_only = apis_without_fixture_cases(plan, catalog, cases);
  if (std::none_of(cases.begin(), cases.end(), from_fixture))
    throw UsageError(nothing_to_run(plan, fixtures, probes_only));
  say_which_apis_run_probes_only(plan, fixtures, probes_only, cases);
  if (flags.run.list_cases) {
    list_cases(ListedCases(cases, plan.run.repeat), std::cout);
    return kExitOk;
  }
  SendGuard guard(catalog, plan.policy);
  if (flags.run.safety.dry_run) {
    Redactor redactor = make_redactor(catalog, plan.selection.credentials);
    print_dry_run(ListedCases(cases, plan.run.repeat), guard, redactor,
                  plan.target ? plan.target->base_url() : "http://TARGET", std::cout);
    return kExitOk;
  }
  if (plan.policy.active()) plan.run.guard = &guard;
  std::vector<std::unique_ptr<EventSink>> reports = make_report_sinks(flags.run, CaseListing::all);
  if (plan.target) {
    announce_transport(plan.transport, flags.run.transport, *plan.target, "conform replay",
                       std::cerr);
    std::string problem = probe_target(*plan.target, std::min(plan.timeout_s, 5.0), plan.transport);
    if (!problem.empty()) {
      std::cerr << "conform replay: " << problem << "\n";
      return kExitUsage;
    }
    if (std::string oauth = plan.oauth.start("conform replay"); !oauth.empty()) {
      std::cerr << oauth << "\n";
      return kExitUsage;
    }
  }
  ConsoleSink console(report_on_stdout(flags.run) ? std::cerr : std::cout, std::cerr,
                      ::isatty(STDERR_FILENO) == 1);
  NotFoundHintSink not_found(valid_case_ids(cases),
                             plan.target ? plan.target->base_url() : "the recording", std::cerr);
  std::vector<EventSink*> sinks{&console, &not_found};
  for (auto& sink : reports) sinks.push_back(sink.get());
  Redactor redactor = make_redactor(catalog, plan.selection.credentials);
  redact_transport_secrets(redactor, plan.transport);
  plan.oauth.redact(redactor);
  plan.run.redactor = &redactor;
  plan.run.base_url = plan.target ? plan.target->base_url() : "http://TARGET";
  std::unique_ptr<HttpTransportFactory> http;
  TransportFactory transports = make_transports(plan, redactor, http);
  catch_interrupts();
  plan.run.interrupt = &run_interrupt();
  try {
    RunInfo info = make_run_info(
        source, catalog, plan.selection, plan.cassettes ? "cassettes" : "replay",
        plan.target ? plan.target->base_url() : "cassettes " + plan.cassettes->string());
    info.allow_refused = plan.run.allow_refused;
    RunSummary summary = run_cases(catalog, cases, plan.run, transports, sinks, info);
    say_guard_counts(guard, "conform replay", std::cerr);
    return run_exit_code(summary);
  } catch (const std::exception& e) {  // a report that cannot be written, a cassette dir gone
    std::cerr << "conform replay: " << e.what() << "\n";
    return kExitUsage;
  }
}

/// The prose of `conform replay --help`; the check names come from check_table().
std::string replay_description() {
  return "Sends every request fixture of each API (response fixtures are checked offline only),\n"
         "plus generated probes (channel letter case, no channel, path values outside an enum, no\n"
         "credentials; built on a valid body generated from the request schema for an API without\n"
         "a valid request fixture), and checks each exchange:\n" +
         wrap_text(check_names() + ".") +
         "\n"
         "Prints one line per failure with the requirement id, doc locator, JSON pointer, "
         "expected\n"
         "vs actual and a curl command (credentials redacted), then the summary.\n"
         "What a page does not settle is OBSERVED, never FAIL. A fixture's \"interaction\" object\n"
         "overrides the expected status, content type, schema check and body matchers.\n"
         "Give exactly one of --target and --cassettes. Response bodies over 8 MiB are cut and "
         "the\n"
         "case is an ERROR; redirects are not followed. After 3 consecutive timeouts on one API "
         "its\n"
         "remaining cases are TIMEOUT, not sent.\n"
         "A target off loopback needs --live and --recipient or --allow-recipient: its positive\n"
         "cases send real messages (README, \"Safety for live targets\"); --dry-run sends "
         "nothing.\n";
}

const char* const kReplayExitCodes =
    "exit codes: 0 every case passes (PASS, XFAIL, OBSERVED), 1 any FAIL, XPASS, ERROR or\n"
    "            TIMEOUT (or REFUSED: still 429/503 after the retries, unless --allow-refused),\n"
    "            2 usage or config error (bad flag, bad fixture file, unreachable target,\n"
    "            no case to run), 130/143 stopped by SIGINT/SIGTERM: the cases in flight finish,\n"
    "            and the summary and every report are written, marked interrupted\n";

void add_replay_flags(CLI::App& app, ReplayFlags& flags) {
  app.add_option("--cassettes", flags.cassettes,
                 "check exchanges recorded with --record, with no network")
      ->type_name("DIR");
  add_repeatable(app, "--fixtures", flags.fixtures, "DIR",
                 "add a fixture tree to the built-in fixtures (repeatable): each of its\n"
                 "DIR/<api>/ folders replaces that API's fixtures (an empty folder\n"
                 "leaves it none; conform says so); other APIs keep the built-in ones");
  app.add_option("--record", flags.record,
                 "save every exchange as DIR/<api>/<case>.json (credentials redacted)")
      ->type_name("DIR");
  add_value(app, "--repeat", flags.repeat, "N",
            "send every case N times (soak and throughput runs)")
      ->capture_default_str()
      ->check(whole_number(1, 1000000));
}

}  // namespace

CommandRun declare_replay(CLI::App& app) {
  auto flags = std::make_shared<ReplayFlags>();
  app.description(replay_description());
  app.footer([] { return credentials_help() + "\n" + kReplayExitCodes; });
  add_run_flags(app, flags->run, CaseListing::all);
  add_replay_flags(app, *flags);
  return [flags] { return run_replay(*flags); };
}

}  // namespace conform
