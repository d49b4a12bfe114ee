// Data-driven: every fixture under fixtures/ gets the verdict it records. Adding a fixture
// adds a test case here with no C++ change.
#include <gtest/gtest.h>

#include <set>

#include "fixture/fixture_check.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace conform {

/// Names a fixture by its path in test output.
void PrintTo(const Fixture& fixture, std::ostream* out) {
  *out << fixture.path.string();
}

namespace {

const Catalog& catalog() {
  static const Catalog loaded = Catalog::load(embedded_schema_source());
  return loaded;
}

std::vector<Fixture> all_fixtures() {
  return load_fixture_tree(test::source_dir() / "fixtures");
}

std::string test_name(const ::testing::TestParamInfo<Fixture>& info) {
  std::string name = info.param.api + "_" + info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class FixtureVerdictTest : public ::testing::TestWithParam<Fixture> {};

TEST_P(FixtureVerdictTest, GetsTheVerdictItRecords) {
  FixtureVerdict verdict = check_fixture(catalog(), GetParam());
  EXPECT_TRUE(verdict.agrees) << GetParam().path << ": " << verdict.problem;
}

TEST_P(FixtureVerdictTest, EveryViolationNamesARequirementOfItsContract) {
  FixtureVerdict verdict = check_fixture(catalog(), GetParam());
  const ApiEntry* api = catalog().find(GetParam().api);
  ASSERT_NE(api, nullptr);
  for (const auto& v : verdict.violations) {
    EXPECT_NE(api->contract.find_requirement(v.requirement), nullptr)
        << GetParam().path << ": " << v.pointer << " names unknown requirement '" << v.requirement
        << "'";
  }
}

TEST_P(FixtureVerdictTest, NamesOnlyRequirementsOfItsContract) {
  const ApiEntry* api = catalog().find(GetParam().api);
  ASSERT_NE(api, nullptr);
  for (const auto& id : GetParam().requirements) {
    EXPECT_NE(api->contract.find_requirement(id), nullptr) << GetParam().path << ": " << id;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureVerdictTest, ::testing::ValuesIn(all_fixtures()),
                         test_name);

TEST(FixtureCoverage, EveryRequirementHasAFixtureThatExercisesIt) {
  std::map<std::string, std::set<std::string>> named;
  for (const auto& f : all_fixtures())
    named[f.api].insert(f.requirements.begin(), f.requirements.end());
  for (const auto& api : catalog().apis()) {
    for (const auto& r : api.contract.requirements) {
      EXPECT_TRUE(named[api.contract.id].contains(r.id)) << r.id << " has no fixture";
    }
  }
}

TEST(FixtureCoverage, EveryApiHasAtLeastThreeNegativeFixtures) {
  std::map<std::string, int> negatives;
  for (const auto& f : all_fixtures()) negatives[f.api] += f.expect == Expectation::invalid ? 1 : 0;
  for (const auto& api : catalog().apis())
    EXPECT_GE(negatives[api.contract.id], 3) << api.contract.id;
}

TEST(FixtureCoverage, TheMalformedSmsExampleIsKeptWithItsCorrection) {
  int malformed = 0, corrected = 0;
  for (const auto& f : all_fixtures()) {
    if (f.api != "capillary-message" || f.source.empty()) continue;
    if (f.expect == Expectation::malformed) ++malformed;
    if (f.expect == Expectation::valid && f.channel == "sms" && f.kind == PayloadKind::request)
      ++corrected;
  }
  EXPECT_EQ(malformed, 1);
  EXPECT_GE(corrected, 1);
}

}  // namespace
}  // namespace conform
