#pragma once
/// Helpers shared by the replay tests: the real catalog and fixtures, and a sink that keeps
/// every result. No stand-ins for conform's own code: the real engine, checks and transport run.
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cases/case_builder.hpp"
#include "engine/event_sink.hpp"
#include "engine/runner.hpp"
#include "http/http_transport.hpp"
#include "support/cli_run.hpp"
#include "validate/catalog.hpp"

namespace conform::test {

/// The contracts built into conform, compiled once per test binary.
inline const Catalog& catalog() {
  static const Catalog loaded = Catalog::load(embedded_schema_source());
  return loaded;
}

/// The repository's fixtures as replay cases (probes included).
inline std::vector<ReplayCase> repository_cases(std::set<std::string> apis = {}) {
  CaseSettings settings{{}, std::move(apis)};
  return build_cases(catalog(), load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures"),
                     settings);
}

/// Keeps every event.
class CollectingSink : public EventSink {
 public:
  void run_started(const RunInfo& info) override { info_ = info; }
  void case_finished(const CaseResult& result) override { results.push_back(result); }
  void run_finished(const RunSummary& summary) override { this->summary = summary; }
  std::vector<CaseResult> results;
  RunSummary summary;

 private:
  RunInfo info_;
};

/// Runs cases against an HTTP target in-process and returns the collected results.
inline CollectingSink run_http(const std::string& url, const std::vector<ReplayCase>& cases,
                               RunOptions options = {}, double timeout_s = 10) {
  std::string error;
  std::optional<Target> target = parse_target(url, error);
  if (!target) throw std::runtime_error(error);
  HttpTransportFactory factory(HttpSettings{*target, timeout_s});
  CollectingSink sink;
  options.base_url = target->base_url();
  run_cases(
      catalog(), cases, options, [&] { return factory.make(); }, {&sink}, RunInfo{});
  return sink;
}

/// Runs a shell command; returns its exit status and fills `output` with stdout+stderr.
inline int run_command(const std::string& command, std::string& output) {
  CliRun run = run_shell(command + " 2>&1");
  output = std::move(run.output);
  return run.exit_code;
}

/// The names of the checks that failed in the results.
inline std::set<std::string> failing_checks(const std::vector<CaseResult>& results) {
  std::set<std::string> out;
  for (const auto& r : results) {
    if (r.outcome != Outcome::fail) continue;
    for (const auto& f : r.failures) out.insert(f.check);
  }
  return out;
}

}  // namespace conform::test
