/// `conform export openapi`: the contracts as one OpenAPI 3.0.3 document (JSON).
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "export/openapi.hpp"
#include "fixture/fixture_source.hpp"
#include "report/report_io.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;

/// The built-in fixtures with each --fixtures DIR laid on top.
std::vector<Fixture> example_fixtures(const Args& args) {
  for (const auto& dir : args.values("--fixtures")) {
    if (!fs::is_directory(dir)) throw UsageError("--fixtures " + dir + ": not a directory");
  }
  FixtureSet set = layered_fixtures(args.values("--fixtures"));
  for (const auto& notice : set.notices) std::cerr << "conform export: " << notice << "\n";
  return std::move(set.fixtures);
}

}  // namespace

int run_export(const std::vector<std::string>& argv) {
  Args args(argv, {{"--api", "-o", "--fixtures", "--schemas"}, {}});
  const auto& positionals = args.positionals();
  if (positionals.empty()) throw UsageError("say what to export: 'conform export openapi'");
  if (positionals.front() != "openapi") throw UsageError("unknown export format '" + positionals.front() + "' (only openapi)");
  if (positionals.size() > 1) throw UsageError("unexpected argument '" + positionals[1] + "'");
  Catalog catalog = load_catalog(args);
  OpenApiOptions options;
  for (const auto& api : args.values("--api")) {
    if (!catalog.find(api)) throw UsageError("unknown api '" + api + "' (one of: " + catalog.id_list() + ")");
    options.api_ids.push_back(api);
  }
  options.examples = page_examples(catalog, example_fixtures(args));
  std::string text = export_openapi(catalog, options).dump(2) + "\n";
  if (auto out = args.value("-o")) {
    try {
      write_file_atomic(*out, text);
    } catch (const ReportError& e) {
      throw UsageError(std::string("-o ") + *out + ": " + e.what());
    }
    std::cerr << "conform export: wrote " << *out << "\n";
  } else {
    std::cout << text;
  }
  return kExitOk;
}

}  // namespace conform
