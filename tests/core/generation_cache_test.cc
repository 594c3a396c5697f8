// The generation-keyed cache both caches of views are made of: a value is served only at the
// generation it was built at, the budget holds by entries and by cost, least recently used out
// first.
#include "core/generation_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace debrief::core {
namespace {

TEST(GenerationCacheTest, AValueIsServedOnlyAtItsGeneration) {
  GenerationCache<std::string> cache(10, 100, 100);
  cache.Put("timeline/7", 3, "built at 3", 1);
  ASSERT_NE(cache.Find("timeline/7", 3), nullptr);
  EXPECT_EQ(*cache.Find("timeline/7", 3), "built at 3");
  // A later generation misses, and the stale value goes.
  EXPECT_EQ(cache.Find("timeline/7", 4), nullptr);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.Find("timeline/7", 3), nullptr);
}

TEST(GenerationCacheTest, TheLeastRecentlyUsedGoesFirstWhenEitherBudgetIsFull) {
  GenerationCache<std::string> by_entries(2, 100, 100);
  by_entries.Put("a", 1, "a", 1);
  by_entries.Put("b", 1, "b", 1);
  ASSERT_NE(by_entries.Find("a", 1), nullptr);  // "a" is now the most recently used.
  by_entries.Put("c", 1, "c", 1);
  EXPECT_NE(by_entries.Find("a", 1), nullptr);
  EXPECT_EQ(by_entries.Find("b", 1), nullptr);
  EXPECT_NE(by_entries.Find("c", 1), nullptr);

  GenerationCache<std::string> by_cost(10, 10, 10);
  by_cost.Put("a", 1, "a", 6);
  by_cost.Put("b", 1, "b", 6);
  EXPECT_EQ(by_cost.Find("a", 1), nullptr);
  EXPECT_NE(by_cost.Find("b", 1), nullptr);
  EXPECT_EQ(by_cost.cost(), 6u);
}

TEST(GenerationCacheTest, ReplacingAKeyAndValuesTooCostlyToKeep) {
  GenerationCache<std::string> cache(10, 100, 20);
  cache.Put("k", 1, "first", 5);
  cache.Put("k", 2, "second", 7);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.cost(), 7u);
  EXPECT_EQ(*cache.Find("k", 2), "second");
  EXPECT_FALSE(cache.Keeps(21));
  cache.Put("k", 3, "too large", 21);
  EXPECT_EQ(cache.Find("k", 2), nullptr) << "replaced, even by nothing";
  EXPECT_EQ(cache.cost(), 0u);
  GenerationCache<std::string> none(0, 100, 100);
  none.Put("k", 1, "v", 1);
  EXPECT_EQ(none.size(), 0u);
}

TEST(GenerationCacheTest, EraseIfDropsWhatThePredicateNames) {
  GenerationCache<int> cache(10, 100, 100);
  cache.Put("incident-1/alice", 5, 1, 1);
  cache.Put("incident-1/bob", 6, 1, 1);
  cache.Put("incident-2/alice", 2, 2, 1);
  cache.EraseIf([](int64_t generation, int incident) { return incident == 1 && generation < 6; });
  EXPECT_EQ(cache.Find("incident-1/alice", 5), nullptr);
  EXPECT_NE(cache.Find("incident-1/bob", 6), nullptr);
  EXPECT_NE(cache.Find("incident-2/alice", 2), nullptr);
  EXPECT_EQ(cache.cost(), 2u);
}

}  // namespace
}  // namespace debrief::core
