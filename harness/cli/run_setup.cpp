#include "cli/run_setup.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <sstream>

#include "checks/check.hpp"
#include "core/version.hpp"
#include "cli/commands.hpp"
#include "cli/interrupts.hpp"
#include "engine/case_builder.hpp"
#include "report/report_set.hpp"
#include "validate/open_register.hpp"

namespace conform {
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

/// 0.05, 10, 3600: a bound as a person writes it.
std::string bound_text(double bound) {
  std::ostringstream out;
  out << bound;
  return out.str();
}

}  // namespace

double number_flag(const Args& args, const std::string& name, double fallback, double low, double high) {
  auto text = args.value(name);
  if (!text) return fallback;
  try {
    size_t used = 0;
    double value = std::stod(*text, &used);
    if (used == text->size() && value >= low && value <= high) return value;
  } catch (const std::exception&) {
  }
  throw UsageError(name + " must be a number from " + bound_text(low) + " to " + bound_text(high) + ", got '" +
                   *text + "'");
}

size_t count_flag(const Args& args, const std::string& name, size_t fallback, size_t low, size_t high) {
  auto text = args.value(name);
  if (!text) return fallback;
  bool digits = !text->empty() && text->size() <= 18 &&
                std::all_of(text->begin(), text->end(), [](unsigned char c) { return std::isdigit(c); });
  size_t value = digits ? std::stoull(*text) : 0;
  if (digits && value >= low && value <= high) return value;
  throw UsageError(name + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                   ", got '" + *text + "'");
}

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

std::string check_names() {
  std::string out;
  for (const auto& check : check_table()) out += (out.empty() ? "" : ", ") + std::string(check.name);
  return out;
}

/// The checks a `--checks` or `--exclude-checks` value names, each one known.
std::set<std::string> named_checks(const std::string& flag, const std::string& value) {
  std::set<std::string> names;
  for (const auto& name : comma_list(value)) {
    bool known = std::any_of(check_table().begin(), check_table().end(), [&](const Check& c) { return name == c.name; });
    if (!known) throw UsageError(flag + ": unknown check '" + name + "' (checks: " + check_names() + ")");
    names.insert(name);
  }
  if (names.empty()) throw UsageError(flag + " needs at least one check name (checks: " + check_names() + ")");
  return names;
}

}  // namespace

void parse_run_controls(const Args& args, RunOptions& run) {
  run.max_failures = count_flag(args, "--max-failures", 0, 1, 1000000000);
  auto only = args.value("--checks");
  auto excluded = args.value("--exclude-checks");
  if (only && excluded) throw UsageError("give one of --checks and --exclude-checks, not both");
  if (excluded) run.judge.skipped_checks = named_checks("--exclude-checks", *excluded);
  if (only) {
    std::set<std::string> kept = named_checks("--checks", *only);
    if (kept.contains("response_time") && run.judge.max_response_ms <= 0) {
      throw UsageError("--checks response_time needs --max-response-time MS (without a budget the check does not run)");
    }
    for (const auto& check : check_table()) {
      if (!kept.contains(check.name)) run.judge.skipped_checks.insert(check.name);
    }
  }
  if (run.judge.skipped_checks.size() == check_table().size()) throw UsageError("--exclude-checks leaves no check to run");
}

void list_cases(const CaseSource& source, std::ostream& out) {
  ReplayCase scratch;
  for (size_t i = 0; i < source.size(); ++i) {
    const ReplayCase* c = source.at(i, scratch);
    if (!c) continue;
    out << c->id << "\t" << c->request.method << " " << c->request.path << "\t" << intent_expectation(c->intent) << "\n";
  }
  out << std::flush;
}

Redactor make_redactor(const Catalog& catalog, const std::map<std::string, std::string>& credentials) {
  Redactor redactor;
  for (const auto& api : catalog.apis()) {
    redactor.add_header(api.contract.auth.header);
    redactor.add_secret(credential_for(api.contract, credentials));
  }
  return redactor;
}

bool report_on_stdout(const Args& args) {
  for (const auto& spec : args.values("--report")) {
    if (split_report_spec(spec).second == "-") return true;
  }
  return false;
}

std::vector<std::unique_ptr<EventSink>> make_report_sinks(const Args& args, CaseListing listed) {
  if (auto choice = args.value("--report-cases")) {
    if (*choice != "failing" && *choice != "all") throw UsageError("--report-cases takes failing or all, got '" + *choice + "'");
    listed = *choice == "all" ? CaseListing::all : CaseListing::failing;
  }
  auto reports = std::make_unique<ReportSet>(listed);
  size_t to_stdout = 0;
  for (const auto& spec : args.values("--report")) {
    auto [format, path] = split_report_spec(spec);
    if (path == "-" && ++to_stdout > 1) throw UsageError("only one --report may go to standard output (-)");
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
  std::string text = "\ncredentials (--auth ID=VALUE or $CONFORM_AUTH_<ID>), from each contract's auth:\n";
  for (const auto& id : source.api_ids) {
    std::string origin = id + "/contract.json";
    nlohmann::json document = parse_json_file_text(source.read(origin).value_or("{}"), origin);
    Contract contract = parse_contract(document, origin);
    text += "  " + id + std::string(id.size() < 19 ? 19 - id.size() : 1, ' ') + auth_form(contract.auth);
    text += contract.auth.inferred.empty() ? "\n" : " (inferred)\n";
  }
  return text;
}

RunSelection parse_run_selection(const Args& args, const Catalog& catalog) {
  RunSelection selection;
  for (const auto& api : args.values("--api")) {
    if (!catalog.find(api)) throw UsageError("unknown api '" + api + "' (one of: " + catalog.id_list() + ")");
    selection.apis.insert(api);
  }
  for (const auto& pair : args.values("--auth")) {
    size_t eq = pair.find('=');
    std::string api = pair.substr(0, eq);
    if (eq == std::string::npos || eq + 1 == pair.size()) throw UsageError("--auth takes ID=VALUE");
    if (!catalog.find(api)) throw UsageError("--auth: unknown api '" + api + "' (one of: " + catalog.id_list() + ")");
    selection.credentials[api] = pair.substr(eq + 1);
  }
  if (auto shard = args.value("--shard")) {
    selection.shard = parse_shard(*shard);
    if (!selection.shard) throw UsageError("--shard takes K/N with 1 <= K <= N, got '" + *shard + "'");
    selection.shard_text = *shard;
  }
  return selection;
}

RunInfo make_run_info(const SchemaSource& source, const Catalog& catalog, const RunSelection& selection,
                      const std::string& mode, const std::string& target) {
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

int run_exit_code(const RunSummary& summary) {
  if (summary.interrupted_by != 0) return interrupted_exit_code(summary.interrupted_by);
  return summary.passed() ? kExitOk : kExitFailed;
}

}  // namespace conform
