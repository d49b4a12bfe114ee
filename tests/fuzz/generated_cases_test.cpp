/// Fuzz cases made on demand by the engine's workers: the same cases plan_fuzz_cases plans,
/// whatever the thread and order, and shards that split them without overlap or loss.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <thread>

#include "engine/shard.hpp"
#include "properties/fuzz_cases.hpp"
#include "properties/generated_cases.hpp"

namespace conform {
namespace {

const Catalog& loaded_catalog() {
  static const Catalog catalog = Catalog::load(embedded_schema_source());
  return catalog;
}

TEST(GeneratedCases, FourThreadsInShuffledOrderMakeExactlyThePlannedCases) {
  auto targets = fuzz_targets(loaded_catalog(), {}, {});
  constexpr size_t kCount = 240;
  std::vector<FuzzCase> planned = plan_fuzz_cases(targets, 9, kCount);
  GeneratedCases source(targets, 9, kCount, std::nullopt, false);
  ASSERT_EQ(source.size(), kCount);
  std::vector<size_t> order(kCount);
  for (size_t i = 0; i < kCount; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(5));
  std::vector<ReplayCase> made(kCount);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t k = t; k < kCount; k += 4) {
        ReplayCase scratch;
        made[order[k]] = *source.at(order[k], scratch);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (size_t i = 0; i < kCount; ++i) {
    EXPECT_EQ(made[i].id, planned[i].replay.id);
    EXPECT_EQ(made[i].request.body, planned[i].replay.request.body) << made[i].id;
    EXPECT_EQ(made[i].request.path, planned[i].replay.request.path) << made[i].id;
  }
}

TEST(GeneratedCases, ThreeShardsSplitTheCasesWithoutOverlapOrLoss) {
  auto targets = fuzz_targets(loaded_catalog(), {}, {});
  constexpr size_t kCount = 150;
  const size_t all =
      GeneratedCases(targets, 4, kCount, std::nullopt).size();  // coverage phase + 150
  ASSERT_GT(all, kCount);
  std::vector<size_t> owners(all, 0);
  for (unsigned k = 1; k <= 3; ++k) {
    GeneratedCases shard(targets, 4, kCount, Shard{k, 3});
    for (size_t i = 0; i < all; ++i) {
      ReplayCase scratch;
      const ReplayCase* c = shard.at(i, scratch);
      if (!c) continue;
      ++owners[i];
      EXPECT_TRUE(in_shard(c->id, Shard{k, 3}));
    }
  }
  EXPECT_TRUE(std::all_of(owners.begin(), owners.end(), [](size_t n) { return n == 1; }));
}

TEST(GeneratedCases, TheCoveragePhaseComesFirstWithUniqueStableIdsAndNoIndexForShrinking) {
  auto targets = fuzz_targets(loaded_catalog(), {}, {});
  GeneratedCases first(targets, 2, 10, std::nullopt), again(targets, 2, 10, std::nullopt);
  ASSERT_EQ(first.size(), first.coverage_size() + 10);
  std::set<std::string> ids;
  for (size_t i = 0; i < first.coverage_size(); ++i) {
    ReplayCase a, b;
    ASSERT_NE(first.at(i, a), nullptr);
    ASSERT_NE(again.at(i, b), nullptr);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.request.body, b.request.body);
    EXPECT_NE(a.id.find("/coverage-" + std::to_string(i) + "-"), std::string::npos) << a.id;
    EXPECT_EQ(fuzz_case_index(a.id), std::nullopt);
    ids.insert(a.id);
  }
  EXPECT_EQ(ids.size(), first.coverage_size());
  ReplayCase random;
  ASSERT_NE(first.at(first.coverage_size(), random), nullptr);
  EXPECT_EQ(fuzz_case_index(random.id), 0u);
}

TEST(GeneratedCases, TheIndexInAGeneratedIdIsReadBackAndOtherIdsHaveNone) {
  auto targets = fuzz_targets(loaded_catalog(), {}, {});
  std::vector<FuzzCase> planned = plan_fuzz_cases(targets, 1, 30);
  for (size_t i = 0; i < planned.size(); ++i) EXPECT_EQ(fuzz_case_index(planned[i].replay.id), i);
  EXPECT_EQ(fuzz_case_index("bigin-mail/the-documented-request-is-accepted"), std::nullopt);
  EXPECT_EQ(fuzz_case_index("whippy/fuzz-abc-valid"), std::nullopt);
  EXPECT_EQ(fuzz_case_index("whippy/fuzz-12"), std::nullopt);
  EXPECT_EQ(fuzz_case_index("whippy/fuzz-99999999999999999999999-valid"), std::nullopt);
}

TEST(GeneratedCases, TheVariantInAGeneratedIdIsReadBackAndOtherIdsHaveNone) {
  auto targets = fuzz_targets(loaded_catalog(), {}, {});
  std::set<FuzzVariant> seen;
  for (const FuzzCase& c : plan_fuzz_cases(targets, 1, 60)) {
    EXPECT_EQ(fuzz_case_variant(c.replay.id), c.variant) << c.replay.id;
    seen.insert(c.variant);
  }
  EXPECT_GE(seen.size(), 3u) << "the plan should hold valid, mutant and probe cases";
  EXPECT_EQ(fuzz_case_variant("whippy/fuzz-3-mutant-required"), FuzzVariant::mutant);
  EXPECT_EQ(fuzz_case_variant("whippy/fuzz-3-validity"), std::nullopt);
  EXPECT_EQ(fuzz_case_variant("whippy/coverage-3-mutant"), std::nullopt);
  EXPECT_EQ(fuzz_case_variant("bigin-mail/the-documented-request-is-accepted"), std::nullopt);
}

}  // namespace
}  // namespace conform
