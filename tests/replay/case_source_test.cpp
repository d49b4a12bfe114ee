/// The engine on cases a source makes while the run goes on: results still come in case order,
/// an index without a case is left out, and a case the source fails to make ends as ERROR
/// without stopping the run.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "mock/mock_server.hpp"
#include "replay_support.hpp"

namespace conform {
namespace {

using namespace test;

/// Makes case i as a copy of fixture case i % n; index 3 throws, every multiple of 5 holds none.
class PatchySource : public CaseSource {
 public:
  explicit PatchySource(std::vector<ReplayCase> cases, size_t count)
      : cases_(std::move(cases)), count_(count) {}
  size_t size() const override { return count_; }
  const ReplayCase* at(size_t index, ReplayCase& scratch) const override {
    ++made_;
    if (index == 3) throw std::runtime_error("the generator gave up");
    if (index % 5 == 0) return nullptr;
    scratch = cases_[index % cases_.size()];
    scratch.id = "made/" + std::to_string(index);
    return &scratch;
  }
  mutable std::atomic<size_t> made_{0};

 private:
  std::vector<ReplayCase> cases_;
  size_t count_;
};

TEST(CaseSource, ResultsComeInCaseOrderWithoutTheEmptyIndicesAndAFailedCaseIsAnError) {
  MockServer mock;
  mock.start(MockOptions{});
  std::vector<ReplayCase> accepted;
  for (auto& c : repository_cases({"bigin-mail"})) {
    if (c.intent == Intent::accept && c.xfail.empty() && !c.observe_only)
      accepted.push_back(std::move(c));
  }
  ASSERT_FALSE(accepted.empty());
  PatchySource source(accepted, 40);
  HttpTransportFactory factory(HttpSettings{Target{"127.0.0.1", mock.port(), ""}, 10});
  CollectingSink sink;
  RunOptions options;
  options.jobs = 4;
  run_cases(
      catalog(), source, options, [&] { return factory.make(); }, {&sink}, RunInfo{});

  EXPECT_EQ(source.made_.load(), 40u) << "every index is asked for exactly once";
  std::vector<std::string> expected_ids;
  for (size_t i = 1; i < 40; ++i) {
    if (i % 5 != 0) expected_ids.push_back(i == 3 ? "case-3" : "made/" + std::to_string(i));
  }
  std::vector<std::string> ids;
  for (const auto& r : sink.results) ids.push_back(r.id);
  EXPECT_EQ(ids, expected_ids);
  for (const auto& r : sink.results) {
    if (r.id == "case-3") {
      EXPECT_EQ(r.outcome, Outcome::error);
      EXPECT_NE(r.note.find("the generator gave up"), std::string::npos) << r.note;
    } else {
      EXPECT_EQ(r.outcome, Outcome::pass) << r.id << ": " << r.note;
    }
  }
  EXPECT_EQ(sink.summary.total(), expected_ids.size());
}

TEST(CaseSource, ACaseNamingAnUnknownApiIsAnErrorNotACrash) {
  MockServer mock;
  mock.start(MockOptions{});
  std::vector<ReplayCase> cases = repository_cases({"bigin-mail"});
  ASSERT_FALSE(cases.empty());
  cases.front().api = "no-such-api";
  cases.resize(1);
  HttpTransportFactory factory(HttpSettings{Target{"127.0.0.1", mock.port(), ""}, 10});
  CollectingSink sink;
  run_cases(
      catalog(), ListedCases(cases, 1), RunOptions{}, [&] { return factory.make(); }, {&sink},
      RunInfo{});
  ASSERT_EQ(sink.results.size(), 1u);
  EXPECT_EQ(sink.results.front().outcome, Outcome::error);
  EXPECT_NE(sink.results.front().note.find("unknown API no-such-api"), std::string::npos);
}

}  // namespace
}  // namespace conform
