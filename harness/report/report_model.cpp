#include "report/report_model.hpp"

#include "core/outcome_table.hpp"
#include "report/report_sanitize.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// Applies `valid_utf8` and `scrub` to a string.
struct Cleaner {
  std::vector<std::string> secrets;
  std::string operator()(const std::string& text) const { return scrub(valid_utf8(text), secrets); }
};

json headers_to_json(const Headers& headers, const Cleaner& clean) {
  json out = json::array();
  for (const auto& [name, value] : headers) {
    out.push_back({{"name", clean(name)},
                   {"value", is_secret_header(name) ? std::string(kRedacted) : clean(value)}});
  }
  return out;
}

json body_to_json(const std::string& body, bool already_cut, const Cleaner& clean) {
  bool cut = false;
  std::string kept = capped_utf8(clean(body), kReportBodyCap, cut);
  return {{"body", kept}, {"body_truncated", cut || already_cut}};
}

json exchange_to_json(const Exchange& exchange, const Cleaner& clean) {
  const HttpRequest& request = exchange.request;
  json out = {{"request",
               {{"method", clean(request.method)},
                {"path", redact_target(clean(request.path))},
                {"headers", headers_to_json(request.headers, clean)}}},
              {"transport_error", clean(exchange.transport_error)},
              {"timed_out", exchange.timed_out},
              {"elapsed_ms", exchange.elapsed_ms}};
  out["request"].update(body_to_json(request.body, false, clean));
  if (exchange.response) {
    const HttpResponse& response = *exchange.response;
    json response_json = {{"status", response.status},
                          {"headers", headers_to_json(response.headers, clean)}};
    response_json.update(body_to_json(response.body, response.body_truncated, clean));
    out["response"] = std::move(response_json);
  } else {
    out["response"] = nullptr;
  }
  return out;
}

json failure_to_json(const Failure& failure, const Cleaner& clean) {
  return {{"check", clean(failure.check)},       {"requirement", clean(failure.requirement)},
          {"locator", clean(failure.locator)},   {"pointer", clean(failure.pointer)},
          {"expected", clean(failure.expected)}, {"actual", clean(failure.actual)},
          {"message", clean(failure.message)}};
}

/// One entry per check that ran, plus any check named only by a failure.
json checks_to_json(const CaseResult& result, const Cleaner& clean) {
  json checks = json::array();
  auto entry_for = [&](const std::string& name) -> json& {
    for (auto& check : checks) {
      if (check["name"] == name) return check;
    }
    checks.push_back({{"name", name}, {"status", "pass"}, {"failures", json::array()}});
    return checks.back();
  };
  for (const auto& name : result.checks) entry_for(clean(name));
  for (const auto& failure : result.failures) {
    json& check = entry_for(clean(failure.check));
    check["status"] = "fail";
    check["failures"].push_back(failure_to_json(failure, clean));
  }
  return checks;
}

}  // namespace

bool outcome_fails_gate(const std::string& outcome) {
  auto parsed = outcome_from_name(outcome);
  return !parsed || fails_gate(*parsed);
}

bool case_fails_gate(const json& entry) {
  const std::string outcome = entry.value("outcome", "ERROR");
  if (outcome == "REFUSED" && entry.value("refused_allowed", false)) return false;
  return outcome_fails_gate(outcome);
}

json run_info_to_json(const RunInfo& info) {
  json hashes = json::object();
  for (const auto& [api, hash] : info.contract_hashes) hashes[api] = valid_utf8(hash);
  return {{"tool", "conform"},
          {"tool_version", valid_utf8(info.tool_version)},
          {"target", redact_target(valid_utf8(info.target))},
          {"mode", valid_utf8(info.mode)},
          {"contract_hashes", hashes},
          {"seed", info.seed ? json(*info.seed) : json(nullptr)},
          {"shard", valid_utf8(info.shard)},
          {"started_at", valid_utf8(info.started_at)},
          {"allow_refused", info.allow_refused}};
}

