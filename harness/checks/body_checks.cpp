/// Checks on the response body and its media type.
#include "checks/check.hpp"
#include "contract/contract.hpp"

namespace conform {
namespace {

/// The response requirement (`<api>.response`) when the contract has one, else the case's.
void file_under_response(const CheckInput& in, Failure& f) {
  const Contract& contract = in.api.contract;
  const Requirement* r = contract.find_requirement(contract.id + ".response");
  f.requirement = r ? r->id : in.replay_case.primary_requirement;
  f.locator = r ? r->locator : in.replay_case.primary_locator;
}

Failure body_failure(const CheckInput& in, const char* check, std::string expected,
                     std::string actual, std::string message) {
  Failure f;
  f.check = check;
  file_under_response(in, f);
  f.expected = std::move(expected);
  f.actual = std::move(actual);
  f.message = std::move(message);
  return f;
}

bool is_2xx(const CheckInput& in) {
  return in.response.status / 100 == 2;
}

std::string shown(const nlohmann::json& value) {
  std::string text = value.dump();
  return text.size() > 120 ? text.substr(0, 117) + "..." : text;
}

/// The value at a pointer, or nullptr when the pointer is malformed or absent.
const nlohmann::json* at(const nlohmann::json& document, const std::string& pointer) {
  try {
    nlohmann::json::json_pointer p(pointer);
    return document.contains(p) ? &document.at(p) : nullptr;
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

void check_one_matcher(const CheckInput& in, const Matcher& m, std::vector<Finding>& out) {
  const nlohmann::json* actual = in.body ? at(*in.body, m.pointer) : nullptr;
  Failure f = body_failure(in, "response_matchers", "", actual ? shown(*actual) : "(absent)", "");
  f.pointer = m.pointer;
  if (m.equals) {
    if (actual && *actual == *m.equals) return;
    f.expected = shown(*m.equals);
    f.message = "the response value differs from the one the fixture expects";
  } else {
    const nlohmann::json* request =
        in.replay_case.request_body ? at(*in.replay_case.request_body, m.same_length_as) : nullptr;
    size_t want = request && request->is_array() ? request->size() : 0;
    if (actual && actual->is_array() && request && actual->size() == want) return;
    f.expected =
        "an array of " + std::to_string(want) + " (as many as request " + m.same_length_as + ")";
    f.actual =
        actual && actual->is_array() ? "an array of " + std::to_string(actual->size()) : f.actual;
    f.message = "the response does not echo one entry per request item";
  }
  out.push_back({f, true});
}

}  // namespace

void check_content_type_conformance(const CheckInput& in, std::vector<Finding>& out) {
  const Interaction& want = in.replay_case.interaction;
  if (want.content_type.empty() || !is_2xx(in) || in.response.status == 204) return;
  std::string actual = media_type(header_value(in.response.headers, "Content-Type"));
  if (actual == media_type(want.content_type)) return;
  Failure f = body_failure(in, "content_type_conformance", want.content_type,
                           actual.empty() ? "(no Content-Type)" : actual,
                           "the response has another media type");
  out.push_back({f, want.response_documented});
}

void check_response_schema_conformance(const CheckInput& in, std::vector<Finding>& out) {
  const ReplayCase& c = in.replay_case;
  if (!c.interaction.response_schema || !is_2xx(in)) return;
  bool settled = c.interaction.response_documented;
  if (!in.body) {
    out.push_back({body_failure(in, "response_schema_conformance", "a JSON body", in.body_error,
                                "the response body is not JSON"),
                   settled});
    return;
  }
  const SchemaValidator* validator = in.api.validator(PayloadKind::response, c.channel);
  if (!validator) return;
  for (const auto& v : validator->validate(*in.body)) {
    Failure f = body_failure(in, "response_schema_conformance", v.keyword, "", v.message);
    f.pointer = v.pointer;
    if (!v.requirement.empty()) f.requirement = v.requirement;
    if (!v.locator.empty()) f.locator = v.locator;
    const nlohmann::json* value = at(*in.body, v.pointer);
    f.actual = value ? shown(*value) : "(absent)";
    if (!v.settled) f.message += " (open point " + v.open_point + ")";
    out.push_back({f, settled && v.settled});
  }
}

void check_response_matchers(const CheckInput& in, std::vector<Finding>& out) {
  for (const auto& m : in.replay_case.interaction.matchers) check_one_matcher(in, m, out);
}

}  // namespace conform
