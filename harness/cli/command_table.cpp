#include "cli/commands.hpp"

namespace conform {

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = {
      {"list", "list the contracts: ids, endpoints, channels, requirements",
       "usage: conform list [--format text|json] [--schemas DIR]\n\n"
       "Lists every contract: API id, method and path, channels and requirement count.\n\n"
       "  --format text|json  output format (default text)\n"
       "  --schemas DIR       read contracts from DIR instead of the copy built into conform\n",
       run_list},
      {"validate", "validate request or response documents against a contract",
       "usage: conform validate --api ID --kind request|response [--channel C] [--format text|json] FILE...\n"
       "       conform validate --fixtures DIR [--format text|json]\n\n"
       "Validates each FILE against the API's schema, formats included, and prints one line per\n"
       "leaf error: FILE: /json/pointer: message [requirement-id]. A FILE that is a conform fixture\n"
       "is validated by its payload, as the kind it names, with its own channel unless --channel\n"
       "is given; --kind is then optional.\n"
       "With --fixtures, checks every fixture under DIR/<api>/ against the verdict it records.\n\n"
       "  --api ID            contract id (see 'conform list')\n"
       "  --kind K            request or response\n"
       "  --channel C         channel, for APIs that have them (any letter case)\n"
       "  --format text|json  output format (default text)\n"
       "  --fixtures DIR      check a fixture tree instead of FILEs\n"
       "  --schemas DIR       read contracts from DIR instead of the copy built into conform\n\n"
       "exit codes: 0 all valid (or all fixtures agree), 1 any invalid (or disagreeing),\n"
       "            2 usage or input error (unreadable file, malformed JSON, unknown api/channel)\n",
       run_validate},
  };
  return table;
}

Catalog load_catalog(const Args& args) {
  if (auto dir = args.value("--schemas")) return Catalog::load(directory_schema_source(*dir));
  return Catalog::load(embedded_schema_source());
}

}  // namespace conform
