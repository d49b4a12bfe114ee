/// Checks on the status code: server errors, documented statuses, acceptance, rejection, auth.
#include "cases/interaction.hpp"
#include "checks/check.hpp"
#include "contract/contract.hpp"

namespace conform {
namespace {

Failure make_failure(const CheckInput& in, const char* check, std::string expected,
                     std::string message) {
  const ReplayCase& c = in.replay_case;
  Failure f;
  f.check = check;
  f.requirement = c.primary_requirement;
  f.locator = c.primary_locator;
  f.pointer = c.errors_at.empty() ? "" : c.errors_at.front();
  f.expected = std::move(expected);
  f.actual = std::to_string(in.response.status);
  f.message = std::move(message);
  return f;
}

/// "4xx" for "422", the class itself for "4xx".
std::string class_of(const std::string& spec) {
  return spec.substr(0, 1) + "xx";
}

/// A rejection: the expected status class, or a 2xx whose body says no (Capillary).
bool rejected(const CheckInput& in) {
  const Interaction& want = in.replay_case.interaction;
  if (status_matches(class_of(want.status), in.response.status)) return true;
  return want.body_forms && in.response.status / 100 == 2 &&
         body_says_rejected(in.api.contract, in.body);
}

std::string rejection_text(const CheckInput& in) {
  const Interaction& want = in.replay_case.interaction;
  std::string text = class_of(want.status);
  if (want.body_forms)
    text += ", or a 2xx whose body says rejected (" + in.api.contract.rejection.requirement + ")";
  return text;
}

}  // namespace

void check_not_a_server_error(const CheckInput& in, std::vector<Finding>& out) {
  if (in.response.status < 500) return;
  out.push_back({make_failure(in, "not_a_server_error", "a status below 500",
                              "the server failed on a " +
                                  std::string(intent_name(in.replay_case.intent)) + " case"),
                 true});
}

void check_status_code_conformance(const CheckInput& in, std::vector<Finding>& out) {
  int status = in.response.status;
  if (status >= 500 && status <= 599) return;  // not_a_server_error reports it
  const Contract& contract = in.api.contract;
  bool known =
      status == 401 || status == 403 || status_matches(contract.rejection.status_class, status);
  std::string documented_2xx, locator;
  bool stated = false;  // the page states the code; an inferred one never fails the gate
  for (const auto& documented : contract.statuses) {
    if (status_matches(documented.code, status)) known = true;
    bool success_code =
        documented.code.size() == 3 && documented.code[0] == '2' && documented.code[1] != 'x';
    if (!success_code) continue;
    documented_2xx += (documented_2xx.empty() ? "" : " or ") + documented.code;
    bool this_stated = !documented.inferred;
    if (this_stated && !stated) locator = documented.locator;
    stated = stated || this_stated;
  }
  if (!known && status / 100 == 2 && !documented_2xx.empty()) {
    Failure f = make_failure(
        in, "status_code_conformance", documented_2xx,
        stated ? "a success status other than the documented one"
               : "a success status other than the one the contract assumes (inferred)");
    const Requirement* response = contract.find_requirement(contract.id + ".response");
    if (response)
      f.requirement = response->id, f.locator = locator.empty() ? response->locator : locator;
    out.push_back({f, stated});
    return;
  }
  if (known) return;
  out.push_back({make_failure(in, "status_code_conformance", "a status the contract documents",
                              "the status is neither a documented success nor a rejection"),
                 true});
}

void check_documented_status(const CheckInput& in, std::vector<Finding>& out) {
  const Interaction& want = in.replay_case.interaction;
  if (want.status.empty() || want.status[1] == 'x') return;
  if (std::to_string(in.response.status) == want.status) return;
  Failure f = make_failure(in, "documented_status", want.status,
                           "the documented status for this case is " + want.status);
  f.requirement = want.status_requirement.empty() ? f.requirement : want.status_requirement;
  f.locator = want.status_requirement.empty() ? f.locator : want.status_locator;
  out.push_back({f, true});
}

void check_positive_data_acceptance(const CheckInput& in, std::vector<Finding>& out) {
  if (in.replay_case.intent != Intent::accept) return;
  const Interaction& want = in.replay_case.interaction;
  int status = in.response.status;
  std::string expected = class_of(want.status.empty() ? "2xx" : want.status);
  if (!status_matches(expected, status)) {
    std::string why = status == 401 || status == 403 ? "the credentials were refused (see --auth)"
                                                     : "a valid request was not accepted";
    out.push_back({make_failure(in, "positive_data_acceptance", expected, why), true});
  } else if (!in.api.contract.rejection.body_forms.empty() &&
             body_says_rejected(in.api.contract, in.body)) {
    Failure f = make_failure(in, "positive_data_acceptance", "a 2xx whose body reports success",
                             "a valid request got a 2xx whose body says rejected");
    f.actual += " with a rejection body";
    out.push_back({f, true});
  }
}

void check_negative_data_rejection(const CheckInput& in, std::vector<Finding>& out) {
  Intent intent = in.replay_case.intent;
  if (intent != Intent::reject && intent != Intent::malformed) return;
  if (rejected(in)) return;
  std::string what = intent == Intent::malformed ? "a body that is not JSON" : "an invalid request";
  out.push_back(
      {make_failure(in, "negative_data_rejection", rejection_text(in), what + " was not rejected"),
       true});
}

void check_auth_required(const CheckInput& in, std::vector<Finding>& out) {
  if (in.replay_case.intent != Intent::unauthenticated) return;
  int status = in.response.status;
  if (status == 401 || status == 403) return;
  bool other_4xx = status / 100 == 4;
  Failure f = make_failure(in, "auth_required", "401 or 403",
                           other_4xx ? "refused, but the page does not say with which status"
                                     : "a request without credentials was not refused");
  out.push_back({f, !other_4xx});
}

void check_response_time(const CheckInput& in, std::vector<Finding>& out) {
  if (in.max_response_ms <= 0 || in.exchange.elapsed_ms <= in.max_response_ms) return;
  Failure f =
      make_failure(in, "response_time",
                   "at most " + std::to_string(static_cast<long>(in.max_response_ms)) + " ms",
                   "slower than the --max-response-time budget");
  f.requirement = "conform.max-response-time";
  f.locator = "--max-response-time";
  f.actual = std::to_string(static_cast<long>(in.exchange.elapsed_ms)) + " ms";
  f.pointer.clear();
  out.push_back({f, true});
}

}  // namespace conform
