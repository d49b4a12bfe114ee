/// `conform validate`: documents or a fixture tree against the contracts.
#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "cli/input_file.hpp"
#include "cli/terminal_text.hpp"
#include "core/json_text.hpp"
#include "core/utf8.hpp"
#include "fixture/fixture_check.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// The flags of `conform validate`.
struct ValidateFlags {
  ContractFlags contracts;
  std::optional<std::string> api;
  std::optional<std::string> kind;
  std::optional<std::string> channel;
  std::string format = "text";
  std::optional<std::string> fixtures;
  std::vector<std::string> files;
};

/// The settings every file of one `validate` run shares.
struct ValidateRun {
  const ApiEntry* api = nullptr;
  std::optional<PayloadKind> kind;     ///< as given by --kind; a fixture names its own
  std::optional<std::string> channel;  ///< as given by --channel
  bool json_output = false;
};

/// The verdict on one file.
struct FileResult {
  std::string file;  ///< the name messages show (kStdinName for `-`)
  std::vector<Violation> violations;
  std::string invalid_reason;  ///< a payload that is not JSON (malformed fixture)
  std::string input_error;     ///< the file could not be read, or is not UTF-8 JSON
  /// Only settled violations make a file invalid; open ones are notes.
  bool valid() const {
    return input_error.empty() && invalid_reason.empty() &&
           std::none_of(violations.begin(), violations.end(),
                        [](const Violation& v) { return v.settled; });
  }
};

/// How the files of one run fared, for the summary line and the exit code.
struct RunCounts {
  size_t files = 0;
  size_t invalid = 0;       ///< input errors included
  size_t noted = 0;         ///< valid, with notes on open points
  size_t input_errors = 0;  ///< unreadable, not UTF-8 or malformed JSON
};

json violation_json(const Violation& v) {
  json out = {{"pointer", v.pointer},         {"keyword", v.keyword}, {"message", v.message},
              {"requirement", v.requirement}, {"locator", v.locator}, {"settled", v.settled}};
  if (!v.settled) out["open_point"] = v.open_point;
  return out;
}

std::string channel_list(const Contract& contract) {
  std::string names;
  for (const auto& [name, files] : contract.channels) names += (names.empty() ? "" : ", ") + name;
  return names;
}

std::string resolved_channel(const ValidateRun& run, const std::optional<std::string>& requested,
                             const std::string& file) {
  const Contract& contract = run.api->contract;
  if (!contract.has_channels()) return "";
  if (!requested) {
    throw UsageError(file + ": " + contract.id +
                     " needs --channel (one of: " + channel_list(contract) + ")");
  }
  std::optional<std::string> key = resolve_channel(contract, requested);
  if (!key) {
    throw UsageError("unknown channel '" + escaped_for_terminal(*requested) + "' for " +
                     contract.id + " (one of: " + channel_list(contract) + ")");
  }
  return *key;
}

/// --channel, checked before any file is read: the API must have channels, and that one.
void check_channel_option(const ValidateRun& run) {
  if (!run.channel) return;
  const Contract& contract = run.api->contract;
  if (!contract.has_channels()) {
    throw UsageError(contract.id +
                     " has no channels, so --channel does not apply to it; leave it out");
  }
  resolved_channel(run, run.channel, "--channel");
}

/// The document in a file's text, or why it is none: not UTF-8 (binary data), or not JSON.
/// The reason shows at most an escaped excerpt of the text, never its raw bytes.
std::optional<json> parse_document(std::string_view text, std::string& error) {
  if (size_t at = first_invalid_utf8(text); at != std::string_view::npos) {
    error = "not UTF-8 text (binary data?): byte " + std::to_string(at) + " is not UTF-8, at \"" +
            escaped_excerpt(text, at) + "\"";
    return std::nullopt;
  }
  JsonParse parsed = parse_json(text);
  if (!parsed.value) error = "malformed JSON at " + escaped_for_terminal(parsed.error);
  return std::move(parsed.value);
}