json requirements_to_json(const RunInfo& info) {
  json out = json::object();
  for (const auto& [api, requirements] : info.requirements) {
    json list = json::array();
    for (const auto& requirement : requirements) {
      json entry = {{"id", valid_utf8(requirement.id)},
                    {"summary", valid_utf8(requirement.summary)},
                    {"locator", valid_utf8(requirement.locator)}};
      if (!requirement.inferred.empty()) entry["inferred"] = valid_utf8(requirement.inferred);
      list.push_back(std::move(entry));
    }
    out[api] = std::move(list);
  }
  return out;
}

json open_points_to_json(const RunInfo& info) {
  json out = json::object();
  for (const auto& [api, points] : info.open_points) {
    json list = json::array();
    for (const auto& p : points) {
      json permitted = json::array();
      for (const auto& answer : p.permitted) permitted.push_back(valid_utf8(answer));
      json entry = {{"id", valid_utf8(p.id)},
                    {"where", valid_utf8(p.where)},
                    {"permitted", permitted},
                    {"sentence", valid_utf8(p.sentence)}};
      if (!p.locator.empty()) entry["locator"] = valid_utf8(p.locator);
      list.push_back(std::move(entry));
    }
    out[api] = std::move(list);
  }
  return out;
}

json counterexample_to_json(const Counterexample& found) {
  Cleaner clean;
  json out = {{"api", clean(found.api)},
              {"outcome", clean(found.outcome)},
              {"check", clean(found.check)},
              {"pointer", clean(found.pointer)},
              {"requirement", clean(found.requirement)},
              {"message", clean(found.message)},
              {"cases", found.cases},
              {"first_case", clean(found.first_case)},
              {"minimal_body", clean(found.minimal_body)},
              {"curl", redact_curl(clean(found.curl))},
              {"steps", found.steps},
              {"sends", found.sends}};
  if (!found.not_shrunk.empty()) out["not_shrunk"] = clean(found.not_shrunk);
  if (!found.saved_as.empty()) out["saved_as"] = clean(found.saved_as);
  if (!found.not_saved.empty()) out["not_saved"] = clean(found.not_saved);
  return out;
}

json passing_entry(const CaseResult& result, const std::string& target) {
  Cleaner clean;
  json requirements = json::array();
  for (const auto& id : result.requirements) requirements.push_back(clean(id));
  json checks = json::array();
  for (const auto& name : result.checks) checks.push_back(clean(name));
  return {{"api", clean(result.api)},
          {"target", target},
          {"requirements", requirements},
          {"checks", checks},
          {"cases", 1}};
}

json case_to_json(const CaseResult& result, const std::string& target) {
  Cleaner clean;
  if (result.exchange) clean.secrets = secrets_in(result.exchange->request.headers);
  json requirements = json::array();
  for (const auto& id : result.requirements) requirements.push_back(clean(id));
  json out = {{"id", clean(result.id)},
              {"api", clean(result.api)},
              {"target", target},
              {"requirements", requirements},
              {"outcome", outcome_name(result.outcome)},
              {"checks", checks_to_json(result, clean)},
              {"note", clean(result.note)},
              {"duration_ms", result.duration_ms},
              {"curl", redact_curl(clean(result.curl))}};
  out["exchange"] = result.exchange ? exchange_to_json(*result.exchange, clean) : json(nullptr);
  if (!result.observed_kind.empty()) out["open_point"] = clean(result.observed_kind);
  return out;
}

json summarize_cases(const json& cases, double wall_ms) {
  json counts = json::object();
  for (const OutcomeRow& row : outcome_rows()) {
    if (row.kind != OutcomeKind::unsent) counts[row.name] = 0;
  }
  bool passed = true;
  for (const auto& entry : cases) {
    const std::string outcome = entry.value("outcome", "ERROR");
    if (outcome_kind(outcome) == OutcomeKind::unsent && !counts.contains(outcome))
      counts[outcome] = 0;  // listed only when present
    if (counts.contains(outcome)) counts[outcome] = counts[outcome].get<size_t>() + 1;
    if (case_fails_gate(entry)) passed = false;
  }
  return {{"total", cases.size()}, {"counts", counts}, {"passed", passed}, {"wall_ms", wall_ms}};
}

json empty_report() {
  return {{"report_version", kReportVersion},
          {"complete", false},
          {"runs", json::array()},
          {"requirements", json::object()},
          {"open_points", json::object()},
          {"cases", json::array()},
          {"summary", summarize_cases(json::array(), 0)}};
}

}  // namespace conform
