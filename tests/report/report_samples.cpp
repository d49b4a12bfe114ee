#include "report_samples.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <sys/wait.h>

#include "report/report_builder.hpp"
#include "support/cli_run.hpp"
#include "validate/catalog.hpp"

namespace conform::test {
namespace {

Exchange exchange(const std::string& path, Headers headers, const std::string& request_body,
                  int status, const std::string& response_body) {
  Exchange out;
  out.request = {"POST", path, std::move(headers), request_body};
  out.response = HttpResponse{status, {{"Content-Type", "application/json"}}, response_body, false};
  out.elapsed_ms = 12.5;
  return out;
}

CaseResult make_case(const std::string& id, Outcome outcome,
                     std::vector<std::string> requirements) {
  CaseResult result;
  result.id = id;
  result.api = id.substr(0, id.find('/'));
  result.requirements = std::move(requirements);
  result.outcome = outcome;
  result.checks = {"not_a_server_error", "status_code_conformance", "content_type_conformance",
                   "response_schema_conformance"};
  result.duration_ms = 14.25;
  return result;
}

Headers whippy_headers() {
  return {{"Content-Type", "application/json"}, {"X-WHIPPY-KEY", kWhippyKey}};
}

Headers bigin_headers() {
  return {{"Content-Type", "application/json"},
          {"Authorization", std::string("Zoho-oauthtoken ") + kBearerSecret}};
}

std::vector<CaseResult> whippy_cases() {
  std::vector<CaseResult> out;
  CaseResult ok = make_case("whippy-email/a-plain-text-email-is-accepted", Outcome::pass,
                            {"whippy-email.to", "whippy-email.from", "whippy-email.body"});
  ok.checks.push_back("positive_data_acceptance");
  ok.exchange = exchange("/v1/messaging/email", whippy_headers(),
                         R"({"to":"ann@example.com","from":"team@example.com","body":"hi"})", 200,
                         R"({"data":{"id":"m1"}})");
  out.push_back(ok);
  CaseResult bad = make_case("whippy-email/an-invalid-sender-email-gets-422", Outcome::fail,
                             {"whippy-email.sender_email.invalid-422"});
  bad.checks.push_back("negative_data_rejection");
  bad.failures = {{"status_code_conformance", "whippy-email.sender_email.invalid-422",
                   "002_596f1fd0dac9b3a0.txt:84", "/sender_email", "422", "200",
                   "an invalid sender_email must get 422; the server answered 200"},
                  {"negative_data_rejection", "whippy-email.sender_email.invalid-422",
                   "002_596f1fd0dac9b3a0.txt:84", "/sender_email", "a 4xx rejection",
                   std::string("200 with ") + kHostileBody, "the invalid request was accepted"}};
  bad.exchange = exchange(
      "/v1/messaging/email", whippy_headers(),
      R"({"to":"ann@example.com","from":"team@example.com","sender_email":"invalid@something"})",
      200, kHostileBody);
  bad.curl = std::string(
                 "curl -sS -X POST 'http://127.0.0.1:8080/api/v1/messaging/email' -H "
                 "'Content-Type: application/json' -H 'X-WHIPPY-KEY: ") +
             kWhippyKey + "' --data-binary '{\"sender_email\":\"invalid@something\"}'";
  out.push_back(bad);
  out.push_back(make_case("whippy-email/a-request-without-to-is-rejected", Outcome::pass,
                          {"whippy-email.to", "whippy-email.rejection"}));
  CaseResult known = make_case("whippy-email/cc-given-as-a-single-string-is-rejected",
                               Outcome::xfail, {"whippy-email.cc"});
  known.note = "known deviation: the reference server accepts a single cc string (issue 12)";
  known.failures = {{"negative_data_rejection", "whippy-email.cc", "002_596f1fd0dac9b3a0.txt:42",
                     "/cc", "a 4xx rejection", "202",
                     "a cc string instead of a list was accepted"}};
  out.push_back(known);
  return out;
}

std::vector<CaseResult> genesys_cases() {
  std::vector<CaseResult> out;
  out.push_back(
      make_case("genesys-email/the-documented-request-is-accepted", Outcome::pass,
                {"genesys-email.queueName", "genesys-email.email", "genesys-email.response"}));
  CaseResult error = make_case("genesys-email/a-request-without-queuename-is-rejected",
                               Outcome::error, {"genesys-email.queueName"});
  error.note = "transport: connection reset by peer";
  error.checks.clear();
  error.exchange =
      Exchange{{"POST", "/api/v2/me/emails/42?access_token=leaky-query-token", {}, "{}"},
               std::nullopt,
               "connection reset by peer",
               false,
               3.0};
  out.push_back(error);
  CaseResult seen = make_case("genesys-email/comma-delimited-cc-and-bcc-strings-are-accepted",
                              Outcome::observed, {"genesys-email.email.cc"});
  seen.note = "the page describes cc as a comma-delimited string but its sample sends a list";
  seen.failures = {{"positive_data_acceptance", "genesys-email.email.cc",
                    "003_3603383761989dfe.txt:44", "/email/cc", "2xx", "400",
                    "comma-delimited cc strings were rejected"}};
  out.push_back(seen);
  CaseResult stale = make_case("genesys-email/a-savelar-of-yes-is-rejected", Outcome::xpass,
                               {"genesys-email.saveLAR"});
  stale.note = "marked xfail (saveLAR strings were accepted) but the server now rejects them";
  out.push_back(stale);
  return out;
}

std::vector<CaseResult> bigin_cases() {
  std::vector<CaseResult> out;
  CaseResult ok = make_case("bigin-mail/the-documented-request-is-accepted", Outcome::pass,
                            {"bigin-mail.data", "bigin-mail.data.from", "bigin-mail.data.to"});
  ok.exchange = exchange("/bigin/v2/Contacts/1001/actions/send_mail", bigin_headers(), "{}", 200,
                         R"({"data":[{"code":"SUCCESS"}]})");
  out.push_back(ok);
  CaseResult crash = make_case("bigin-mail/a-mail-without-from-is-rejected", Outcome::fail,
                               {"bigin-mail.data.from", "bigin-mail.rejection"});
  crash.failures = {{"not_a_server_error", "bigin-mail.rejection", "004_48a580a97fdcacca.txt:120",
                     "", "a status below 500", "500", "the server crashed on an invalid request"}};
  crash.exchange = exchange("/bigin/v2/Contacts/1001/actions/send_mail", bigin_headers(),
                            R"({"data":[{"to":[]}]})", 500,
                            std::string("<b>Internal</b> error; echo: Zoho-oauthtoken ") +
                                kBearerSecret + " \xff\xfe bad bytes");
  crash.curl = std::string("curl -X POST -H 'Authorization: Zoho-oauthtoken ") + kBearerSecret +
               "' 'http://127.0.0.1:8080/api/bigin/v2/Contacts/1001/actions/send_mail'";
  out.push_back(crash);
  CaseResult slow = make_case("bigin-mail/a-scheduled-time-that-is-not-iso-8601-is-rejected",
                              Outcome::timeout, {"bigin-mail.data.scheduled_time"});
  slow.note = "no response within 5 s";
  slow.checks.clear();
  out.push_back(slow);
  out.push_back(make_case("bigin-mail/the-documented-response-is-accepted", Outcome::pass,
                          {"bigin-mail.response"}));
  return out;
}

}  // namespace

RunInfo sample_run_info(const std::string& target, const std::string& shard) {
  RunInfo info;
  info.tool_version = "0.1.0";
  info.target = target;
  info.mode = "replay";
  info.seed = 20260501;
  info.shard = shard;
  info.started_at = "2026-05-01T10:00:00Z";
  Catalog catalog = Catalog::load(embedded_schema_source());
  for (const char* api : {"whippy-email", "genesys-email", "bigin-mail"}) {
    info.contract_hashes[api] = std::string("sha256:") + api;
    info.requirements[api] = catalog.find(api)->contract.requirements;
  }
  return info;
}

std::vector<CaseResult> sample_cases() {
  std::vector<CaseResult> out;
  for (auto part : {whippy_cases(), genesys_cases(), bigin_cases()}) {
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

void play(EventSink& sink, const RunInfo& info, const std::vector<CaseResult>& cases) {
  sink.run_started(info);
  RunSummary summary;
  for (const auto& result : cases) {
    sink.case_finished(result);
    ++summary.counts[result.outcome];
  }
  summary.wall_ms = 321.0;
  sink.run_finished(summary);
}

nlohmann::json sample_report(const std::string& target, const std::string& shard) {
  ReportBuilder builder;
  builder.start(sample_run_info(target, shard));
  RunSummary summary;
  for (const auto& result : sample_cases()) builder.add(result);
  builder.finish(summary);
  return builder.report();
}

std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::path(CONFORM_BUILD_DIR) / "report-tests" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int run_command(const std::string& command, std::string& output) {
  CliRun run = run_shell(command + " 2>&1");
  output = std::move(run.output);
  return run.exit_code;
}

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace conform::test
