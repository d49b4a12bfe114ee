/// `conform mock --list-faults` claims no more than the contracts settle: every requirement it
/// says a fault breaks exists for that API and is not an open point there, and replay agrees
/// with each claim (FAIL where it breaks one, a passing run where it is only OBSERVED).
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "mock/faults.hpp"
#include "mock_test_support.hpp"
#include "support/cli_run.hpp"

namespace conform {
namespace {

using namespace mock_test;

/// One `    at API: ...` line of the listing, with the fault it sits under.
struct ListedVerdict {
  std::string fault, api, text;
};

std::vector<ListedVerdict> listed_verdicts(const std::string& listing) {
  std::vector<ListedVerdict> out;
  std::string fault;
  std::regex at_line(R"(^    at ([a-z-]+): (.*)$)");
  std::istringstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!line.empty() && line[0] != ' ') fault = line;
    if (std::regex_match(line, m, at_line)) out.push_back({fault, m[1], m[2]});
  }
  return out;
}

const FaultSpec& spec_named(const std::string& name) {
  const FaultSpec* spec = find_fault(name);
  EXPECT_NE(spec, nullptr) << name;
  return *spec;
}

TEST(MockFaultListing, every_claimed_requirement_exists_and_is_settled_for_its_api) {
  test::CliRun run = test::conform_cli("mock --list-faults");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::vector<ListedVerdict> verdicts = listed_verdicts(run.output);
  ASSERT_GT(verdicts.size(), 30u) << run.output;
  std::regex breaks(R"(^breaks ([A-Za-z0-9_.-]+)( \(.*\))?$)");
  std::regex observed(
      R"(^never FAIL: (permitted by open point ([a-z-]+)|the page documents no response, so it is only observed)$)");
  for (const auto& v : verdicts) {
    SCOPED_TRACE(v.fault + " at " + v.api + ": " + v.text);
    const Contract& contract = shared_catalog()->find(v.api)->contract;
    const FaultSpec& spec = spec_named(v.fault);
    std::smatch m;
    if (std::regex_match(v.text, m, breaks)) {
      const Requirement* requirement = contract.find_requirement(m[1]);
      ASSERT_NE(requirement, nullptr);
      EXPECT_TRUE(!*spec.open_point || !contract.find_open_point(spec.open_point))
          << "an open point there";
      EXPECT_EQ(v.text.find("inferred") != std::string::npos, !requirement->inferred.empty());
    } else {
      ASSERT_TRUE(std::regex_match(v.text, m, observed));
      if (m[2].matched) {
        EXPECT_NE(contract.find_open_point(m[2]), nullptr);
      }
    }
  }
}

TEST(MockFaultListing, success_202_is_only_observed_where_the_success_status_is_open) {
  test::CliRun run = test::conform_cli("mock --list-faults");
  ASSERT_EQ(run.exit_code, 0);
  std::set<std::string> breaks, observed;
  for (const auto& v : listed_verdicts(run.output)) {
    if (v.fault != "success-202") continue;
    (v.text.rfind("breaks ", 0) == 0 ? breaks : observed).insert(v.api);
  }
  EXPECT_EQ(breaks, std::set<std::string>{"capillary-message"});
  EXPECT_EQ(observed, (std::set<std::string>{"bigin-mail", "capillary-email", "genesys-email",
                                             "whippy-email"}));
  EXPECT_NE(
      run.output.find("    at bigin-mail: never FAIL: permitted by open point success-status\n"),
      std::string::npos);
  EXPECT_NE(run.output.find("    at capillary-message: breaks capillary-message.response "
                            "(001_fc6b3512c4fe537a.txt:150, inferred)\n"),
            std::string::npos)
      << run.output;
}

TEST(MockFaultListing, descriptions_say_what_the_mock_does_not_what_a_page_documents) {
  for (const auto& spec : fault_table()) {
    std::string text = spec.description;
    EXPECT_EQ(text.find("documented"), std::string::npos) << spec.name << ": " << text;
    EXPECT_EQ(text.find("(bigin"), std::string::npos) << spec.name << ": " << text;
  }
}

/// Replay of one API against the in-process mock with one fault on: the exit code.
int replay_exit(const std::string& fault, const std::string& api) {
  MockServer mock(shared_catalog());
  MockOptions options;
  options.faults = {fault};
  options.threads = 8;
  mock.start(options);
  test::CliRun run =
      test::conform_cli("replay --jobs 4 --fixtures " + std::string(CONFORM_SOURCE_DIR) +
                        "/fixtures --api " + api + " --target " + mock.url());
  return run.exit_code;
}

/// The APIs with a fixture whose body is not JSON: only there can replay reach the
/// server-error-on-malformed-json fault (fuzz sends JSON only).
std::set<std::string> apis_with_a_malformed_fixture() {
  std::set<std::string> apis;
  for (const auto& f : load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures")) {
    if (f.expect == Expectation::malformed) apis.insert(f.api);
  }
  return apis;
}

TEST(MockFaultListing, replay_fails_exactly_where_the_listing_says_a_fault_breaks_a_requirement) {
  const std::set<std::string> malformed_reachable = apis_with_a_malformed_fixture();
  ASSERT_FALSE(malformed_reachable.empty());
  size_t compared = 0;
  for (const auto& spec : fault_table()) {
    for (const auto& verdict : fault_verdicts(spec, *shared_catalog())) {
      if (verdict.requirement.empty() && verdict.permitted.empty()) continue;
      if (spec.fault == Fault::server_error_on_malformed_json &&
          !malformed_reachable.contains(verdict.api))
        continue;
      ++compared;
      SCOPED_TRACE(std::string(spec.name) + " at " + verdict.api);
      EXPECT_EQ(replay_exit(spec.name, verdict.api), verdict.permitted.empty() ? 1 : 0);
    }
  }
  EXPECT_GT(compared, 35u);
}

}  // namespace
}  // namespace conform