FileResult validate_document(const ValidateRun& run, const std::string& file, json body) {
  FileResult result{file, {}, "", ""};
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

/// Reads, parses and validates one FILE argument; a file that cannot be read or parsed is
/// a result with an input error, so the other files are still checked.
FileResult validate_file(const ValidateRun& run, const std::string& argument) {
  InputText input = read_input(argument);
  if (!input.text) return {input.name, {}, "", "cannot read the file: " + input.unreadable_reason};
  std::string error;
  std::optional<json> body = parse_document(*input.text, error);
  if (!body) return {input.name, {}, "", error};
  return validate_document(run, input.name, std::move(*body));
}

void print_text(const FileResult& r) {
  std::string file = escaped_for_terminal(r.file);
  if (!r.input_error.empty()) {
    std::cerr << "conform validate: " << file << ": " << r.input_error << "\n";
  }
  if (!r.invalid_reason.empty()) {
    std::cout << file << ": " << escaped_for_terminal(r.invalid_reason) << "\n";
  }
  for (const auto& v : r.violations) {
    std::cout << file << ": " << (v.pointer.empty() ? "/" : escaped_for_terminal(v.pointer)) << ": "
              << (v.settled ? "" : "note: ") << escaped_for_terminal(v.message) << " ["
              << (v.settled ? v.requirement : "open point " + v.open_point) << "]\n";
  }
}

json result_json(const FileResult& r) {
  json violations = json::array();
  for (const auto& v : r.violations) violations.push_back(violation_json(v));
  json out = {{"file", r.file}, {"valid", r.valid()}, {"violations", violations}};
  if (!r.invalid_reason.empty()) out["error"] = r.invalid_reason;
  if (!r.input_error.empty()) out["input_error"] = r.input_error;
  return out;
}

ValidateRun parse_run(const ValidateFlags& flags, const Catalog& catalog) {
  ValidateRun run;
  if (!flags.api) throw UsageError("--api is required (one of: " + catalog.id_list() + ")");
  run.api = catalog.find(*flags.api);
  if (!run.api)
    throw UsageError("unknown api '" + *flags.api + "' (one of: " + catalog.id_list() + ")");
  if (flags.kind)
    run.kind = *flags.kind == "request" ? PayloadKind::request : PayloadKind::response;
  run.channel = flags.channel;
  check_channel_option(run);
  run.json_output = flags.format == "json";
  return run;
}

/// FILE arguments: at least one, and standard input (`-`) at most once.
void check_file_arguments(const std::vector<std::string>& files) {
  if (files.empty()) throw UsageError("no FILE given");
  if (std::count(files.begin(), files.end(), "-") > 1) {
    throw UsageError("'-' (standard input) can be given only once");
  }
}

/// Prints every result (text lines, or one JSON list) and counts them.
RunCounts print_results(const ValidateRun& run, const std::vector<FileResult>& results) {
  RunCounts counts;
  json out = json::array();
  for (const auto& r : results) {
    ++counts.files;
    counts.invalid += r.valid() ? 0 : 1;
    counts.noted += r.valid() && !r.violations.empty() ? 1 : 0;
    counts.input_errors += r.input_error.empty() ? 0 : 1;
    if (run.json_output) {
      out.push_back(result_json(r));
    } else {
      print_text(r);
    }
  }
  // A file name need not be UTF-8; the JSON stays well formed (U+FFFD for such bytes).
  if (run.json_output) std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return counts;
}

void print_summary(const RunCounts& c) {
  std::cerr << c.files << " file(s): " << c.files - c.invalid << " valid, "
            << c.invalid - c.input_errors << " invalid";
  if (c.input_errors > 0) {
    std::cerr << ", " << c.input_errors << " not checked (unreadable or not JSON)";
  }
  if (c.noted > 0) {
    std::cerr << " (" << c.noted << " valid with notes on open points, which never fail)";
  }
  std::cerr << "\n";
}

int validate_files(const ValidateFlags& flags, const Catalog& catalog) {
  ValidateRun run = parse_run(flags, catalog);
  check_file_arguments(flags.files);
  std::vector<FileResult> results;
  for (const auto& file : flags.files) results.push_back(validate_file(run, file));
  RunCounts counts = print_results(run, results);
  print_summary(counts);
  if (counts.input_errors > 0) return kExitUsage;
  return counts.invalid == 0 ? kExitOk : kExitFailed;
}

int check_fixture_tree(const ValidateFlags& flags, const Catalog& catalog) {
  if (!flags.files.empty()) throw UsageError("--fixtures takes no FILE arguments");
  bool json_output = flags.format == "json";
  std::vector<Fixture> fixtures = load_fixture_tree(*flags.fixtures);
  if (fixtures.empty()) {
    throw UsageError("no fixture under " + *flags.fixtures +
                     " (fixtures sit in <dir>/<api>/*.json); checking nothing cannot pass");
  }
  size_t disagree = 0;
  json out = json::array();
  for (const auto& fixture : fixtures) {
    FixtureVerdict verdict = check_fixture(catalog, fixture);
    disagree += verdict.agrees ? 0 : 1;
    if (json_output) {
      out.push_back({{"fixture", fixture.path.string()},
                     {"agrees", verdict.agrees},
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

const char* const kValidateDescription =
    "Validates each FILE (- is standard input, named <stdin>) against the API's schema, formats\n"
    "included, and prints one line per leaf error: FILE: /json/pointer: message [requirement-id].\n"
    "A file that cannot be read (not found, a directory, permission denied) or is not JSON text\n"
    "is named with its reason, bytes escaped, and the other files are still checked. A FILE that\n"
    "is a conform fixture is validated by its payload, as the kind it names, with its own channel\n"
    "unless --channel is given; --kind is then optional.\n"
    "A deviation the page leaves open (a rule of the acceptance core, marked x-accept; a null\n"
    "for an optional member; an enum value in another letter case) is printed as\n"
    "FILE: /pointer: note: message [open point ID] and never makes a file invalid.\n"
    "With --fixtures, checks every fixture under DIR/<api>/ against the verdict it records\n"
    "(valid: no deviation at all; invalid: the settled ones at errors_at; open: only open ones).\n";

const char* const kValidateExitCodes =
    "exit codes: 0 all valid, notes included (or all fixtures agree), 1 any file breaks a\n"
    "            settled rule (or a fixture disagrees),\n"
    "            2 usage or input error (unreadable file, malformed JSON, unknown api/channel)\n";

int run_validate(const ValidateFlags& flags) {
  Catalog catalog = load_catalog(flags.contracts);
  if (flags.fixtures) return check_fixture_tree(flags, catalog);
  return validate_files(flags, catalog);
}

}  // namespace

CommandRun declare_validate(CLI::App& app) {
  auto flags = std::make_shared<ValidateFlags>();
  app.description(kValidateDescription);
  app.footer(kValidateExitCodes);
  app.add_option("--api", flags->api, "contract id (see 'conform list')")->type_name("ID");
  app.add_option("--kind", flags->kind, "what the files are")
      ->type_name("request|response")
      ->check(one_word_of({"request", "response"}));
  app.add_option("--channel", flags->channel, "channel, for APIs that have them (any letter case)")
      ->type_name("C");
  add_value(app, "--format", flags->format, "text|json", "output format")
      ->capture_default_str()
      ->check(one_word_of({"text", "json"}));
  app.add_option("--fixtures", flags->fixtures, "check a fixture tree instead of FILEs")
      ->type_name("DIR");
  add_contract_flags(app, flags->contracts);
  app.add_option("FILE", flags->files, "documents to validate (- is standard input)");
  return [flags] { return run_validate(*flags); };
}

}  // namespace conform
