#include "core/timeline_merge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::core {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;

Timestamp At(const char* hh_mm) {
  return *ParseRfc3339(std::string("2026-03-14T") + hh_mm + ":00Z");
}

TimelineEvent MakeEvent(int64_t id, const char* at, EventKind kind = EventKind::kAlert,
                        std::vector<std::string> visible_to = {}) {
  TimelineEvent event;
  event.id = id;
  event.at = At(at);
  event.kind = kind;
  event.text = "event " + std::to_string(id);
  event.visible_to = std::move(visible_to);
  return event;
}

EntryInput MakeEntry(int64_t id, int64_t participant, const char* at,
                     std::optional<int64_t> uncertainty = std::nullopt) {
  EntryInput input;
  input.participant_id = participant;
  input.account_id = participant * 10;
  input.entry.id = id;
  input.entry.at = At(at);
  input.entry.uncertainty_minutes = uncertainty;
  input.entry.did = "something";
  return input;
}

std::vector<std::string> Refs(const MergedTimeline& timeline) {
  std::vector<std::string> refs;
  for (const TimelineItem& item : timeline.items) refs.push_back(item.ref);
  return refs;
}

class TimelineMergeTest : public ::testing::Test {
 protected:
  Incident incident_;
  std::vector<EntryInput> entries_;
  std::vector<TimelineEvent> events_;
  TimelineOptions options_;
  MergedTimeline Merge() { return MergeTimeline(incident_, entries_, events_, options_); }
};

TEST_F(TimelineMergeTest, OrdersEntriesAndEventsByTimeWithEventsFirstOnTies) {
  events_ = {MakeEvent(1, "10:05"), MakeEvent(2, "10:00")};
  entries_ = {MakeEntry(7, 1, "10:05"), MakeEntry(8, 2, "09:58")};
  EXPECT_THAT(Refs(Merge()), ElementsAre("entry:8", "event:2", "event:1", "entry:7"));
}

// Events already in time order (as imports usually are) take another path than unordered ones;
// the order must be the same: by time, events first on a tie, each kind as given beyond that.
TEST_F(TimelineMergeTest, OrderedEventsAndTiesOfEachKindKeepTheirOrder) {
  events_ = {MakeEvent(1, "10:00"), MakeEvent(2, "10:00"), MakeEvent(3, "10:02"),
             MakeEvent(4, "10:04")};
  entries_ = {MakeEntry(9, 1, "10:04"), MakeEntry(7, 1, "10:00"), MakeEntry(8, 2, "10:00"),
              MakeEntry(6, 2, "09:59")};
  EXPECT_THAT(Refs(Merge()), ElementsAre("entry:6", "event:1", "event:2", "entry:7", "entry:8",
                                         "event:3", "event:4", "entry:9"));
  events_ = {MakeEvent(4, "10:04"), MakeEvent(1, "10:00"), MakeEvent(3, "10:02"),
             MakeEvent(2, "10:00")};
  EXPECT_THAT(Refs(Merge()), ElementsAre("entry:6", "event:1", "event:2", "entry:7", "entry:8",
                                         "event:3", "event:4", "entry:9"));
}

TEST_F(TimelineMergeTest, PutsItemsInLanesByPersonAndSource) {
  events_ = {MakeEvent(1, "10:00", EventKind::kAlert), MakeEvent(2, "10:30", EventKind::kChange),
             MakeEvent(3, "11:00", EventKind::kCommunication),
             MakeEvent(4, "11:30", EventKind::kObservation)};
  entries_ = {MakeEntry(7, 3, "12:00")};
  MergedTimeline timeline = Merge();
  std::vector<std::string> lanes;
  for (const TimelineItem& item : timeline.items) lanes.push_back(item.lane);
  EXPECT_THAT(lanes, ElementsAre("alerts", "changes", "chat", "events", "participant:3"));
}

