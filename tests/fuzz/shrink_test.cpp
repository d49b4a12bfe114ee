/// Shrinking against a live faulty mock: a shrunk case keeps nothing it could lose. Every member
/// or item of a minimal mutant, other than those on the way to the mutated site, is needed:
/// removing it breaks the body in a second place. A minimal valid case that every server answer
/// fails loses no member or item and stays valid: the shrink tree alone got it there, with no
/// pass that drops members one at a time, and no body went out twice on the way. A shrunk probe
/// keeps its kind and its site.
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "core/json_pointer.hpp"
#include "engine/judge.hpp"
#include "http/http_transport.hpp"
#include "mock/mock_server.hpp"
#include "properties/fuzz_cases.hpp"
#include "properties/shrink.hpp"
#include "properties/value_generators.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// The real HTTP transport, keeping every body it sent.
class RecordingTransport : public Transport {
 public:
  explicit RecordingTransport(std::unique_ptr<Transport> inner) : inner_(std::move(inner)) {}
  Exchange send(const std::string& case_id, const HttpRequest& request) override {
    bodies.push_back(request.body);
    return inner_->send(case_id, request);
  }
  std::vector<std::string> bodies;

 private:
  std::unique_ptr<Transport> inner_;
};

/// The mock with one fault on loopback, the fuzz targets of the embedded contracts, and one
/// recording connection to the mock.
class FaultyMock {
 public:
  explicit FaultyMock(const std::string& fault) {
    MockOptions options;
    options.faults = {fault};
    int port = mock_.start(options);
    http_ = std::make_unique<HttpTransportFactory>(HttpSettings{Target{"127.0.0.1", port, ""}, 5});
    transport = std::make_unique<RecordingTransport>(http_->make());
  }

  /// Sends the case; its judged result when that is a FAIL.
  std::optional<CaseResult> failure_of(const FuzzCase& c) {
    CaseResult result =
        judge(*targets[c.target].api, c.replay, transport->send(c.replay.id, c.replay.request), {});
    if (result.outcome != Outcome::fail) return std::nullopt;
    return result;
  }

  /// Shrinks a failing case with a budget of 300 requests, recording only the shrink's bodies.
  ShrinkOutcome shrink(const FuzzCase& c, const CaseResult& first) {
    transport->bodies.clear();
    return shrink_failure(targets[c.target], c, first, *transport, {}, 300);
  }

 private:
  MockServer mock_;
  Catalog catalog_ = Catalog::load(embedded_schema_source());
  std::unique_ptr<HttpTransportFactory> http_;

 public:
  std::vector<FuzzTarget> targets = fuzz_targets(catalog_, {}, {});
  std::unique_ptr<RecordingTransport> transport;
};

bool on_the_way_to(const std::string& pointer, const std::string& site) {
  return site == pointer || site.rfind(pointer + "/", 0) == 0 || pointer.rfind(site + "/", 0) == 0;
}

/// True when dropping `pointer` would leave the acceptance core: its list would be empty, or
/// the member is one the core always sends (`x-accept: {include}`). The shrinker never does it.
bool core_needs(const FuzzTarget& target, const json& body, const std::string& pointer) {
  std::string parent = pointer.substr(0, pointer.rfind('/'));
  const json& holder = parent.empty() ? body : body.at(json::json_pointer(parent));
  if (holder.is_array() && holder.size() == 1) return true;
  auto rules = target.validator->index().find(pointer_pattern(pointer));
  return rules != target.validator->index().end() && rules->second.accept_only.contains("include");
}

