/// `conform validate`: documents or a fixture tree against the contracts.
#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "core/json_text.hpp"
#include "fixture/fixture_check.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// The settings every file of one `validate` run shares.
struct ValidateRun {
  const ApiEntry* api = nullptr;
  std::optional<PayloadKind> kind;     ///< as given by --kind; a fixture names its own
  std::optional<std::string> channel;  ///< as given by --channel
  bool json_output = false;
};

/// The verdict on one file.
struct FileResult {
  std::string file;
  std::vector<Violation> violations;
  std::string invalid_reason;  ///< a payload that is not JSON (malformed fixture)
  /// Only settled violations make a file invalid; open ones are notes.
  bool valid() const {
    return invalid_reason.empty() &&
           std::none_of(violations.begin(), violations.end(), [](const Violation& v) { return v.settled; });
  }
};

json violation_json(const Violation& v) {
  json out = {{"pointer", v.pointer},         {"keyword", v.keyword}, {"message", v.message},
              {"requirement", v.requirement}, {"locator", v.locator}, {"settled", v.settled}};
  if (!v.settled) out["open_point"] = v.open_point;
  return out;
}

std::string resolved_channel(const ValidateRun& run, const std::optional<std::string>& requested,
                             const std::string& file) {
  const Contract& contract = run.api->contract;
  if (!contract.has_channels()) return "";
  if (!requested) {
    std::string names;
    for (const auto& [name, files] : contract.channels) names += (names.empty() ? "" : ", ") + name;
    throw UsageError(file + ": " + contract.id + " needs --channel (one of: " + names + ")");
  }
  std::optional<std::string> key = resolve_channel(contract, requested);
  if (!key) throw UsageError("unknown channel '" + *requested + "' for " + contract.id);
  return *key;
}

FileResult validate_file(const ValidateRun& run, const std::string& file) {
  std::optional<std::string> text = read_text_file(file);
  if (!text) throw ContractError(file + ": cannot read the file");
  JsonParse parsed = parse_json(*text);
  if (!parsed.value) throw ContractError(file + ": malformed JSON at " + parsed.error);
  FileResult result{file, {}, ""};
  json body = std::move(*parsed.value);
  std::optional<std::string> channel = run.channel;
  std::optional<PayloadKind> kind = run.kind;
  if (is_fixture_document(body)) {
    Fixture fixture = parse_fixture(body, file, run.api->contract.id);
    if (!channel) channel = fixture.channel;
    kind = fixture.kind;
    if (fixture.expect == Expectation::malformed) {
      result.invalid_reason = "payload is not JSON: " + parse_json(fixture.raw_body).error;
      return result;
    }
    body = *fixture.body;
  }
  if (!kind) throw UsageError(file + ": --kind is required for a file that is not a fixture");
  result.violations = validate_payload(*run.api, *kind, resolved_channel(run, channel, file), body);
  return result;
}

void print_text(const FileResult& r) {
  if (!r.invalid_reason.empty()) std::cout << r.file << ": " << r.invalid_reason << "\n";
  for (const auto& v : r.violations) {
    std::cout << r.file << ": " << (v.pointer.empty() ? "/" : v.pointer) << ": " << (v.settled ? "" : "note: ")
              << v.message << " [" << (v.settled ? v.requirement : "open point " + v.open_point) << "]\n";
  }
}

json result_json(const FileResult& r) {
  json violations = json::array();
  for (const auto& v : r.violations) violations.push_back(violation_json(v));
  json out = {{"file", r.file}, {"valid", r.valid()}, {"violations", violations}};
  if (!r.invalid_reason.empty()) out["error"] = r.invalid_reason;
  return out;
}

ValidateRun parse_run(const Args& args, const Catalog& catalog) {
  ValidateRun run;
  auto api = args.value("--api");
  auto kind = args.value("--kind");
  if (!api) throw UsageError("--api is required (one of: " + catalog.id_list() + ")");
  run.api = catalog.find(*api);
  if (!run.api) throw UsageError("unknown api '" + *api + "' (one of: " + catalog.id_list() + ")");
  if (kind && *kind != "request" && *kind != "response") {
    throw UsageError("--kind must be request or response");
  }
  if (kind) run.kind = *kind == "request" ? PayloadKind::request : PayloadKind::response;
  run.channel = args.value("--channel");
  if (run.channel) resolved_channel(run, run.channel, "--channel");
  return run;
}

int validate_files(const Args& args, const Catalog& catalog) {
  ValidateRun run = parse_run(args, catalog);
  run.json_output = args.value("--format").value_or("text") == "json";
  if (args.positionals().empty()) throw UsageError("no FILE given");
  std::vector<FileResult> results;
  for (const auto& file : args.positionals()) results.push_back(validate_file(run, file));
  size_t invalid = 0, noted = 0;
  json out = json::array();
  for (const auto& r : results) {
    invalid += r.valid() ? 0 : 1;
    noted += r.valid() && !r.violations.empty() ? 1 : 0;
    if (run.json_output) {
      out.push_back(result_json(r));
    } else {
      print_text(r);
    }
  }
  if (run.json_output) std::cout << out.dump(2) << "\n";
  std::cerr << results.size() << " file(s): " << results.size() - invalid << " valid, " << invalid
            << " invalid";
  if (noted > 0) std::cerr << " (" << noted << " valid with notes on open points, which never fail)";
  std::cerr << "\n";
  return invalid == 0 ? kExitOk : kExitFailed;
}

int check_fixture_tree(const Args& args, const Catalog& catalog) {
  if (!args.positionals().empty()) throw UsageError("--fixtures takes no FILE arguments");
  bool json_output = args.value("--format").value_or("text") == "json";
  std::vector<Fixture> fixtures = load_fixture_tree(*args.value("--fixtures"));
  if (fixtures.empty()) {
    throw UsageError("no fixture under " + *args.value("--fixtures") +
                     " (fixtures sit in <dir>/<api>/*.json); checking nothing cannot pass");
  }
  size_t disagree = 0;
  json out = json::array();
  for (const auto& fixture : fixtures) {
    FixtureVerdict verdict = check_fixture(catalog, fixture);
    disagree += verdict.agrees ? 0 : 1;
    if (json_output) {
      out.push_back({{"fixture", fixture.path.string()}, {"agrees", verdict.agrees},
                     {"problem", verdict.problem}});
    } else if (!verdict.agrees) {
      std::cout << fixture.path.string() << ": " << verdict.problem << "\n";
    }
  }
  if (json_output) std::cout << out.dump(2) << "\n";
  std::cerr << fixtures.size() << " fixtures: " << fixtures.size() - disagree
            << " get the verdict they record, " << disagree << " do not\n";
  return disagree == 0 ? kExitOk : kExitFailed;
}

}  // namespace

int run_validate(const std::vector<std::string>& argv) {
  Args args(argv, {{"--api", "--kind", "--channel", "--format", "--fixtures", "--schemas"}, {}});
  std::string format = args.value("--format").value_or("text");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  Catalog catalog = load_catalog(args);
  if (args.has("--fixtures")) return check_fixture_tree(args, catalog);
  return validate_files(args, catalog);
}

}  // namespace conform
