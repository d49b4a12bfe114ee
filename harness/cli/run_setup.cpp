#include "cli/run_setup.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <sstream>

#include "cases/case_builder.hpp"
#include "checks/check.hpp"
#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/flag_checks.hpp"
#include "cli/help_format.hpp"
#include "cli/interrupts.hpp"
#include "core/version.hpp"
#include "report/report_set.hpp"
#include "validate/open_register.hpp"

namespace conform {

std::string check_names() {
  std::string out;
  for (const auto& check : check_table())
    out += (out.empty() ? "" : ", ") + std::string(check.name);
  return out;
}

namespace {

std::string now_rfc3339() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string hash_text(const std::string& text) {
  unsigned long long hash = 1469598103934665603ULL;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", hash);
  return out;
}

}  // namespace

namespace {

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

/// The checks a `--checks` or `--exclude-checks` value names, each one known.
std::set<std::string> named_checks(const std::string& flag, const std::string& value) {
  std::set<std::string> names;
  for (const auto& name : comma_list(value)) {
    bool known = std::any_of(check_table().begin(), check_table().end(),
                             [&](const Check& c) { return name == c.name; });
    if (!known)
      throw UsageError(flag + ": unknown check '" + name + "' (checks: " + check_names() + ")");
    names.insert(name);
  }
  if (names.empty())
    throw UsageError(flag + " needs at least one check name (checks: " + check_names() + ")");
  return names;
}

}  // namespace

void parse_run_controls(const RunFlags& flags, RunOptions& run) {
  run.max_failures = flags.max_failures;
  run.allow_refused = flags.polite.allow_refused;
  const auto& only = flags.checks;
  const auto& excluded = flags.exclude_checks;
  if (only && excluded) throw UsageError("give one of --checks and --exclude-checks, not both");
  if (excluded) run.judge.skipped_checks = named_checks("--exclude-checks", *excluded);
  if (only) {
    std::set<std::string> kept = named_checks("--checks", *only);
    if (kept.contains("response_time") && run.judge.max_response_ms <= 0) {
      throw UsageError(
          "--checks response_time needs --max-response-time MS (without a budget the check does "
          "not run)");
    }
    for (const auto& check : check_table()) {
      if (!kept.contains(check.name)) run.judge.skipped_checks.insert(check.name);
    }
  }
  if (run.judge.skipped_checks.size() == check_table().size())
    throw UsageError("--exclude-checks leaves no check to run");
}

void list_cases(const CaseSource& source, std::ostream& out) {
  ReplayCase scratch;
  for (size_t i = 0; i < source.size(); ++i) {
    const ReplayCase* c = source.at(i, scratch);
    if (!c) continue;
    out << c->id << "\t" << c->request.method << " " << c->request.path << "\t"
        << case_expectation(*c) << "\n";
  }
  out << std::flush;
}

Redactor make_redactor(const Catalog& catalog,
                       const std::map<std::string, std::string>& credentials) {
  Redactor redactor;
  for (const auto& api : catalog.apis()) {
    redactor.add_header(api.contract.auth.header);
    redactor.add_secret(credential_for(api.contract, credentials));
  }
  return redactor;
}

bool report_on_stdout(const RunFlags& flags) {
  for (const auto& spec : flags.reports) {
    if (split_report_spec(spec).second == "-") return true;
  }
  return false;
}

std::vector<std::unique_ptr<EventSink>> make_report_sinks(const RunFlags& flags,
                                                          CaseListing listed) {
  if (flags.report_cases)
    listed = *flags.report_cases == "all" ? CaseListing::all : CaseListing::failing;
  auto reports = std::make_unique<ReportSet>(listed);
  size_t to_stdout = 0;
  for (const auto& spec : flags.reports) {
    auto [format, path] = split_report_spec(spec);
    if (path == "-" && ++to_stdout > 1)
      throw UsageError("only one --report may go to standard output (-)");
    std::string known;
    for (const auto& name : report_formats()) known += (known.empty() ? "" : ", ") + name;
    if (format.empty()) throw UsageError("--report takes FMT:PATH (formats: " + known + ")");
    bool added = false;
    try {
      added = reports->add(format, path);
    } catch (const std::exception& e) {
      throw UsageError("--report " + spec + ": " + e.what());
    }
    if (!added) throw UsageError("unknown report format '" + format + "' (formats: " + known + ")");
  }
  std::vector<std::unique_ptr<EventSink>> sinks;
  if (!reports->empty()) sinks.push_back(std::move(reports));
  return sinks;
}

namespace {

/// One line of credentials_help: `Authorization: Zoho-oauthtoken <token>; a bare token gets the
/// scheme word`, from the auth section alone (never a hand-written list).
std::string auth_form(const AuthScheme& auth) {
  std::vector<std::string> words = scheme_words(auth);
  std::string form = auth.header + ": ";
  for (size_t i = 0; i < words.size(); ++i) form += (i ? " or " : "") + words[i] + " <token>";
  if (words.empty()) return form + "<token>, sent as given";
  if (words.size() == 1) return form + "; a bare token gets the scheme word";
  return form + "; sent as given, so give the scheme word";
}

}  // namespace

std::string credentials_help() {
  SchemaSource source = embedded_schema_source();
  std::string text =
      "\ncredentials (--auth ID=VALUE or $CONFORM_AUTH_<ID>), from each contract's auth:\n";
  for (const auto& id : source.api_ids) {
    std::string origin = id + "/contract.json";
    nlohmann::json document = parse_json_file_text(source.read(origin).value_or("{}"), origin);
    Contract contract = parse_contract(document, origin);
    text += "  " + id + std::string(id.size() < 19 ? 19 - id.size() : 1, ' ') +
            auth_form(contract.auth);
    text += contract.auth.inferred.empty() ? "\n" : " (inferred)\n";
  }
  return text;
}

RunSelection parse_run_selection(const RunFlags& flags, const Catalog& catalog) {
  RunSelection selection;
  for (const auto& api : flags.apis) {
    if (!catalog.find(api))
      throw UsageError("unknown api '" + api + "' (one of: " + catalog.id_list() + ")");
    selection.apis.insert(api);
  }
  for (const auto& pair : flags.auth) {
    size_t eq = pair.find('=');
    std::string api = pair.substr(0, eq);
    if (eq == std::string::npos || eq + 1 == pair.size()) throw UsageError("--auth takes ID=VALUE");
    if (!catalog.find(api))
      throw UsageError("--auth: unknown api '" + api + "' (one of: " + catalog.id_list() + ")");
    selection.credentials[api] = pair.substr(eq + 1);
  }
  if (const auto& shard = flags.shard) {
    selection.shard = parse_shard(*shard);
    if (!selection.shard)
      throw UsageError("--shard takes K/N with 1 <= K <= N, got '" + *shard + "'");
    selection.shard_text = *shard;
  }
  return selection;
}

RunInfo make_run_info(const SchemaSource& source, const Catalog& catalog,
                      const RunSelection& selection, const std::string& mode,
                      const std::string& target) {
  RunInfo info;
  info.tool_version = tool_version();
  info.mode = mode;
  info.target = target;
  info.shard = selection.shard_text;
  info.started_at = now_rfc3339();
  for (const auto& api : catalog.apis()) {
    if (!selection.apis.empty() && !selection.apis.contains(api.contract.id)) continue;
    std::string all = source.read(api.contract.id + "/contract.json").value_or("");
    for (const auto& [file, schema] : api.schemas) all += schema.dump();
    info.contract_hashes[api.contract.id] = hash_text(all);
    info.requirements[api.contract.id] = api.contract.requirements;
    for (const auto& r : open_register(api)) info.open_points[api.contract.id].push_back(r.point);
  }
  return info;
}

namespace {

void add_selection_flags(CLI::App& app, RunFlags& flags) {
  app.add_option("--target", flags.target,
                 "http[s]://host:port[/prefix]; the documented paths are appended")
      ->type_name("URL");
  add_repeatable(app, "--api", flags.apis, "ID", "only this API (repeatable; default all)");
  add_repeatable(app, "--auth", flags.auth, "ID=VALUE",
                 "the auth header value for API ID, or a bare token that gets the\n"
                 "API's scheme word (repeatable; each API's form is listed below);\n"
                 "default $CONFORM_AUTH_<ID> (upper case, - as _), else a placeholder");
  app.add_option("--shard", flags.shard, "run only part K of N (split by a hash of the case id)")
      ->type_name("K/N");
  add_value(app, "--jobs", flags.jobs, "N", "parallel workers, one keep-alive connection each")
      ->capture_default_str()
      ->check(whole_number(1, 256));
  add_value(app, "--timeout", flags.timeout_s, "S", "per-request deadline in seconds")
      ->capture_default_str()
      ->check(decimal_number(0.05, 3600));
  add_value(app, "--max-response-time", flags.max_response_ms, "MS",
            "fail responses slower than MS (response_time; off by default)")
      ->check(decimal_number(1, 3600000));
}

void add_output_flags(CLI::App& app, RunFlags& flags, CaseListing listed) {
  std::string formats = CLI::detail::join(report_formats(), ", ");
  add_repeatable(app, "--report", flags.reports, "FMT:PATH",
                 "also write a report (repeatable; formats: " + formats +
                     ");\n"
                     "PATH - is standard output, and the console then goes to stderr");
  app.add_option(
         "--report-cases", flags.report_cases,
         std::string("the cases the reports list one by one: every case (all) or those\n"
                     "that are not PASS (failing); PASS cases are then counted per API and\n"
                     "requirement, and every view still shows them (default ") +
             (listed == CaseListing::all ? "all" : "failing") + ")")
      ->type_name("failing|all")
      ->check(one_word_of({"failing", "all"}));
}

void add_control_flags(CLI::App& app, RunFlags& flags) {
  add_value(app, "--max-failures", flags.max_failures, "N",
            "stop starting cases after the Nth that fails the gate (the report\n"
            "says the run stopped early)")
      ->check(whole_number(1, 1000000000));
  app.add_option("--checks", flags.checks, "run only these checks: " + wrap_text(check_names(), 70))
      ->type_name("NAME,...");
  app.add_option("--exclude-checks", flags.exclude_checks, "run every check but these")
      ->type_name("NAME,...");
  app.add_flag("--list-cases", flags.list_cases,
               "print every case (id, method and path, what it must get); send nothing");
}

}  // namespace

void add_run_flags(CLI::App& app, RunFlags& flags, CaseListing listed) {
  add_selection_flags(app, flags);
  add_output_flags(app, flags, listed);
  add_control_flags(app, flags);
  add_transport_flags(app, flags.transport);
  add_polite_flags(app, flags.polite);
  add_oauth_flags(app, flags.oauth);
  add_safety_flags(app, flags.safety);
  add_contract_flags(app, flags.contracts);
  add_config_flags(app);
}

int run_exit_code(const RunSummary& summary) {
  if (summary.interrupted_by != 0) return interrupted_exit_code(summary.interrupted_by);
  return summary.passed() ? kExitOk : kExitFailed;
}

}  // namespace conform