TEST(Shrink, AShrunkMutantKeepsOnlyWhatItNeeds) {
  FaultyMock mock("accept-invalid");
  size_t shrunk = 0;
  for (size_t index = 0; index < 200 && shrunk < 12; ++index) {
    FuzzCase c = plan_fuzz_case(mock.targets, 1, 200, index);
    if (c.variant != FuzzVariant::mutant || c.replay.errors_at.empty()) continue;
    std::optional<CaseResult> first = mock.failure_of(c);
    if (!first) continue;
    const FuzzTarget& target = mock.targets[c.target];
    ShrinkOutcome outcome = mock.shrink(c, *first);
    ++shrunk;
    const json& body = outcome.minimal.body;
    const std::string& site = outcome.minimal.replay.errors_at.front();
    for (const auto& pointer : child_pointers(body)) {
      if (on_the_way_to(pointer, site) || core_needs(target, body, pointer)) continue;
      std::vector<Violation> violations = target.validator->validate(without_child(body, pointer));
      bool breaks_elsewhere =
          std::any_of(violations.begin(), violations.end(),
                      [&](const Violation& v) { return !on_the_way_to(v.pointer, site); });
      EXPECT_TRUE(breaks_elsewhere) << c.replay.id << ": " << pointer << " could go from "
                                    << body.dump() << " (site " << site << ")";
    }
  }
  EXPECT_GE(shrunk, 10u) << "too few failing mutants to judge the shrinker by";
}

TEST(Shrink, AShrunkValidCaseCannotLoseAnotherMemberOrItem) {
  FaultyMock mock("reject-valid");  // every valid request fails, so any smaller one would too
  size_t shrunk = 0, dropped_by_the_tree = 0;
  for (size_t index = 0; index < 400 && shrunk < 15; ++index) {
    FuzzCase c = plan_fuzz_case(mock.targets, 2, 400, index);
    if (c.variant != FuzzVariant::valid) continue;
    std::optional<CaseResult> first = mock.failure_of(c);
    if (!first) continue;
    const FuzzTarget& target = mock.targets[c.target];
    ShrinkOutcome outcome = mock.shrink(c, *first);
    ++shrunk;
    const std::vector<std::string>& sent = mock.transport->bodies;
    EXPECT_EQ(std::set<std::string>(sent.begin(), sent.end()).size(), sent.size())
        << c.replay.id << ": a shrink sent the same body twice";
    const json& body = outcome.minimal.body;
    dropped_by_the_tree += child_pointers(c.body).size() - child_pointers(body).size();
    for (const auto& pointer : child_pointers(body)) {
      json smaller = without_child(body, pointer);
      bool stays_in_the_core = target.validator->accepts(smaller) &&
                               acceptance_core_problem(*target.schema, smaller).empty();
      EXPECT_FALSE(stays_in_the_core) << c.replay.id << ": " << pointer << " could go from "
                                      << body.dump() << " (shrunk from " << c.body.dump() << ")";
    }
  }
  EXPECT_GE(shrunk, 10u) << "too few failing valid cases to judge the shrinker by";
  EXPECT_GT(dropped_by_the_tree, 0u) << "the generated values had nothing to lose";
}

TEST(Shrink, AShrunkProbeKeepsItsKindAndSiteAndLosesTheRest) {
  FaultyMock mock("server-error-on-long-text");  // a long string anywhere gets 500
  size_t shrunk = 0;
  for (size_t index = 0; index < 8000 && shrunk < 5; ++index) {
    FuzzCase c = plan_fuzz_case(mock.targets, 1, 8000, index);
    if (c.variant != FuzzVariant::probe || c.mutant_kind != "long_string") continue;
    std::optional<CaseResult> first = mock.failure_of(c);
    if (!first) continue;
    ShrinkOutcome outcome = mock.shrink(c, *first);
    ++shrunk;
    EXPECT_GT(outcome.steps, 0u) << c.replay.id << " was not shrunk: " << c.body.dump();
    EXPECT_EQ(outcome.minimal.mutant_kind, c.mutant_kind) << c.replay.id;
    EXPECT_EQ(outcome.minimal.site_pattern, c.site_pattern) << c.replay.id;
    EXPECT_LT(child_pointers(outcome.minimal.body).size(), child_pointers(c.body).size())
        << c.replay.id << ": " << outcome.minimal.body.dump();
  }
  EXPECT_GE(shrunk, 3u) << "too few failing long-string probes to judge the shrinker by";
}

}  // namespace
}  // namespace conform
