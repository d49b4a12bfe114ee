// The checks and the verdict fold, on real contracts and hand-made exchanges (no network).
#include <gtest/gtest.h>

#include <algorithm>

#include "checks/check.hpp"
#include "engine/judge.hpp"
#include "replay_support.hpp"

namespace conform {
namespace {
using test::catalog;

const ReplayCase& find_case(const std::vector<ReplayCase>& cases, const std::string& id) {
  auto it =
      std::find_if(cases.begin(), cases.end(), [&](const ReplayCase& c) { return c.id == id; });
  if (it == cases.end()) throw std::runtime_error("no case " + id);
  return *it;
}

Exchange answer(int status, std::string body, std::string content_type = "application/json") {
  Exchange x;
  x.response = HttpResponse{status, {{"Content-Type", content_type}}, std::move(body), false};
  x.elapsed_ms = 3;
  return x;
}

CaseResult judge_id(const std::string& id, const Exchange& x, JudgeSettings settings = {}) {
  static const std::vector<ReplayCase> cases = test::repository_cases();
  const ReplayCase& c = find_case(cases, id);
  return judge(*catalog().find(c.api), c, x, settings);
}

bool has_check(const CaseResult& r, const std::string& check) {
  return std::any_of(r.failures.begin(), r.failures.end(),
                     [&](const Failure& f) { return f.check == check; });
}

const char* kWhippy422 = "whippy-email/an-invalid-sender-email-gets-422";

TEST(Checks, EveryCheckOfTheTableRunsAndEveryFailureHasARequirementId) {
  CaseResult r = judge_id(kWhippy422, answer(200, "{}"), JudgeSettings{60000, {}});
  EXPECT_EQ(r.checks.size(), check_table().size())
      << "with a response-time budget every check applies";
  ASSERT_EQ(r.outcome, Outcome::fail);
  for (const auto& f : r.failures) EXPECT_FALSE(f.requirement.empty()) << f.check;
}

TEST(Checks, WhippyInvalidSenderEmailMustGetExactly422) {
  EXPECT_EQ(judge_id(kWhippy422, answer(422, "{}")).outcome, Outcome::pass);
  CaseResult r = judge_id(kWhippy422, answer(400, "{}"));
  ASSERT_EQ(r.outcome, Outcome::fail);
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].check, "documented_status");
  EXPECT_EQ(r.failures[0].requirement, "whippy-email.sender_email.invalid-422");
  EXPECT_EQ(r.failures[0].expected, "422");
  EXPECT_EQ(r.failures[0].actual, "400");
  EXPECT_EQ(r.failures[0].pointer, "/sender_email");
}

TEST(Checks, OtherWhippyRejectionsMayUseAny4xx) {
  for (int status : {400, 422}) {
    EXPECT_EQ(
        judge_id("whippy-email/a-request-without-to-is-rejected", answer(status, "{}")).outcome,
        Outcome::pass);
  }
  CaseResult r = judge_id("whippy-email/a-request-without-to-is-rejected", answer(200, "{}"));
  EXPECT_TRUE(has_check(r, "negative_data_rejection"));
  EXPECT_EQ(r.failures[0].requirement, "whippy-email.rejection");
}

TEST(Checks, CapillaryRejectsWithA4xxOrA2xxSayingSo) {
  const std::string id = "capillary-message/an-sms-item-without-body-is-rejected";
  EXPECT_EQ(judge_id(id, answer(400, "")).outcome, Outcome::pass);
  EXPECT_EQ(judge_id(id, answer(200, R"({"status":{"success":false}})")).outcome, Outcome::pass);
  EXPECT_EQ(
      judge_id(id,
               answer(200, R"({"status":{"success":true},"smsList":[{"errors":[{"code":1}]}]})"))
          .outcome,
      Outcome::pass);
  CaseResult r =
      judge_id(id, answer(200, R"({"status":{"success":true},"smsList":[{"errors":[]}]})"));
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_TRUE(has_check(r, "negative_data_rejection"));
}

TEST(Checks, AValidCapillaryRequestWithItemErrorsWasNotAccepted) {
  CaseResult r = judge_id("capillary-message/an-sms-with-a-sender-id-is-accepted",
                          answer(200, R"({"status":{"success":false}})"));
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_TRUE(has_check(r, "positive_data_acceptance"));
}

TEST(Checks, ServerErrorsAlwaysFailEvenOnNegativeCases) {
  CaseResult r =
      judge_id("bigin-mail/a-mail-without-from-is-rejected", answer(503, "oops", "text/plain"));
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_TRUE(has_check(r, "not_a_server_error"));
  EXPECT_TRUE(has_check(r, "negative_data_rejection"));
}

TEST(Checks, ARedirectIsNotADocumentedStatus) {
  CaseResult r = judge_id("genesys-email/the-documented-request-is-accepted", answer(302, ""));
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_TRUE(has_check(r, "status_code_conformance"));
}

TEST(Checks, MissingCredentialsMustBeRefusedButTheCodeIsUnsettled) {
  const std::string id = "bigin-mail/probe-a-request-without-credentials-is-refused";
  EXPECT_EQ(judge_id(id, answer(401, "{}")).outcome, Outcome::pass);
  EXPECT_EQ(judge_id(id, answer(403, "{}")).outcome, Outcome::pass);
  EXPECT_EQ(judge_id(id, answer(400, "{}")).outcome, Outcome::observed);
  CaseResult r = judge_id(id, answer(200, R"({"data":[]})"));
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_TRUE(has_check(r, "auth_required"));
  EXPECT_EQ(r.failures[0].requirement, "bigin-mail.auth");
}