TEST_F(TimelineMergeTest, GroupsItemsAboutTheSameMoment) {
  events_ = {MakeEvent(1, "10:00"), MakeEvent(2, "10:20")};
  entries_ = {MakeEntry(7, 1, "10:00"), MakeEntry(8, 2, "10:01"), MakeEntry(9, 2, "10:03")};
  MergedTimeline timeline = Merge();
  ASSERT_EQ(timeline.groups.size(), 3u);
  EXPECT_THAT(timeline.groups[0].refs, ElementsAre("event:1", "entry:7", "entry:8"));
  EXPECT_THAT(timeline.groups[1].refs, ElementsAre("entry:9"));
  EXPECT_EQ(timeline.items[4].group, 2u);
}

TEST_F(TimelineMergeTest, SameAsLinksGroupItemsEvenWhenFarApart) {
  entries_ = {MakeEntry(7, 1, "10:00"), MakeEntry(8, 2, "10:20")};
  entries_[1].entry.same_as = {"entry:7"};
  MergedTimeline timeline = Merge();
  ASSERT_EQ(timeline.groups.size(), 1u);
  EXPECT_EQ(timeline.groups[0].start, At("10:00"));
  EXPECT_EQ(timeline.groups[0].end, At("10:20"));
}

TEST_F(TimelineMergeTest, FlagsLinkedAccountsThatDisagreeBeyondUncertainty) {
  entries_ = {MakeEntry(7, 1, "10:00", 2), MakeEntry(8, 2, "10:08")};
  entries_[1].entry.same_as = {"entry:7"};
  MergedTimeline timeline = Merge();
  ASSERT_EQ(timeline.discrepancies.size(), 1u);
  const Discrepancy& discrepancy = timeline.discrepancies[0];
  EXPECT_EQ(discrepancy.kind, DiscrepancyKind::kTimesDisagree);
  EXPECT_EQ(discrepancy.difference, 8min);
  EXPECT_EQ(discrepancy.allowed, 3min);  // 2 min stated + 1 min tolerance.
  EXPECT_THAT(discrepancy.explanation, ::testing::HasSubstr("8 min apart"));
}

TEST_F(TimelineMergeTest, AcceptsLinkedItemsWithinTheirUncertainty) {
  entries_ = {MakeEntry(7, 1, "10:00", 5), MakeEntry(8, 2, "10:06")};
  entries_[1].entry.same_as = {"entry:7"};
  EXPECT_TRUE(Merge().discrepancies.empty());
}

TEST_F(TimelineMergeTest, ReportsAMutualLinkOnce) {
  entries_ = {MakeEntry(7, 1, "10:00"), MakeEntry(8, 2, "10:30")};
  entries_[0].entry.same_as = {"entry:8"};
  entries_[1].entry.same_as = {"entry:7"};
  EXPECT_EQ(Merge().discrepancies.size(), 1u);
}

TEST_F(TimelineMergeTest, FlagsAnEntryLinkedToAnEventAtAnotherTime) {
  events_ = {MakeEvent(1, "10:15")};
  entries_ = {MakeEntry(7, 1, "10:00")};
  entries_[0].entry.same_as = {"event:1"};
  MergedTimeline timeline = Merge();
  ASSERT_EQ(timeline.discrepancies.size(), 1u);
  EXPECT_EQ(timeline.discrepancies[0].second_ref, "event:1");
}

TEST_F(TimelineMergeTest, FlagsSeeingAnEventBeforeItHappened) {
  events_ = {MakeEvent(1, "10:10")};
  entries_ = {MakeEntry(7, 1, "10:02", 2)};
  entries_[0].entry.seen_event_ids = {1};
  MergedTimeline timeline = Merge();
  ASSERT_EQ(timeline.discrepancies.size(), 1u);
  EXPECT_EQ(timeline.discrepancies[0].kind, DiscrepancyKind::kSeenBeforeItHappened);
  EXPECT_EQ(timeline.discrepancies[0].difference, 8min);
}

TEST_F(TimelineMergeTest, SeeingAnEventAfterItHappenedIsFine) {
  events_ = {MakeEvent(1, "10:00")};
  entries_ = {MakeEntry(7, 1, "10:05")};
  entries_[0].entry.seen_event_ids = {1};
  EXPECT_TRUE(Merge().discrepancies.empty());
}

