/// Shrinking against a live faulty mock: a shrunk mutant keeps nothing it could lose. Every
/// member or item of the minimal body, other than those on the way to the mutated site, is
/// needed: removing it breaks the body in a second place.
#include <gtest/gtest.h>

#include "core/json_pointer.hpp"
#include "engine/judge.hpp"
#include "http/http_transport.hpp"
#include "mock/mock_server.hpp"
#include "properties/fuzz_cases.hpp"
#include "properties/shrink.hpp"

namespace conform {
namespace {

using nlohmann::json;

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
  MockServer mock;
  MockOptions options;
  options.faults = {"accept-invalid"};
  int port = mock.start(options);
  Catalog catalog = Catalog::load(embedded_schema_source());
  std::vector<FuzzTarget> targets = fuzz_targets(catalog, {}, {});
  HttpTransportFactory http(HttpSettings{Target{"127.0.0.1", port, ""}, 5});
  auto transport = http.make();
  size_t shrunk = 0;
  for (size_t index = 0; index < 200 && shrunk < 12; ++index) {
    FuzzCase c = plan_fuzz_case(targets, 1, 200, index);
    if (c.variant != FuzzVariant::mutant || c.replay.errors_at.empty()) continue;
    CaseResult first =
        judge(*targets[c.target].api, c.replay, transport->send(c.replay.id, c.replay.request), {});
    if (first.outcome != Outcome::fail) continue;
    ShrinkOutcome outcome = shrink_failure(targets[c.target], c, first, *transport, {}, 300);
    ++shrunk;
    const json& body = outcome.minimal.body;
    const std::string& site = outcome.minimal.replay.errors_at.front();
    for (const auto& pointer : child_pointers(body)) {
      if (on_the_way_to(pointer, site) || core_needs(targets[c.target], body, pointer)) continue;
      std::vector<Violation> violations =
          targets[c.target].validator->validate(without_child(body, pointer));
      bool breaks_elsewhere =
          std::any_of(violations.begin(), violations.end(),
                      [&](const Violation& v) { return !on_the_way_to(v.pointer, site); });
      EXPECT_TRUE(breaks_elsewhere) << c.replay.id << ": " << pointer << " could go from "
                                    << body.dump() << " (site " << site << ")";
    }
  }
  EXPECT_GE(shrunk, 10u) << "too few failing mutants to judge the shrinker by";
}

}  // namespace
}  // namespace conform
