/// `conform mock`: the reference mock server in the foreground, until SIGINT or SIGTERM.
#include <pthread.h>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "mock/faults.hpp"
#include "mock/mock_server.hpp"
#include "mock/variants.hpp"

namespace conform {
namespace {

/// `breaks ID (LOCATOR, inferred)` or `never FAIL: WHY`; "" when neither applies.
std::string verdict_text(const FaultVerdict& verdict) {
  if (!verdict.permitted.empty()) return "never FAIL: " + verdict.permitted;
  if (verdict.requirement.empty()) return "";
  std::string where = verdict.locator;
  if (verdict.inferred) where += where.empty() ? "inferred, not stated by a page" : ", inferred";
  return "breaks " + verdict.requirement + (where.empty() ? "" : " (" + where + ")");
}

void print_faults(const Catalog& catalog) {
  for (const auto& spec : fault_table()) {
    std::cout << spec.name << "\n    " << spec.description << "\n    apis: " << spec.apis
              << "; caught by: " << spec.expected_check << "\n";
    for (const auto& verdict : fault_verdicts(spec, catalog)) {
      std::string text = verdict_text(verdict);
      if (!text.empty()) std::cout << "    at " << verdict.api << ": " << text << "\n";
    }
  }
}

void print_variants() {
  for (const auto& spec : variant_table()) {
    std::cout << spec.name << "\n    " << spec.description
              << "\n    open point: " << spec.open_point << "; apis: " << spec.apis << "\n";
  }
}

/// The flags of `conform mock`: the server's options, bound as they are.
struct MockFlags {
  ContractFlags contracts;
  MockOptions options;
  bool list_faults = false;
  bool list_variants = false;
};

const char* const kMockDescription =
    "Serves all five endpoints at their documented paths (after --prefix), driven by the same\n"
    "contracts as 'conform validate'. Each request goes through: route (404; 405 with Allow),\n"
    "credentials in the API's scheme (401), Content-Type application/json (415; bigin-mail,\n"
    "whose page's curl sample posts JSON with -d and so as x-www-form-urlencoded, takes any\n"
    "Content-Type when the body parses as JSON), size (413),\n"
    "JSON parse and nesting depth (400; 422 for whippy-email), path and query parameters\n"
    "(400), then the request schema (400; a status the contract documents for a requirement,\n"
    "e.g. exactly 422 for whippy's sender_email). Errors come in each vendor's style with the\n"
    "JSON pointer of every violation; successes echo the request with fresh ids.\n"
    "GET /__conform/outbox lists the accepted messages, DELETE clears them.\n"
    "The first line on stdout is 'conform mock listening on URL'. SIGINT/SIGTERM stop it.\n";

const char* const kMockExitCodes =
    "exit codes: 0 stopped by a signal (or --list-faults/--list-variants), 2 usage error (an\n"
    "            unknown fault or variant) or cannot listen\n";

void check_fault_and_variant_names(const MockOptions& options) {
  for (const auto& name : options.faults) {
    if (!find_fault(name)) throw UsageError("unknown fault '" + name + "' (see --list-faults)");
  }
  for (const auto& name : options.variants) {
    if (!find_variant(name)) {
      throw UsageError("unknown variant '" + name + "'; the variants are: " + variant_names() +
                       " (see --list-variants)");
    }
  }
}

/// Serves until SIGINT or SIGTERM.
int serve(const MockFlags& flags) {
  const MockOptions& options = flags.options;
  check_fault_and_variant_names(options);
  auto catalog = std::make_shared<const Catalog>(load_catalog(flags.contracts));
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  MockServer mock(catalog);
  try {
    mock.start(options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  } catch (const std::runtime_error& e) {
    std::cerr << "conform mock: " << e.what() << "\n";
    return kExitUsage;
  }
  std::cout << "conform mock listening on " << mock.url() << std::endl;
  for (const auto& name : options.faults) std::cerr << "conform mock: fault " << name << " is on\n";
  for (const auto& name : options.variants)
    std::cerr << "conform mock: variant " << name << " is on\n";
  int received = 0;
  sigwait(&stop_signals, &received);
  std::cerr << "conform mock: signal " << received << ", stopping after " << mock.outbox_count()
            << " accepted message(s)\n";
  mock.stop();
  return kExitOk;
}

int run_mock(const MockFlags& flags) {
  if (flags.list_faults) {
    print_faults(load_catalog(flags.contracts));
    return kExitOk;
  }
  if (flags.list_variants) {
    print_variants();
    return kExitOk;
  }
  return serve(flags);
}

void add_server_flags(CLI::App& app, MockOptions& options) {
  add_value(app, "--host", options.host, "H", "address to bind")->capture_default_str();
  add_value(app, "--port", options.port, "P", "port (0 picks a free one)")
      ->capture_default_str()
      ->check(whole_number(0, 65535));
  add_value(app, "--prefix", options.prefix, "/PATH",
            "serve the documented paths under this prefix");
  add_repeatable(app, "--fault", options.faults, "NAME",
                 "break the contract in one named way (repeatable; see --list-faults)");
  add_repeatable(app, "--variant", options.variants, "NAME",
                 "take the other permitted answer at one open point (repeatable; see\n"
                 "--list-variants); variants and faults combine");
  add_value(app, "--outbox", options.outbox_file, "FILE",
            "also append each accepted message to FILE as one JSON line, flushed\n"
            "before the response is sent");
  add_value(app, "--threads", options.threads, "N",
            "worker threads; each open connection holds one")
      ->capture_default_str()
      ->check(whole_number(1, 4096));
  add_value(app, "--max-body", options.max_body, "BYTES", "largest accepted body in bytes")
      ->capture_default_str()
      ->check(whole_number(1, 1ull << 40));
  add_value(app, "--tls-cert", options.tls_cert, "PEM",
            "serve HTTPS with this certificate (chain); needs --tls-key");
  add_value(app, "--tls-key", options.tls_key, "PEM",
            "the certificate's private key (unencrypted)");
  add_value(app, "--tls-client-ca", options.tls_client_ca, "PEM",
            "require a client certificate signed by this CA (mTLS)");
}

}  // namespace

CommandRun declare_mock(CLI::App& app) {
  auto flags = std::make_shared<MockFlags>();
  flags->options.port = 8080;
  app.description(kMockDescription);
  app.footer(kMockExitCodes);
  add_server_flags(app, flags->options);
  add_contract_flags(app, flags->contracts);
  app.add_flag("--list-faults", flags->list_faults,
               "print every fault: what it does, the check that catches it, and at each\n"
               "API the requirement it breaks (inferred ones marked) or the open point\n"
               "that permits it there (never FAIL)");
  app.add_flag("--list-variants", flags->list_variants,
               "print every variant, its open point, the APIs it affects and what it does");
  return [flags] { return run_mock(*flags); };
}

}  // namespace conform
