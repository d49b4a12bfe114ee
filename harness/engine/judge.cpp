#include "engine/judge.hpp"

#include <string_view>

#include "core/json_text.hpp"

namespace conform {
namespace {

CaseResult start(const ReplayCase& c, const Exchange& exchange) {
  CaseResult result;
  result.id = c.id;
  result.api = c.api;
  result.requirements = c.requirements;
  result.duration_ms = exchange.elapsed_ms;
  result.exchange = exchange;
  return result;
}

/// Folds settled and unsettled findings into FAIL / OBSERVED / PASS.
void fold(std::vector<Finding>& findings, CaseResult& result) {
  bool settled = false;
  for (const auto& f : findings) settled = settled || f.settled;
  std::string observed;
  for (auto& f : findings) {
    if (settled && !f.settled) {
      observed += (observed.empty() ? "" : "; ") + f.failure.check + ": " + f.failure.message;
      continue;
    }
    result.failures.push_back(std::move(f.failure));
  }
  if (settled) {
    result.outcome = Outcome::fail;
    if (!observed.empty()) result.note = "also observed: " + observed;
  } else if (!result.failures.empty()) {
    result.outcome = Outcome::observed;
    result.note = "the page does not settle this; reported, not failed";
  }
}

/// Names the open point an observed case probes, and every rewrite made before sending.
void annotate(const ReplayCase& c, CaseResult& result) {
  if (result.outcome == Outcome::observed) {
    result.observed_kind = !c.open_point_id.empty()  ? c.open_point_id
                           : result.failures.empty() ? "unsettled"
                                                     : result.failures.front().check;
  }
  std::string extra;
  if (result.outcome == Outcome::observed && !c.open_point.empty()) extra = c.open_point;
  for (const auto& rewrite :
       c.rewrites) {  // scheduling times moved (rebase), recipients (send_guard)
    extra += (extra.empty() ? "" : "; ") +
             (rewrite.starts_with("recipients ") ? rewrite : "rebased " + rewrite);
  }
  if (extra.empty()) return;
  result.note += (result.note.empty() ? "" : "; ") + extra;
}

void apply_xfail(const ReplayCase& c, CaseResult& result) {
  if (c.xfail.empty()) return;
  if (result.outcome == Outcome::fail) {
    result.outcome = Outcome::xfail;
    result.note = "known deviation: " + c.xfail;
  } else if (result.outcome == Outcome::pass || result.outcome == Outcome::observed) {
    result.outcome = Outcome::xpass;
    result.note = "marked xfail (" + c.xfail + ") but passed; remove the xfail";
  }
}

/// Whether a check is run and recorded for this case. A check the run leaves out
/// (`--checks`/`--exclude-checks`) or that cannot apply to it is not recorded, so no report shows
/// it as passed: response_time has nothing to measure against without --max-response-time.
bool runs(const Check& check, const JudgeSettings& settings) {
  if (settings.skipped_checks.contains(check.name)) return false;
  return std::string_view(check.name) != "response_time" || settings.max_response_ms > 0;
}

}  // namespace

CaseResult judge(const ApiEntry& api, const ReplayCase& c, const Exchange& exchange,
                 const JudgeSettings& settings) {
  CaseResult result = start(c, exchange);
  if (!exchange.refused.empty()) {  // still 429/503 after the polite retries: no verdict
    result.outcome = Outcome::refused;
    result.note = exchange.refused;
    return result;
  }
  if (!exchange.response || !exchange.transport_error.empty()) {
    result.outcome = exchange.timed_out ? Outcome::timeout : Outcome::error;
    result.note = exchange.transport_error.empty() ? "no response" : exchange.transport_error;
    return result;
  }
  const HttpResponse& response = *exchange.response;
  std::optional<nlohmann::json> body;
  std::string body_error = "an empty body";
  if (!response.body.empty()) {
    JsonParse parsed = parse_json(response.body);
    body = std::move(parsed.value);
    body_error = body ? "" : "not JSON: " + parsed.error;
  }
  CheckInput input{api, c, exchange, response, body, body_error, settings.max_response_ms};
  std::vector<Finding> findings;
  for (const auto& check : check_table()) {
    if (!runs(check, settings)) continue;
    result.checks.push_back(check.name);
    check.run(input, findings);
  }
  if (c.observe_only) {
    for (auto& f : findings) f.settled = f.settled && f.failure.check == "not_a_server_error";
  }
  fold(findings, result);
  apply_xfail(c, result);
  annotate(c, result);
  return result;
}

}  // namespace conform
