#include "http/response_cache.h"

#include <gtest/gtest.h>

namespace debrief::http {
namespace {

TEST(ResponseCache, HitsOnlyAtTheSameGeneration) {
  ResponseCache cache(10, 1024);
  cache.Put("timeline/1", 7, "body at 7");
  ASSERT_NE(cache.Find("timeline/1", 7), std::nullopt);
  EXPECT_EQ(*cache.Find("timeline/1", 7), "body at 7");
  EXPECT_EQ(cache.Find("timeline/1", 8), std::nullopt);
  // A stale entry is dropped once seen.
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.Find("timeline/2", 7), std::nullopt);
}

TEST(ResponseCache, EvictsTheLeastRecentlyUsed) {
  ResponseCache cache(2, 1024);
  cache.Put("a", 1, "A");
  cache.Put("b", 1, "B");
  ASSERT_NE(cache.Find("a", 1), std::nullopt);  // "b" is now the oldest.
  cache.Put("c", 1, "C");
  EXPECT_NE(cache.Find("a", 1), std::nullopt);
  EXPECT_EQ(cache.Find("b", 1), std::nullopt);
  EXPECT_NE(cache.Find("c", 1), std::nullopt);
}

TEST(ResponseCache, StaysWithinItsByteBudget) {
  ResponseCache cache(100, 400);
  for (int index = 0; index < 20; ++index) {
    cache.Put("key" + std::to_string(index), 1, std::string(90, 'x'));
  }
  EXPECT_LE(cache.bytes(), 400u);
  EXPECT_NE(cache.Find("key19", 1), std::nullopt);
  cache.Put("huge", 1, std::string(300, 'y'));  // Over a quarter of the budget: not kept.
  EXPECT_EQ(cache.Find("huge", 1), std::nullopt);
}

TEST(ResponseCache, ReplacingAKeyKeepsOneEntry) {
  ResponseCache cache(10, 1024);
  cache.Put("a", 1, "old");
  cache.Put("a", 2, "new");
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(*cache.Find("a", 2), "new");
}

}  // namespace
}  // namespace debrief::http
