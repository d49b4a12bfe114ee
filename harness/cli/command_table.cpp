#include "cli/commands.hpp"

namespace conform {

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = {
      {"list", "list the contracts: ids, endpoints, channels, requirements",
       "usage: conform list [--format text|json] [--schemas DIR]\n"
       "       conform list --open [API] [--format text|json] [--schemas DIR]\n\n"
       "Lists every contract: API id, method and path, channels and requirement count.\n"
       "With --open, prints the register of open points instead: what the pages leave open, where,\n"
       "the answers a conforming server may give, and why. It holds the contract's open_points and\n"
       "one entry per schema rule marked x-accept (the acceptance core). An exchange at an open\n"
       "point is OBSERVED, never FAIL.\n\n"
       "  --open [API]        the open-point register (of one API, or of all)\n"
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
       "A deviation the page leaves open (a rule of the acceptance core, marked x-accept; a null\n"
       "for an optional member; an enum value in another letter case) is printed as\n"
       "FILE: /pointer: note: message [open point ID] and never makes a file invalid.\n"
       "With --fixtures, checks every fixture under DIR/<api>/ against the verdict it records\n"
       "(valid: no deviation at all; invalid: the settled ones at errors_at; open: only open ones).\n\n"
       "  --api ID            contract id (see 'conform list')\n"
       "  --kind K            request or response\n"
       "  --channel C         channel, for APIs that have them (any letter case)\n"
       "  --format text|json  output format (default text)\n"
       "  --fixtures DIR      check a fixture tree instead of FILEs\n"
       "  --schemas DIR       read contracts from DIR instead of the copy built into conform\n\n"
       "exit codes: 0 all valid, notes included (or all fixtures agree), 1 any file breaks a\n"
       "            settled rule (or a fixture disagrees),\n"
       "            2 usage or input error (unreadable file, malformed JSON, unknown api/channel)\n",
       run_validate},
      {"mock", "serve every contract as a reference mock server, with optional faults and variants",
       "usage: conform mock [--host 127.0.0.1] [--port 8080] [--prefix /PATH] [--fault NAME]...\n"
       "                    [--variant NAME]... [--outbox FILE] [--threads N] [--max-body BYTES]\n"
       "                    [--schemas DIR]\n"
       "       conform mock --list-faults | --list-variants\n\n"
       "Serves all five endpoints at their documented paths (after --prefix), driven by the same\n"
       "contracts as 'conform validate'. Each request goes through: route (404; 405 with Allow),\n"
       "credentials in the API's scheme (401), Content-Type application/json (415), size (413),\n"
       "JSON parse and nesting depth (400; 422 for whippy-email), path and query parameters\n"
       "(400), then the request schema (400; a status the contract documents for a requirement,\n"
       "e.g. exactly 422 for whippy's sender_email). Errors come in each vendor's style with the\n"
       "JSON pointer of every violation; successes echo the request with fresh ids.\n"
       "GET /__conform/outbox lists the accepted messages, DELETE clears them.\n"
       "The first line on stdout is 'conform mock listening on URL'. SIGINT/SIGTERM stop it.\n\n"
       "  --host H         address to bind (default 127.0.0.1)\n"
       "  --port P         port (default 8080; 0 picks a free one)\n"
       "  --prefix /PATH   serve the documented paths under this prefix\n"
       "  --fault NAME     break the contract in one named way (repeatable; see --list-faults)\n"
       "  --variant NAME   take the other permitted answer at one open point (repeatable; see\n"
       "                   --list-variants); variants and faults combine\n"
       "  --outbox FILE    also append each accepted message to FILE as one JSON line, flushed\n"
       "                   before the response is sent\n"
       "  --threads N      worker threads (default 64); each open connection holds one\n"
       "  --max-body B     largest accepted body in bytes (default 8388608)\n"
       "  --schemas DIR    read contracts from DIR instead of the copy built into conform\n"
       "  --list-faults    print every fault, what it breaks and the check that catches it\n"
       "  --list-variants  print every variant, its open point, the APIs it affects and what it does\n\n"
       "exit codes: 0 stopped by a signal (or --list-faults/--list-variants), 2 usage error (an\n"
       "            unknown fault or variant) or cannot listen\n",
       run_mock},
      {"derive", "derive schemas from vendor doc pages; drift gate (--check); doc lint (--lint)",
       "usage: conform derive DOC... [--api ID] [--out DIR] [--check] [--lint]\n\n"
       "Parses each vendor page (readme.io markdown tables, scraped 'Body Params' pages, PDF-text\n"
       "'Parameter<TAB>Value' tables, Zoho 'name typeRequired|Optional' lists) into a doc table,\n"
       "infers nesting, applies DIR/<api>/overlay.json (found by the page's file name) and writes\n"
       "the schemas the overlay lists plus DIR/<api>/doctable.json. A page without an overlay\n"
       "gets one schema per request or response table, under DIR/<file stem>/.\n\n"
       "  --api ID     use this API's overlay (one DOC only)\n"
       "  --out DIR    schemas directory to read overlays from and write to (default schemas)\n"
       "  --check      write nothing; compare with the files in DIR and print a diff on drift\n"
       "  --lint       report doc defects as FILE:LINE: category: message (pages of one vendor\n"
       "               are also compared with each other); with --check, does both\n\n"
       "exit codes: 0 written (or no drift and no findings), 1 drift or lint findings,\n"
       "            2 usage or input error (unreadable, empty or binary page, unrecognised page\n"
       "            shape, broken overlay)\n",
       run_derive},
      {"replay", "send the fixtures to a target (or replay cassettes) and check every exchange",
       "usage: conform replay --target URL [--api ID]... [--fixtures DIR] [--jobs N] [--timeout S]\n"
       "                      [--shard K/N] [--report FMT:PATH]... [--record DIR] [--auth ID=VALUE]...\n"
       "       conform replay --cassettes DIR [same options but --target/--record]\n\n"
       "Sends every request fixture under DIR/<api>/ (response fixtures are checked offline only),\n"
       "plus generated probes (channel letter case, no channel, path values outside an enum, no\n"
       "credentials), and checks each exchange: not_a_server_error, status_code_conformance,\n"
       "documented_status, content_type_conformance, response_schema_conformance,\n"
       "response_matchers, positive_data_acceptance, negative_data_rejection, auth_required,\n"
       "response_time. Prints one line per failure with the requirement id, doc locator, JSON\n"
       "pointer, expected vs actual and a curl command (credentials redacted), then the summary.\n"
       "What a page does not settle is OBSERVED, never FAIL. A fixture's \"interaction\" object\n"
       "overrides the expected status, content type, schema check and body matchers.\n\n"
       "  --target URL        http://host:port[/prefix]; the documented paths are appended\n"
       "  --cassettes DIR     check exchanges recorded with --record, with no network\n"
       "  --api ID            only this API (repeatable; default all)\n"
       "  --fixtures DIR      fixture tree (default ./fixtures)\n"
       "  --jobs N            parallel workers, one keep-alive connection each (default 4)\n"
       "  --timeout S         per-request deadline in seconds (default 10); after 3 consecutive\n"
       "                      timeouts on one API its remaining cases are TIMEOUT, not sent\n"
       "  --shard K/N         run only part K of N (split by a hash of the case id)\n"
       "  --report FMT:PATH   also write a report (repeatable; formats: json, junit, md, html)\n"
       "  --record DIR        save every exchange as DIR/<api>/<case>.json (credentials redacted)\n"
       "  --auth ID=VALUE     the auth header value for API ID (repeatable); default\n"
       "                      $CONFORM_AUTH_<ID> (upper case, - as _), else a placeholder\n"
       "  --max-response-time MS  fail responses slower than MS (response_time; off by default)\n"
       "  --repeat N          send every case N times (soak and throughput runs)\n"
       "  --schemas DIR       read contracts from DIR instead of the copy built into conform\n\n"
       "Response bodies over 8 MiB are cut and the case is an ERROR; redirects are not followed.\n"
       "exit codes: 0 every case passes (PASS, XFAIL, OBSERVED), 1 any FAIL, XPASS, ERROR or\n"
       "            TIMEOUT, 2 usage or config error (bad flag, bad fixture file, unreachable target)\n",
       run_replay},
      {"fuzz", "send requests generated from the schemas to a target; shrink the failures",
       "usage: conform fuzz --target URL [--api ID]... [--cases N] [--seed S] [--jobs N] [--timeout S]\n"
       "                    [--shard K/N] [--report FMT:PATH]... [--save-failures DIR] [--auth ID=VALUE]\n"
       "                    [--no-coverage]\n\n"
       "Generates requests from each API's request schema with RapidCheck. Valid values come from\n"
       "the acceptance core (every x-accept rule kept: non-empty lists, identifying members, phone\n"
       "numbers and https URLs where the page says so, future scheduling times). Mutants break one\n"
       "constraint each (a dropped required field, a wrong type, null, a value outside an enum or\n"
       "constant, a malformed format, an empty array): a settled constraint must be rejected; a\n"
       "mutant of an open point (null for an optional member, another letter case, an x-accept\n"
       "rule, a past time, an empty string) is OBSERVED and names its open point, as are probes no\n"
       "page settles (unknown fields, long strings, unicode, CRLF, huge arrays). A 5xx always fails.\n"
       "First a coverage phase: per request schema, the value with every optional member, then one\n"
       "case per mutation site of it, one per probe site (every probe kind on every text field) and\n"
       "one without credentials. Then --cases random cases. The summary counts the settled\n"
       "constraints broken by a negative case, and the observations per open point. The first FAIL\n"
       "of each API and check of the random phase is shrunk against the target and printed as the\n"
       "minimal JSON body plus a curl command, with the seed; the others are counted. Shrinking\n"
       "starts no new work after 60 s.\n\n"
       "  --target URL         http://host:port[/prefix]; the documented paths are appended\n"
       "  --api ID             only this API (repeatable; default all)\n"
       "  --cases N            random cases after the coverage phase (default 500; 0 = coverage\n"
       "                       phase only), spread over every API and channel\n"
       "  --no-coverage        skip the coverage phase\n"
       "  --seed S             the run's seed; the same seed sends the same cases (default: random,\n"
       "                       printed)\n"
       "  --jobs N             parallel workers (default 4)\n"
       "  --timeout S          per-request deadline in seconds (default 10)\n"
       "  --shard K/N          run only part K of N (split by a hash of the case id)\n"
       "  --report FMT:PATH    also write a report (repeatable; formats: json, junit, md, html)\n"
       "  --save-failures DIR  write each shrunk failure as DIR/<api>/<name>.json, a fixture that\n"
       "                       'conform replay --fixtures DIR' runs as a regression case\n"
       "  --auth ID=VALUE      the auth header value for API ID (repeatable); default\n"
       "                       $CONFORM_AUTH_<ID>, else a placeholder\n"
       "  --max-response-time MS  fail responses slower than MS (off by default)\n"
       "  --max-shrinks N      requests spent shrinking each failure (default 200)\n"
       "  --schemas DIR        read contracts from DIR instead of the copy built into conform\n\n"
       "exit codes: 0 every case passes, 1 any FAIL, ERROR or TIMEOUT, 2 usage error or an\n"
       "            unreachable target\n",
       run_fuzz},
      {"report", "render a JSON report as JUnit, Markdown or HTML; merge reports",
       "usage: conform report render IN.json --format junit|md|html|json [-o OUT]\n"
       "       conform report merge IN.json... -o OUT.json [--force]\n\n"
       "render writes another format from a JSON report (version 1, checked against\n"
       "schemas/meta/report.schema.json). IN may also be the PATH.ndjson event stream that\n"
       "--report json:PATH writes while a run goes: a killed run still renders.\n"
       "merge joins the reports of shards, or of runs against several targets (the HTML then\n"
       "shows a target x requirement matrix). It refuses reports whose contract hashes differ,\n"
       "or that hold the same case for the same target twice, unless --force is given.\n\n"
       "  --format F   junit (one testsuite per API), md (PR summary), html (self-contained\n"
       "               matrix), or json (a JSON report, e.g. rebuilt from an NDJSON stream)\n"
       "  -o OUT       output file, written atomically (default: standard output)\n"
       "  --force      merge despite differing contract hashes; a later duplicate case wins\n\n"
       "exit codes: 0 written, 2 usage error, unreadable or invalid report, or merge refused\n",
       run_report},
      {"export", "write the contracts as an OpenAPI 3.0.3 document for other tools",
       "usage: conform export openapi [--api ID]... [-o FILE] [--fixtures DIR] [--schemas DIR]\n\n"
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
       "Prism, Dredd and swagger-cli read the result.\n\n"
       "  --api ID         only this API (repeatable; default all)\n"
       "  -o FILE          write to FILE (atomically) instead of standard output\n"
       "  --fixtures DIR   where the page examples come from (default ./fixtures when it exists;\n"
       "                   otherwise the document has no examples)\n"
       "  --schemas DIR    read contracts from DIR instead of the copy built into conform\n\n"
       "exit codes: 0 written, 2 usage error, unknown api, bad fixture or unwritable FILE\n",
       run_export},
  };
  return table;
}

SchemaSource schema_source(const Args& args) {
  if (auto dir = args.value("--schemas")) return directory_schema_source(*dir);
  return embedded_schema_source();
}

Catalog load_catalog(const Args& args) { return Catalog::load(schema_source(args)); }

}  // namespace conform
