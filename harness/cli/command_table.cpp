#include "cli/commands.hpp"

#include <iostream>

#include "cli/flag_checks.hpp"

namespace conform {

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = {
      {"list", "list the contracts: ids, endpoints, channels, requirements", declare_list},
      {"validate", "validate request or response documents against a contract", declare_validate},
      {"mock", "serve every contract as a reference mock server, with optional faults and variants",
       declare_mock},
      {"derive", "derive schemas from vendor doc pages; drift gate (--check); doc lint (--lint)",
       declare_derive},
      {"replay", "send the fixtures to a target (or replay cassettes) and check every exchange",
       declare_replay},
      {"fuzz", "send requests generated from the schemas to a target; shrink the failures",
       declare_fuzz},
      {"report", "render a JSON report as JUnit, Markdown or HTML; merge reports", declare_report},
      {"export", "write the contracts as an OpenAPI 3.0.3 document for other tools",
       declare_export},
  };
  return table;
}

void add_contract_flags(CLI::App& app, ContractFlags& flags) {
  add_repeatable(app, "--schemas", flags.schemas, "DIR",
                 "add the bundles in DIR/<api>/ to the built-in contracts (repeatable);\n"
                 "a bundle with a built-in id replaces it, and conform says so");
}

SchemaSource schema_source(const ContractFlags& flags) {
  SchemaSource source = layered_schema_source(flags.schemas);
  for (const auto& notice : source.notices) std::cerr << "conform: " << notice << "\n";
  return source;
}

Catalog load_catalog(const ContractFlags& flags) {
  return Catalog::load(schema_source(flags));
}

void refuse_leftovers(const CLI::App& app) {
  std::vector<std::string> left = app.remaining();
  if (left.empty()) return;
  const std::string& first = left.front();
  if (first.size() > 1 && first[0] == '-')
    throw UsageError("unknown option " + first.substr(0, first.find('=')));
  throw UsageError("unexpected argument '" + first + "'");
}

}  // namespace conform
