#include "core/knowledge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::core {
namespace {

using ::testing::ElementsAre;

Timestamp At(const char* hh_mm) {
  return *ParseRfc3339(std::string("2026-03-14T") + hh_mm + ":00Z");
}

TimelineEvent MakeEvent(int64_t id, const char* at, std::vector<std::string> visible_to = {}) {
  TimelineEvent event;
  event.id = id;
  event.at = At(at);
  event.kind = EventKind::kCommunication;
  event.text = "event " + std::to_string(id);
  event.visible_to = std::move(visible_to);
  return event;
}

EntryInput MakeEntry(int64_t id, int64_t participant, const char* at) {
  EntryInput input;
  input.participant_id = participant;
  input.account_id = participant * 10;
  input.entry.id = id;
  input.entry.at = At(at);
  input.entry.did = "something";
  return input;
}

AudienceMembership Member(int64_t participant, std::string audience, const char* since,
                          const char* until = nullptr) {
  AudienceMembership membership;
  membership.participant_id = participant;
  membership.audience = std::move(audience);
  if (since != nullptr) membership.since = At(since);
  if (until != nullptr) membership.until = At(until);
  return membership;
}

class KnowledgeTest : public ::testing::Test {
 protected:
  std::vector<KnownBecause> Because(int64_t participant, const char* at) {
    MergedTimeline timeline = MergeTimeline(incident_, entries_, events_);
    std::vector<KnownBecause> reasons;
    for (const Knowledge& knowledge :
         KnowledgeAt(timeline, entries_, events_, memberships_, participant, At(at))) {
      reasons.push_back(knowledge.because);
    }
    return reasons;
  }
  std::vector<bool> Known(int64_t participant, const char* at) {
    std::vector<bool> known;
    for (KnownBecause because : Because(participant, at)) {
      known.push_back(because != KnownBecause::kNotKnown);
    }
    return known;
  }
  Incident incident_;
  std::vector<EntryInput> entries_;
  std::vector<TimelineEvent> events_;
  std::vector<AudienceMembership> memberships_;
};

TEST_F(KnowledgeTest, ShowsOwnEntriesAndVisibleEventsUpToTheMoment) {
  events_ = {MakeEvent(1, "10:00", {"all"}), MakeEvent(2, "10:05", {"participant:2"}),
             MakeEvent(3, "10:10", {"all"})};
  entries_ = {MakeEntry(7, 1, "10:02"), MakeEntry(8, 2, "10:03")};
  // Order: event:1, entry:7, entry:8, event:2, event:3.
  EXPECT_THAT(Known(1, "10:06"), ElementsAre(true, true, false, false, false));
  EXPECT_THAT(Known(2, "10:06"), ElementsAre(true, false, true, true, false));
  EXPECT_THAT(Because(2, "10:06"),
              ElementsAre(KnownBecause::kEveryone, KnownBecause::kNotKnown, KnownBecause::kOwnEntry,
                          KnownBecause::kNamed, KnownBecause::kNotKnown));
}

TEST_F(KnowledgeTest, AnEntrySayingIWasLookingAtItMakesAnEventKnown) {
  events_ = {MakeEvent(1, "10:00", {"receiver:db-team"})};
  entries_ = {MakeEntry(7, 1, "10:04")};
  EXPECT_THAT(Known(1, "10:05"), ElementsAre(false, true));
  entries_[0].entry.seen_event_ids = {1};
  EXPECT_THAT(Because(1, "10:05"), ElementsAre(KnownBecause::kSaidSeen, KnownBecause::kOwnEntry));
  // Not before the entry that says so.
  EXPECT_THAT(Known(1, "10:03"), ElementsAre(false, false));
}

TEST_F(KnowledgeTest, EventsWithNoAudienceAreVisibleToEveryone) {
  events_ = {MakeEvent(1, "10:00")};
  EXPECT_THAT(Because(5, "10:00"), ElementsAre(KnownBecause::kEveryone));
}

TEST_F(KnowledgeTest, AChannelMessageReachesOnlyThoseInTheChannelWhenItWasPosted) {
  events_ = {MakeEvent(1, "10:00", {"channel:#incident"}),
             MakeEvent(2, "10:05", {"channel:#incident"}),
             MakeEvent(3, "10:20", {"channel:#incident"})};
  // Ana joined at 10:02 and left at 10:15; Ben was in it all along; Chen never joined.
  memberships_ = {Member(1, "channel:#incident", "10:02", "10:15"),
                  Member(2, "channel:#incident", nullptr), Member(3, "channel:#other", nullptr)};
  // Posted before Ana joined: hidden, though she joined before the moment asked about.
  EXPECT_THAT(Known(1, "10:30"), ElementsAre(false, true, false));
  EXPECT_THAT(Known(2, "10:30"), ElementsAre(true, true, true));
  EXPECT_THAT(Known(3, "10:30"), ElementsAre(false, false, false));
  // And nothing after the moment asked about.
  EXPECT_THAT(Known(2, "10:06"), ElementsAre(true, true, false));

  MergedTimeline timeline = MergeTimeline(incident_, entries_, events_);
  auto knowledge = KnowledgeAt(timeline, entries_, events_, memberships_, 1, At("10:30"));
  EXPECT_EQ(knowledge[1].because, KnownBecause::kAudience);
  EXPECT_EQ(knowledge[1].audience, "channel:#incident");
  EXPECT_EQ(knowledge[1].since, At("10:02"));
}

TEST_F(KnowledgeTest, TheStrongerReasonWins) {
  events_ = {MakeEvent(1, "10:00", {"channel:#incident", "participant:1", "all"}),
             MakeEvent(2, "10:01", {"all", "channel:#incident"})};
  memberships_ = {Member(1, "channel:#incident", "09:00")};
  EXPECT_THAT(Because(1, "10:05"), ElementsAre(KnownBecause::kNamed, KnownBecause::kAudience));
}

TEST(AudienceMembership, CoversFromSinceUntilUntil) {
  AudienceMembership membership = Member(1, "receiver:payments", "10:00", "11:00");
  EXPECT_FALSE(CoversInstant(membership, At("09:59")));
  EXPECT_TRUE(CoversInstant(membership, At("10:00")));
  EXPECT_TRUE(CoversInstant(membership, At("10:59")));
  EXPECT_FALSE(CoversInstant(membership, At("11:00")));
  EXPECT_TRUE(CoversInstant(Member(1, "receiver:payments", nullptr), At("00:00")));
}

}  // namespace
}  // namespace debrief::core
