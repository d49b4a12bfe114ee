/// `conform export openapi`: the contracts as one OpenAPI 3.0.3 document (JSON).
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "export/openapi.hpp"
#include "fixture/fixture_source.hpp"
#include "report/report_io.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

/// The flags of `conform export openapi`.
struct ExportFlags {
  ContractFlags contracts;
  std::vector<std::string> apis;
  std::optional<std::string> out;
  std::vector<std::string> fixtures;
};

const char* const kOpenApiDescription =
    "Writes one OpenAPI 3.0.3 document (JSON) for the chosen contracts: each endpoint's path,\n"
    "path and query parameters (enums, defaults, examples; a case-insensitive one is anyOf its\n"
    "enum and an any-case pattern, and says so in its description and x-case-insensitive), the\n"
    "request body (per-channel bodies as a oneOf of the channel schemas, x-channels mapping each\n"
    "channel to its schema), every documented status (2xx ones with the response schema), the\n"
    "page examples (valid fixtures with a 'source'; where a page shows none, one valid fixture\n"
    "marked x-inferred), the security schemes (HTTP basic or bearer, or an apiKey header), and\n"
    "the x-locator / x-requirement annotations. Draft-07 schemas are converted: type [T, null]\n"
    "becomes nullable, const a one-value enum, definitions go to components/schemas, and\n"
    "format email becomes a pattern of the API's email policy (x-format: email).\n"
    "Prism, Dredd and swagger-cli read the result.\n";

const char* const kExportExitCodes =
    "exit codes: 0 written, 2 usage error, unknown api, bad fixture or unwritable FILE\n";

/// The built-in fixtures with each --fixtures DIR laid on top.
std::vector<Fixture> example_fixtures(const ExportFlags& flags) {
  for (const auto& dir : flags.fixtures) {
    if (!fs::is_directory(dir)) throw UsageError("--fixtures " + dir + ": not a directory");
  }
  FixtureSet set = layered_fixtures(flags.fixtures);
  for (const auto& notice : set.notices) std::cerr << "conform export: " << notice << "\n";
  return std::move(set.fixtures);
}

int run_export_openapi(const ExportFlags& flags) {
  Catalog catalog = load_catalog(flags.contracts);
  OpenApiOptions options;
  for (const auto& api : flags.apis) {
    if (!catalog.find(api))
      throw UsageError("unknown api '" + api + "' (one of: " + catalog.id_list() + ")");
    options.api_ids.push_back(api);
  }
  options.examples = page_examples(catalog, example_fixtures(flags));
  std::string text = export_openapi(catalog, options).dump(2) + "\n";
  if (!flags.out) {
    std::cout << text;
    return kExitOk;
  }
  try {
    write_file_atomic(*flags.out, text);
  } catch (const ReportError& e) {
    throw UsageError("-o " + *flags.out + ": " + e.what());
  }
  std::cerr << "conform export: wrote " << *flags.out << "\n";
  return kExitOk;
}

}  // namespace

CommandRun declare_export(CLI::App& app) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* openapi =
      app.add_subcommand("openapi", "the contracts as one OpenAPI 3.0.3 document (JSON)");
  openapi->allow_extras();
  openapi->description(openapi->get_description() + "\n\n" + kOpenApiDescription);
  openapi->footer(kExportExitCodes);
  add_repeatable(*openapi, "--api", flags->apis, "ID", "only this API (repeatable; default all)");
  openapi->add_option("-o", flags->out, "write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  add_repeatable(*openapi, "--fixtures", flags->fixtures, "DIR",
                 "add a fixture tree to the built-in fixtures the page examples come\n"
                 "from (repeatable; each DIR/<api>/ folder replaces that API's)");
  add_contract_flags(*openapi, flags->contracts);
  app.footer(kExportExitCodes);
  return [&app, openapi, flags] {
    std::vector<std::string> left = app.remaining();
    if (!left.empty() && left.front()[0] != '-')
      throw UsageError("unknown export format '" + left.front() + "' (only openapi)");
    refuse_leftovers(app);
    if (!openapi->parsed()) throw UsageError("say what to export: 'conform export openapi'");
    refuse_leftovers(*openapi);
    return run_export_openapi(*flags);
  };
}

}  // namespace conform
