// Self-consistency of the schema-driven generators, in process: generated valid cases validate,
// and every mutant fails exactly where it says it does.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "properties/mutators.hpp"
#include "properties/value_generators.hpp"
#include "validate/catalog.hpp"
#include "validate/formats.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// One request schema of one API (and channel).
struct RequestSchema {
  std::string label;
  const json* schema;
  const SchemaValidator* validator;
  EmailPolicy policy;
};

const std::vector<RequestSchema>& request_schemas() {
  static const Catalog catalog = Catalog::load(embedded_schema_source());
  static const std::vector<RequestSchema> all = [] {
    std::vector<RequestSchema> out;
    for (const auto& api : catalog.apis()) {
      for (const auto& [channel, files] : api.contract.channels) {
        out.push_back({api.contract.id + (channel.empty() ? "" : "/" + channel),
                       &api.schemas.at(files.request), api.validator(PayloadKind::request, channel),
                       api.contract.email_policy});
      }
    }
    return out;
  }();
  return all;
}

std::string pointers_of(const std::vector<Violation>& violations) {
  std::string out;
  for (const auto& v : violations)
    out += " " + (v.pointer.empty() ? "\"\"" : v.pointer) + " (" + v.message + ")";
  return out;
}

RC_GTEST_PROP(SchemaGenerator, EveryGeneratedValidCaseValidatesAgainstItsSchema, ()) {
  const auto& target = *rc::gen::elementOf(request_schemas());
  json value = *gen_valid(*target.schema);
  auto violations = target.validator->validate(value);
  if (!violations.empty())
    RC_FAIL(target.label + ":" + pointers_of(violations) + " for " + value.dump());
  RC_TAG(target.label);
}

RC_GTEST_PROP(SchemaGenerator, EveryMutantFailsExactlyAtThePointerItClaims, ()) {
  const auto& target = *rc::gen::elementOf(request_schemas());
  json value = *gen_valid(*target.schema);
  auto mutants = mutants_of(*target.schema, value, target.policy);
  RC_CLASSIFY(mutants.empty(), "nothing to mutate (no required field, an empty body)");
  for (const auto& m : mutants) {
    auto violations = target.validator->validate(m.body);
    std::set<std::string> settled, open;
    for (const auto& v : violations) (v.settled ? settled : open).insert(v.pointer);
    // A settled mutant fails exactly there; an open one never fails a settled rule, and what
    // validation notes of it (if anything) sits at its pointer and names the same open point.
    std::set<std::string> want_settled =
        m.settled ? std::set<std::string>{m.pointer} : std::set<std::string>{};
    bool open_ok = open.empty() || open == std::set<std::string>{m.pointer};
    if (settled != want_settled || !open_ok) {
      RC_FAIL(target.label + ": " + mutation_kind_name(m.kind) +
              (m.settled ? "" : " (open " + m.open_point + ")") + " at " + m.pointer + " gave" +
              pointers_of(violations) + " for " + m.body.dump());
    }
    for (const auto& v : violations) {
      RC_ASSERT(!v.requirement.empty());
      if (!v.settled && !m.settled) RC_ASSERT(v.open_point == m.open_point);
    }
  }
}

/// Walks a value: no list or string is empty, and every RFC 3339 string lies after 2030.
void expect_acceptance_core(const json& value, const std::string& pointer,
                            const std::string& label) {
  if (value.is_array() && value.empty()) RC_FAIL(label + ": an empty list at " + pointer);
  if (value.is_string() && value.get<std::string>().empty())
    RC_FAIL(label + ": an empty string at " + pointer);
  if (value.is_string() && check_date_time(value.get<std::string>()).empty() &&
      value.get<std::string>() < "2030")
    RC_FAIL(label + ": a scheduling time in the past at " + pointer);
  if (value.is_object()) {
    for (const auto& [name, sub] : value.items())
      expect_acceptance_core(sub, pointer + "/" + name, label);
  }
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      expect_acceptance_core(value[i], pointer + "/" + std::to_string(i), label);
  }
}

RC_GTEST_PROP(SchemaGenerator, ValidCasesHaveNoEmptyListsOrStringsAndScheduleInTheFuture, ()) {
  const auto& target = *rc::gen::elementOf(request_schemas());
  json value = *gen_valid(*target.schema);
  expect_acceptance_core(value, "", target.label);
  std::string problem = acceptance_core_problem(*target.schema, value);
  if (!problem.empty()) RC_FAIL(target.label + ": " + problem);
}

/// Every string that looks like an address, in document order.
void collect_addresses(const json& value, std::vector<std::string>& out) {
  if (value.is_string() && value.get<std::string>().find('@') != std::string::npos)
    out.push_back(value);
  if (value.is_object()) {
    for (const auto& [name, sub] : value.items()) collect_addresses(sub, out);
  }
  if (value.is_array()) {
    for (const auto& sub : value) collect_addresses(sub, out);
  }
}

RC_GTEST_PROP(SchemaGenerator, NoTwoGeneratedAddressesInOneValueRepeat, ()) {
  const auto& target = *rc::gen::elementOf(request_schemas());
  std::vector<std::string> addresses;
  collect_addresses(*gen_valid(*target.schema), addresses);
  std::set<std::string> distinct(addresses.begin(), addresses.end());
  RC_ASSERT(distinct.size() == addresses.size());
}

RC_GTEST_PROP(SchemaGenerator, ProbesStayValidBecauseNoPageSettlesThem, ()) {
  const auto& target = *rc::gen::elementOf(request_schemas());
  json value = *gen_valid(*target.schema);
  for (const auto& probe : probes_of(*target.schema, value)) {
    auto violations = target.validator->validate(probe.body);
    if (!violations.empty())
      RC_FAIL(target.label + ": probe " + probe.name + " gave" + pointers_of(violations));
  }
}

TEST(SchemaGenerator, TheMutatorsTogetherCoverEveryKindOfConstraint) {
  std::set<std::string> seen;
  for (const auto& target : request_schemas()) {
    for (int seed = 0; seed < 20; ++seed) {
      json value = gen_valid(*target.schema)(rc::Random(seed), 50).value();
      for (const auto& m : mutants_of(*target.schema, value, target.policy))
        seen.insert(mutation_kind_name(m.kind));
    }
  }
  for (const char* kind :
       {"drop_required", "wrong_type", "null_value", "outside_enum", "malformed_email",
        "non_iso_date_time", "empty_array", "wrong_container", "off_kind_value", "enum_letter_case",
        "past_date_time", "empty_string"}) {
    EXPECT_TRUE(seen.contains(kind)) << kind;
  }
}

TEST(SchemaGenerator, WhippyMutantsIncludeTheDocumentedInvalidSenderEmail) {
  const RequestSchema* whippy = nullptr;
  for (const auto& t : request_schemas()) {
    if (t.label == "whippy-email") whippy = &t;
  }
  ASSERT_NE(whippy, nullptr);
  json value = {{"to", "a@example.com"}, {"from", "chan"}, {"sender_email", "me@example.com"}};
  bool found = false;
  for (const auto& m : mutants_of(*whippy->schema, value, whippy->policy)) {
    found =
        found || (m.pointer == "/sender_email" && m.body["sender_email"] == "invalid@something");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace conform
