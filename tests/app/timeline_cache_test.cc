// The merged timelines kept between requests: found by key and generation, stale ones dropped,
// least recently used out first when the entries or the items in all pass their bounds.
#include "app/timeline_cache.h"

#include <gtest/gtest.h>

namespace debrief::app {
namespace {

std::shared_ptr<const CachedTimeline> TimelineOf(size_t items, int64_t incident_id = 1) {
  auto cached = std::make_shared<CachedTimeline>();
  cached->incident_id = incident_id;
  cached->timeline.items.resize(items);
  return cached;
}

TEST(TimelineCache, HandsBackATimelineOnlyAtItsGeneration) {
  TimelineCache cache(4, 1000);
  EXPECT_EQ(cache.Find("1/alice", 7), nullptr);
  auto timeline = TimelineOf(10);
  cache.Put("1/alice", 7, timeline);
  EXPECT_EQ(cache.Find("1/alice", 7), timeline);
  EXPECT_EQ(cache.Find("1/bob", 7), nullptr);
  // The incident changed: the old timeline is never served again.
  EXPECT_EQ(cache.Find("1/alice", 8), nullptr);
  EXPECT_EQ(cache.Find("1/alice", 7), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(TimelineCache, DropsTheLeastRecentlyUsedPastItsBounds) {
  TimelineCache cache(2, 100);
  cache.Put("a", 1, TimelineOf(10));
  cache.Put("b", 1, TimelineOf(10));
  ASSERT_NE(cache.Find("a", 1), nullptr);  // "b" is now the least recently used.
  cache.Put("c", 1, TimelineOf(10));
  EXPECT_NE(cache.Find("a", 1), nullptr);
  EXPECT_EQ(cache.Find("b", 1), nullptr);
  EXPECT_NE(cache.Find("c", 1), nullptr);

  // Items in all: a large timeline pushes the others out.
  cache.Put("d", 1, TimelineOf(95));
  EXPECT_NE(cache.Find("d", 1), nullptr);
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  EXPECT_EQ(cache.Find("c", 1), nullptr);
  // One larger than the whole budget is not kept at all, and pushes nothing out.
  cache.Put("e", 1, TimelineOf(101));
  EXPECT_EQ(cache.Find("e", 1), nullptr);
  EXPECT_NE(cache.Find("d", 1), nullptr);
  // A newer generation of the same key replaces the older.
  auto newer = TimelineOf(5);
  cache.Put("d", 2, newer);
  EXPECT_EQ(cache.Find("d", 2), newer);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(TimelineCache, ATimelineHandedOutOutlivesItsEviction) {
  TimelineCache cache(1, 100);
  cache.Put("a", 1, TimelineOf(3));
  std::shared_ptr<const CachedTimeline> in_use = cache.Find("a", 1);
  cache.Put("b", 1, TimelineOf(3));
  EXPECT_EQ(cache.Find("a", 1), nullptr);
  ASSERT_NE(in_use, nullptr);
  EXPECT_EQ(in_use->timeline.items.size(), 3u);
}

TEST(TimelineCache, DropsAnIncidentsOlderViewsOnly) {
  TimelineCache cache(8, 1000);
  cache.Put("1/alice", 7, TimelineOf(3, 1));
  cache.Put("1/bob", 6, TimelineOf(3, 1));
  cache.Put("1/carol", 8, TimelineOf(3, 1));
  cache.Put("2/alice", 5, TimelineOf(3, 2));
  cache.DropOlder(1, 8);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(cache.Find("1/carol", 8), nullptr);
  EXPECT_NE(cache.Find("2/alice", 5), nullptr);
}

}  // namespace
}  // namespace debrief::app