TEST_F(TimelineMergeTest, IgnoresLinksToItemsTheReaderCannotSee) {
  entries_ = {MakeEntry(7, 1, "10:00")};
  entries_[0].entry.same_as = {"entry:99"};
  entries_[0].entry.seen_event_ids = {42};
  EXPECT_TRUE(Merge().discrepancies.empty());
}

TEST_F(TimelineMergeTest, FindsGapsInsideTheIncidentWindow) {
  incident_.started_at = At("10:00");
  incident_.resolved_at = At("12:00");
  events_ = {MakeEvent(1, "10:05"), MakeEvent(2, "10:40"), MakeEvent(3, "11:55")};
  MergedTimeline timeline = Merge();
  ASSERT_EQ(timeline.gaps.size(), 2u);
  EXPECT_EQ(timeline.gaps[0].from, At("10:05"));
  EXPECT_EQ(timeline.gaps[0].to, At("10:40"));
  EXPECT_EQ(timeline.gaps[1].length(), 75min);
}

TEST_F(TimelineMergeTest, GapsAtTheStartAndEndCount) {
  incident_.started_at = At("10:00");
  incident_.resolved_at = At("11:00");
  events_ = {MakeEvent(1, "10:30")};
  MergedTimeline timeline = Merge();
  ASSERT_EQ(timeline.gaps.size(), 2u);
  EXPECT_EQ(timeline.gaps[0].from, At("10:00"));
  EXPECT_EQ(timeline.gaps[1].to, At("11:00"));
}

TEST_F(TimelineMergeTest, UncertaintyCoversTime) {
  incident_.started_at = At("10:00");
  incident_.resolved_at = At("10:40");
  entries_ = {MakeEntry(7, 1, "10:20", 15)};  // Covers 10:05 to 10:35.
  EXPECT_TRUE(Merge().gaps.empty());
}

TEST_F(TimelineMergeTest, GapThresholdIsConfigurable) {
  incident_.started_at = At("10:00");
  incident_.resolved_at = At("10:30");
  events_ = {MakeEvent(1, "10:00"), MakeEvent(2, "10:30")};
  EXPECT_EQ(Merge().gaps.size(), 1u);
  options_.gap_threshold = 45min;
  EXPECT_TRUE(Merge().gaps.empty());
}

TEST_F(TimelineMergeTest, WithoutKeyTimesTheWindowIsTheItemsSpan) {
  events_ = {MakeEvent(1, "10:00"), MakeEvent(2, "11:00")};
  MergedTimeline timeline = Merge();
  ASSERT_EQ(timeline.gaps.size(), 1u);
  EXPECT_EQ(timeline.gaps[0].length(), 60min);
}

TEST_F(TimelineMergeTest, AnEmptyIncidentHasNoGapsOrGroups) {
  MergedTimeline timeline = Merge();
  EXPECT_TRUE(timeline.items.empty());
  EXPECT_TRUE(timeline.groups.empty());
  EXPECT_TRUE(timeline.gaps.empty());
}

TEST(IncidentMetrics, MeasureFromTheStart) {
  Incident incident;
  incident.started_at = At("10:00");
  incident.detected_at = At("10:07");
  incident.mitigated_at = At("10:38");
  incident.resolved_at = At("10:52");
  IncidentMetrics metrics = ComputeMetrics(incident);
  EXPECT_EQ(metrics.time_to_detect, 7min);
  EXPECT_EQ(metrics.time_to_mitigate, 38min);
  EXPECT_EQ(metrics.time_to_resolve, 52min);
}

TEST(IncidentMetrics, AreAbsentWithoutTheirTimes) {
  Incident incident;
  incident.detected_at = At("10:07");
  EXPECT_FALSE(ComputeMetrics(incident).time_to_detect);
  incident.started_at = At("10:00");
  EXPECT_FALSE(ComputeMetrics(incident).time_to_resolve);
  EXPECT_TRUE(ComputeMetrics(incident).time_to_detect);
}

}  // namespace
}  // namespace debrief::core
