/// `conform mock`: the reference mock server in the foreground, until SIGINT or SIGTERM.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <pthread.h>

#include "cli/commands.hpp"
#include "cli/run_setup.hpp"
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
    std::cout << spec.name << "\n    " << spec.description << "\n    open point: " << spec.open_point
              << "; apis: " << spec.apis << "\n";
  }
}

size_t count_option(const Args& args, const std::string& name, size_t fallback) {
  return count_flag(args, name, fallback, 0, 999999999999999999ull);
}

MockOptions parse_options(const Args& args) {
  MockOptions options;
  options.host = args.value("--host").value_or("127.0.0.1");
  size_t port = count_option(args, "--port", 8080);
  if (port > 65535) throw UsageError("--port must be 0..65535");
  options.port = static_cast<int>(port);
  options.prefix = args.value("--prefix").value_or("");
  options.faults = args.values("--fault");
  for (const auto& name : options.faults) {
    if (!find_fault(name)) throw UsageError("unknown fault '" + name + "' (see --list-faults)");
  }
  options.variants = args.values("--variant");
  for (const auto& name : options.variants) {
    if (!find_variant(name)) {
      throw UsageError("unknown variant '" + name + "'; the variants are: " + variant_names() +
                       " (see --list-variants)");
    }
  }
  options.outbox_file = args.value("--outbox").value_or("");
  options.threads = count_option(args, "--threads", options.threads);
  options.max_body = count_option(args, "--max-body", options.max_body);
  options.tls_cert = args.value("--tls-cert").value_or("");
  options.tls_key = args.value("--tls-key").value_or("");
  options.tls_client_ca = args.value("--tls-client-ca").value_or("");
  return options;
}

}  // namespace

int run_mock(const std::vector<std::string>& argv) {
  Args args(argv, {{"--host", "--port", "--prefix", "--fault", "--outbox", "--threads",
                    "--max-body", "--schemas", "--variant", "--tls-cert", "--tls-key", "--tls-client-ca"},
                   {"--list-faults", "--list-variants"}});
  if (!args.positionals().empty()) throw UsageError("mock takes no arguments");
  if (args.has("--list-faults")) {
    print_faults(load_catalog(args));
    return kExitOk;
  }
  if (args.has("--list-variants")) {
    print_variants();
    return kExitOk;
  }
  MockOptions options = parse_options(args);
  auto catalog = std::make_shared<const Catalog>(load_catalog(args));
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
  for (const auto& name : options.variants) std::cerr << "conform mock: variant " << name << " is on\n";
  int received = 0;
  sigwait(&stop_signals, &received);
  std::cerr << "conform mock: signal " << received << ", stopping after " << mock.outbox_count()
            << " accepted message(s)\n";
  mock.stop();
  return kExitOk;
}

}  // namespace conform
