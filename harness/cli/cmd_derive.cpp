/// `conform derive`: doc pages → doc tables → schemas, the drift gate (--check) and doc lint
/// (--lint).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "derive/derive.hpp"

namespace conform {
namespace {

const char* const kDeriveDescription =
    "Parses each vendor page (readme.io markdown tables, scraped 'Body Params' pages, PDF-text\n"
    "'Parameter<TAB>Value' tables, Zoho 'name typeRequired|Optional' lists) into a doc table,\n"
    "infers nesting, applies DIR/<api>/overlay.json (found by the page's file name) and writes\n"
    "the whole bundle: the schemas the overlay lists, contract.json (method, path, parameters,\n"
    "auth, statuses and requirements read off the page, the overlay's contract patches on top)\n"
    "and doctable.json. A page without an overlay gets one schema per request or response\n"
    "table (or read from its sample when it has no table), under DIR/<file stem>/. What\n"
    "neither the page nor the overlay states is named on stderr.\n";

const char* const kDeriveExitCodes =
    "exit codes: 0 written (or no drift and no findings), 1 drift or lint findings,\n"
    "            2 usage or input error (unreadable, empty or binary page, unrecognised page\n"
    "            shape, broken overlay)\n";

int run_derive(derive::DeriveRequest request) {
  if (request.docs.empty()) throw UsageError("derive needs at least one DOC file");
  derive::DeriveResult result = derive::run_derive_request(request);
  std::cout << result.out;
  std::cerr << result.err;
  return result.exit_code;
}

}  // namespace

CommandRun declare_derive(CLI::App& app) {
  auto request = std::make_shared<derive::DeriveRequest>();
  app.description(kDeriveDescription);
  app.footer(kDeriveExitCodes);
  app.add_option("--api", request->api, "use this API's overlay (one DOC only)")->type_name("ID");
  add_value(app, "--out", request->out_dir, "DIR",
            "schemas directory to read overlays from and write to")
      ->capture_default_str();
  app.add_option("--fixtures-out", request->fixtures_out,
                 "also write a fixture per sample request and response of each page to DIR/<api>/\n"
                 "(with --check: compare them)")
      ->type_name("DIR");
  app.add_flag("--check", request->check,
               "write nothing; compare with the files in DIR and print a diff on drift");
  app.add_flag("--lint", request->lint,
               "report doc defects as FILE:LINE: category: message (pages of one vendor\n"
               "are also compared with each other); with --check, does both");
  app.add_option("DOC", request->docs, "vendor doc pages")->required();
  return [request] { return run_derive(*request); };
}

}  // namespace conform
