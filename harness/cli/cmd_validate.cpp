/// `conform validate`: documents or a fixture tree against the contracts.
#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/input_file.hpp"
#include "cli/terminal_text.hpp"
#include "core/json_text.hpp"
#include "core/utf8.hpp"
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
  check_channel_option(run);
  run.json_output = args.value("--format").value_or("text") == "json";
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

int validate_files(const Args& args, const Catalog& catalog) {
  ValidateRun run = parse_run(args, catalog);
  check_file_arguments(args.positionals());
  std::vector<FileResult> results;
  for (const auto& file : args.positionals()) results.push_back(validate_file(run, file));
  RunCounts counts = print_results(run, results);
  print_summary(counts);
  if (counts.input_errors > 0) return kExitUsage;
  return counts.invalid == 0 ? kExitOk : kExitFailed;
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