TEST(Checks, ContentTypeFailsWhereTheResponseIsDocumentedAndIsObservedForWhippy) {
  std::string bigin_ok =
      R"({"data":[{"code":"SUCCESS","details":{"message_id":"1"},"message":"ok","status":"success"}]})";
  CaseResult documented = judge_id("bigin-mail/the-documented-request-is-accepted",
                                   answer(200, bigin_ok, "text/plain"));
  EXPECT_EQ(documented.outcome, Outcome::fail);
  EXPECT_TRUE(has_check(documented, "content_type_conformance"));
  CaseResult whippy =
      judge_id("whippy-email/a-plain-text-email-is-accepted", answer(200, "queued", "text/plain"));
  EXPECT_EQ(whippy.outcome, Outcome::observed);
  EXPECT_EQ(judge_id("whippy-email/a-plain-text-email-is-accepted", answer(201, "{}")).outcome,
            Outcome::pass);
}

TEST(Checks, ResponseSchemaViolationsCarryThePointerAndRequirement) {
  CaseResult r = judge_id("genesys-email/the-documented-request-is-accepted",
                          answer(200, R"({"statusCode":"0"})"));
  ASSERT_EQ(r.outcome, Outcome::fail);
  ASSERT_TRUE(has_check(r, "response_schema_conformance"));
  EXPECT_EQ(r.failures[0].pointer, "/statusCode");
  EXPECT_EQ(r.failures[0].requirement.rfind("genesys-email.", 0), 0u);
  EXPECT_EQ(
      judge_id("genesys-email/the-documented-request-is-accepted", answer(200, "not json")).outcome,
      Outcome::fail);
}

TEST(Checks, ASuccessCodeOtherThanTheDocumentedOneFailsOnlyWhereThePageStatesIt) {
  std::string capillary_ok = R"({"status":{"success":true,"code":200,"message":"ok"}})";
  CaseResult stated =
      judge_id("capillary-message/an-sms-with-a-sender-id-is-accepted", answer(202, capillary_ok));
  EXPECT_TRUE(has_check(stated, "status_code_conformance"));
  std::string bigin_ok =
      R"({"data":[{"code":"SUCCESS","details":{"message_id":"1"},"message":"ok","status":"success"}]})";
  CaseResult inferred =
      judge_id("bigin-mail/the-documented-request-is-accepted", answer(202, bigin_ok));
  EXPECT_EQ(inferred.outcome, Outcome::observed);  // bigin's 200 is assumed, the page is cut off
}

TEST(Checks, TransportTroubleIsAnErrorOrATimeoutNeverAFailure) {
  Exchange refused;
  refused.transport_error = "connection refused";
  EXPECT_EQ(judge_id(kWhippy422, refused).outcome, Outcome::error);
  Exchange slow;
  slow.timed_out = true;
  slow.transport_error = "no complete response";
  EXPECT_EQ(judge_id(kWhippy422, slow).outcome, Outcome::timeout);
}

TEST(Checks, ResponseTimeFailsOnlyAgainstAnExplicitBudget) {
  Exchange x = answer(422, "{}");
  x.elapsed_ms = 400;
  CaseResult unbudgeted = judge_id(kWhippy422, x);
  EXPECT_EQ(unbudgeted.outcome, Outcome::pass);
  EXPECT_EQ(std::count(unbudgeted.checks.begin(), unbudgeted.checks.end(), "response_time"), 0)
      << "without --max-response-time the check did not run, so it is not recorded as run";
  CaseResult r = judge_id(kWhippy422, x, JudgeSettings{250, {}});
  EXPECT_EQ(std::count(r.checks.begin(), r.checks.end(), "response_time"), 1);
  ASSERT_EQ(r.outcome, Outcome::fail);
  EXPECT_EQ(r.failures[0].check, "response_time");
}

TEST(Checks, XfailTurnsAFailureIntoXfailAndAPassIntoXpass) {
  ReplayCase c = find_case(test::repository_cases(), kWhippy422);
  c.xfail = "the vendor answers 400 (ticket 123)";
  const ApiEntry& api = *catalog().find(c.api);
  EXPECT_EQ(judge(api, c, answer(400, "{}"), {}).outcome, Outcome::xfail);
  CaseResult xpass = judge(api, c, answer(422, "{}"), {});
  EXPECT_EQ(xpass.outcome, Outcome::xpass);
  EXPECT_TRUE(fails_gate(xpass.outcome));
}

TEST(Checks, MatchersCompareValuesAndEchoLengths) {
  ReplayCase c = find_case(
      test::repository_cases(),
      "capillary-message/the-documented-sms-example-with-its-missing-brace-restored-is-accepted");
  c.interaction.matchers = {{"/status/success", true, ""}, {"/smsList", std::nullopt, "/sms"}};
  const ApiEntry& api = *catalog().find(c.api);
  std::string two = R"({"status":{"success":true,"code":200,"message":"ok"},"smsList":[{},{}]})";
  std::string one = R"({"status":{"success":true,"code":200,"message":"ok"},"smsList":[{}]})";
  EXPECT_EQ(judge(api, c, answer(200, two), {}).outcome, Outcome::pass);
  CaseResult r = judge(api, c, answer(200, one), {});
  ASSERT_EQ(r.outcome, Outcome::fail);
  EXPECT_EQ(r.failures[0].check, "response_matchers");
  EXPECT_EQ(r.failures[0].pointer, "/smsList");
}

}  // namespace
}  // namespace conform
