// Self-consistency of the schema-driven generators, in process: generated valid cases validate,
// and every mutant fails exactly where it says it does.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "mutators.hpp"
#include "schema_gen.hpp"
#include "validate/catalog.hpp"

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
        out.push_back({api.contract.id + (channel.empty() ? "" : "/" + channel), &api.schemas.at(files.request),
                       api.validator(PayloadKind::request, channel), api.contract.email_policy});
      }
    }
    return out;
  }();
  return all;
}

std::string pointers_of(const std::vector<Violation>& violations) {
  std::string out;
  for (const auto& v : violations) out += " " + (v.pointer.empty() ? "\"\"" : v.pointer) + " (" + v.message + ")";
  return out;
}

RC_GTEST_PROP(SchemaGenerator, EveryGeneratedValidCaseValidatesAgainstItsSchema, ()) {
  const auto& target = *rc::gen::elementOf(request_schemas());
  json value = *gen_valid(*target.schema, target.policy);
  auto violations = target.validator->validate(value);
  if (!violations.empty()) RC_FAIL(target.label + ":" + pointers_of(violations) + " for " + value.dump());
  RC_TAG(target.label);
}

RC_GTEST_PROP(SchemaGenerator, EveryMutantFailsExactlyAtThePointerItClaims, ()) {
  const auto& target = *rc::gen::elementOf(request_schemas());
  json value = *gen_valid(*target.schema, target.policy);
  auto mutants = mutants_of(*target.schema, value, target.policy);
  RC_CLASSIFY(mutants.empty(), "nothing to mutate (no required field, an empty body)");
  for (const auto& m : mutants) {
    auto violations = target.validator->validate(m.body);
    std::set<std::string> pointers;
    for (const auto& v : violations) pointers.insert(v.pointer);
    if (pointers != std::set<std::string>{m.pointer}) {
      RC_FAIL(target.label + ": " + mutation_kind_name(m.kind) + " at " + m.pointer + " gave" +
              pointers_of(violations) + " for " + m.body.dump());
    }
    for (const auto& v : violations) RC_ASSERT(!v.requirement.empty());
  }
}

RC_GTEST_PROP(SchemaGenerator, ProbesStayValidBecauseNoPageSettlesThem, ()) {
  const auto& target = *rc::gen::elementOf(request_schemas());
  json value = *gen_valid(*target.schema, target.policy);
  for (const auto& probe : probes_of(*target.schema, value)) {
    auto violations = target.validator->validate(probe.body);
    if (!violations.empty()) RC_FAIL(target.label + ": probe " + probe.name + " gave" + pointers_of(violations));
  }
}

TEST(SchemaGenerator, TheMutatorsTogetherCoverEveryKindOfConstraint) {
  std::set<std::string> seen;
  for (const auto& target : request_schemas()) {
    for (int seed = 0; seed < 20; ++seed) {
      json value = gen_valid(*target.schema, target.policy)(rc::Random(seed), 50).value();
      for (const auto& m : mutants_of(*target.schema, value, target.policy)) seen.insert(mutation_kind_name(m.kind));
    }
  }
  for (const char* kind : {"drop_required", "wrong_type", "null_value", "outside_enum", "malformed_email",
                           "non_iso_date_time", "empty_array", "wrong_container"}) {
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
    found = found || (m.pointer == "/sender_email" && m.body["sender_email"] == "invalid@something");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace conform
