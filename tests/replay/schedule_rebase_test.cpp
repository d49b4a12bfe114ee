// Time rebasing: the pages' examples schedule in 2023-2024, and a server may refuse to schedule
// in the past, so scheduling times move into the future before sending, keeping their format.
#include <gtest/gtest.h>

#include "cases/schedule_rebase.hpp"
#include "fixture/fixture_check.hpp"
#include "replay_support.hpp"

namespace conform {
namespace {

using std::chrono::system_clock;

system_clock::time_point december_2026() {
  return std::chrono::sys_days(std::chrono::year(2026) / 12 / 1);
}

TEST(ScheduleRebase, APastTimeMovesToTheFirstLaterYearKeepingTimeOfDayAndOffset) {
  EXPECT_EQ(rebased_time("2024-02-22T00:25:06+05:30", december_2026()),
            "2027-02-22T00:25:06+05:30");
  EXPECT_EQ(rebased_time("2023-02-27T19:30:12.250Z", december_2026()), "2027-02-27T19:30:12.250Z");
  EXPECT_EQ(rebased_time("2026-12-24T10:00:00-08:00", december_2026()),
            "2026-12-24T10:00:00-08:00");  // future
}

TEST(ScheduleRebase, TheTwentyNinthOfFebruaryBecomesTheTwentyEighthInACommonYear) {
  EXPECT_EQ(rebased_time("2024-02-29T08:00:00+00:00", december_2026()),
            "2027-02-28T08:00:00+00:00");
}

TEST(ScheduleRebase, TextThatIsNotATimeIsLeftAlone) {
  for (const char* text : {"22/02/2024 00:25", "", "2024-13-40T99:00:00Z", "soon"})
    EXPECT_EQ(rebased_time(text, december_2026()), text);
}

TEST(ScheduleRebase, OnlySchedulingFieldsMoveAndEachRewriteIsRecorded) {
  const ApiEntry& bigin = *test::catalog().find("bigin-mail");
  nlohmann::json body = {{"data",
                          {{{"scheduled_time", "2023-02-27T19:30:12+05:30"},
                            {"subject", "2023-02-27T19:30:12+05:30"}}}}};
  auto rewrites = rebase_schedule_times(bigin.validator(PayloadKind::request, "")->index(), body,
                                        december_2026());
  ASSERT_EQ(rewrites.size(), 1u);
  EXPECT_EQ(rewrites[0],
            "/data/0/scheduled_time: 2023-02-27T19:30:12+05:30 -> 2027-02-27T19:30:12+05:30");
  EXPECT_EQ(body["data"][0]["subject"], "2023-02-27T19:30:12+05:30");
}

TEST(ScheduleRebase, ReplaySendsTheDocumentedExampleInTheFutureAndValidateKeepsItsOwnValue) {
  auto cases = test::repository_cases({"bigin-mail"});
  const ReplayCase* documented = nullptr;
  for (const auto& c : cases) {
    if (c.name == "the-documented-request-is-accepted") documented = &c;
  }
  ASSERT_NE(documented, nullptr);
  ASSERT_EQ(documented->rewrites.size(), 1u);
  EXPECT_NE(documented->request.body.find("\"scheduled_time\":\"20"), std::string::npos);
  EXPECT_EQ(documented->request.body.find("2023-02-27"), std::string::npos)
      << documented->request.body;
  std::vector<Fixture> fixtures = load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures");
  for (const auto& f : fixtures) {
    if (f.api == "bigin-mail" && f.name == "the-documented-request-is-accepted") {
      EXPECT_EQ((*f.body)["data"][0]["scheduled_time"], "2023-02-27T19:30:12+05:30");
    }
  }
}

}  // namespace
}  // namespace conform
