#include "core/timeline_suggestions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::core {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;

Timestamp At(const char* hh_mm) {
  return *ParseRfc3339(std::string("2026-03-14T") + hh_mm + ":00Z");
}

TimelineEvent Alert(int64_t id, const char* at, const std::string& source, std::string text) {
  TimelineEvent event;
  event.id = id;
  event.at = At(at);
  event.kind = EventKind::kAlert;
  event.source = "import:alertmanager:" + source;
  event.text = std::move(text);
  return event;
}

TimelineEvent Imported(int64_t id, const char* at, std::string text,
                       EventKind kind = EventKind::kChange) {
  TimelineEvent event;
  event.id = id;
  event.at = At(at);
  event.kind = kind;
  event.source = "import:jsonl:" + std::to_string(id);
  event.text = std::move(text);
  return event;
}

EntryInput Entry(int64_t id, const char* at, std::string did, std::string saw = {}) {
  EntryInput input;
  input.participant_id = 1;
  input.account_id = 10;
  input.entry.id = id;
  input.entry.at = At(at);
  input.entry.did = std::move(did);
  input.entry.saw = std::move(saw);
  return input;
}

TEST(TimelineSuggestionsTest, NamesAreWhatSystemsCallThings) {
  std::vector<std::string> services = {"checkout"};
  EXPECT_THAT(
      NamesIn("Saw HighErrorRate on checkout, rolled back 4.2.1 on web-1. Then db_pool.", services),
      ElementsAre("higherrorrate", "checkout", "4.2.1", "web-1", "db_pool"));
  EXPECT_TRUE(NamesIn("I looked at the dashboard and it was fine", services).empty());
  EXPECT_THAT(NamesIn("5xx on CHECKOUT, 5xx again", services), ElementsAre("5xx", "checkout"));
}

TEST(TimelineSuggestionsTest, DetectedAtTheFirstAlertResolvedWhenEveryAlertHas) {
  Incident incident;
  std::vector<TimelineEvent> events = {
      Alert(1, "10:02", "a@1", "HighErrorRate firing: 5xx"),
      Alert(2, "10:05", "b@2", "HighLatency firing"),
      Alert(3, "10:40", "a@1/resolved", "HighErrorRate resolved: 5xx"),
  };
  TimelineSuggestions suggestions = SuggestFromTimeline(incident, {}, events);
  ASSERT_EQ(suggestions.key_moments.size(), 1u);  // One alert still fires: no resolution yet.
  EXPECT_EQ(suggestions.key_moments[0].field, "detected_at");
  EXPECT_EQ(suggestions.key_moments[0].at, At("10:02"));
  EXPECT_EQ(suggestions.key_moments[0].event_ref, "event:1");
  EXPECT_EQ(suggestions.key_moments[0].reason, "the first alert fired: HighErrorRate firing: 5xx");

  events.push_back(Alert(4, "10:55", "b@2/resolved", "HighLatency resolved"));
  suggestions = SuggestFromTimeline(incident, {}, events);
  ASSERT_EQ(suggestions.key_moments.size(), 2u);
  EXPECT_EQ(suggestions.key_moments[1].field, "resolved_at");
  EXPECT_EQ(suggestions.key_moments[1].at, At("10:55"));
  EXPECT_EQ(suggestions.key_moments[1].reason,
            "the last of 2 alerts resolved: HighLatency resolved");

  // Once the facilitator has taken them, they are not suggested again.
  incident.detected_at = At("10:02");
  incident.resolved_at = At("10:55");
  EXPECT_TRUE(SuggestFromTimeline(incident, {}, events).key_moments.empty());
  // Alerts written by hand suggest nothing: only imported ones are evidence of when.
  std::vector<TimelineEvent> manual = {Alert(5, "09:00", "x@1", "by hand")};
  manual[0].source = "manual";
  EXPECT_TRUE(SuggestFromTimeline(Incident{}, {}, manual).key_moments.empty());
}

TEST(TimelineSuggestionsTest, EntriesLinkToNearbyEventsNamingTheSameThing) {
  Incident incident;
  incident.services = {"payments"};
  std::vector<TimelineEvent> events = {
      Alert(1, "10:02", "a@1", "HighErrorRate firing: 5xx ratio (service=payments)"),
      Imported(2, "10:10", "payments 4.2.1 deployed"),
      Imported(3, "10:20", "payments 4.2.0 rolled back"),
      Imported(4, "12:00", "payments 4.2.1 deployed again"),  // Too far from the entries.
      Imported(5, "10:21", "search 7.1 deployed"),            // Names nothing the entry does.
  };
  std::vector<EntryInput> entries = {
      Entry(11, "10:04", "Paged for HighErrorRate, opened the dashboard"),
      Entry(12, "10:22", "Rolled payments back", "the 4.2.1 canary erroring"),
      Entry(13, "10:30", "Told the team in chat"),
  };
  TimelineSuggestions suggestions = SuggestFromTimeline(incident, entries, events);
  ASSERT_EQ(suggestions.links.size(), 4u);
  EXPECT_EQ(suggestions.links[0].entry_ref, "entry:11");
  EXPECT_EQ(suggestions.links[0].event_ref, "event:1");
  EXPECT_EQ(suggestions.links[0].shared, "higherrorrate");
  EXPECT_EQ(suggestions.links[0].apart, 2min);
  // Closest first, at most three per entry.
  EXPECT_EQ(suggestions.links[1].entry_ref, "entry:12");
  EXPECT_EQ(suggestions.links[1].event_ref, "event:3");
  EXPECT_EQ(suggestions.links[2].event_ref, "event:2");
  EXPECT_EQ(suggestions.links[2].shared, "payments");
  EXPECT_EQ(suggestions.links[3].event_ref, "event:1");

  // A link the author made already is not suggested again.
  entries[0].entry.seen_event_ids = {1};
  suggestions = SuggestFromTimeline(incident, entries, events);
  EXPECT_EQ(suggestions.links.front().entry_ref, "entry:12");
}

// What someone says they were looking at (an alert, a dashboard) links to the events that
// name it, so "what could they know" can count them as seen once the link is taken.
TEST(TimelineSuggestionsTest, WhatSomeoneWasLookingAtLinksToTheAlertOrDashboardItNames) {
  Incident incident;
  std::vector<TimelineEvent> events = {
      Alert(1, "10:03", "b@1", "[FIRING] PoolExhausted (service=checkout)"),
      Imported(2, "10:05", "Grafana annotation on checkout-db-overview: pool size changed",
               EventKind::kOther),
      Imported(3, "10:05", "Grafana annotation on search-latency: reindex started",
               EventKind::kOther),
  };
  EntryInput entry = Entry(21, "10:06", "");
  entry.entry.looking_at = "the PoolExhausted alert and the checkout-db-overview dashboard";
  std::vector<EntryInput> entries = {entry};
  TimelineSuggestions suggestions = SuggestFromTimeline(incident, entries, events);
  ASSERT_EQ(suggestions.links.size(), 2u);
  EXPECT_EQ(suggestions.links[0].event_ref, "event:2");
  EXPECT_EQ(suggestions.links[0].shared, "checkout-db-overview");
  EXPECT_EQ(suggestions.links[1].event_ref, "event:1");
  EXPECT_EQ(suggestions.links[1].shared, "poolexhausted");
}

}  // namespace
}  // namespace debrief::core
