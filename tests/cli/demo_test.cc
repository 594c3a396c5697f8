#include "cli/demo_incident.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/facilitation.h"
#include "core/timeline_merge.h"
#include "language/rule_pack.h"
#include "security/password.h"
#include "store/open.h"

namespace debrief::cli {
namespace {

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(security::InitializeCrypto());
    path_ = std::filesystem::temp_directory_path() /
            ("debrief-demo-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    auto store = store::OpenStore(path_.string(), clock_);
    ASSERT_TRUE(store);
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
  core::FixedClock clock_{*core::ParseRfc3339("2026-11-24T09:00:00Z")};
  std::unique_ptr<store::Store> store_;
};

TEST_F(DemoTest, SeedsARealisticIncidentAndAnAdminOnce) {
  auto seed = SeedDemo(*store_, clock_);
  ASSERT_TRUE(seed) << seed.error().message();
  ASSERT_TRUE(seed->admin_password);
  auto admin = store_->FindUserByEmail(*seed->admin_email);
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->role, core::Role::kAdmin);
  EXPECT_TRUE(security::VerifyPassword(*seed->admin_password, admin->password_hash));

  auto incident = store_->GetIncident(seed->incident_key);
  ASSERT_TRUE(incident);
  EXPECT_EQ(incident->status, core::IncidentStatus::kResolved);
  EXPECT_EQ(store_->participants().List(incident->id)->size(), 4u);
  EXPECT_EQ(store_->accounts().List(incident->id)->size(), 4u);
  EXPECT_GE(store_->entries().List(incident->id)->size(), 5u);
  auto events = store_->events().List(incident->id);
  EXPECT_GE(events->size(), 5u);
  EXPECT_TRUE(std::any_of(events->begin(), events->end(), [](const core::TimelineEvent& event) {
    return event.source.starts_with("import:alertmanager:");
  }));
  EXPECT_GE(store_->factors().List(incident->id)->size(), 3u);
  EXPECT_GE(store_->actions().List(incident->id)->size(), 3u);
  EXPECT_EQ(store_->decisions().List(incident->id)->size(), 1u);
  EXPECT_EQ(store_->lessons().List(incident->id)->size(), 1u);
  // Who was paged by the receiver and who was in the channel, and when: "what could they know"
  // has chat and alert reasons to show.
  auto memberships = store_->ListAudienceMemberships(incident->id);
  ASSERT_TRUE(memberships);
  EXPECT_EQ(memberships->size(), 4u);
  EXPECT_TRUE(std::any_of(memberships->begin(), memberships->end(), [](const auto& membership) {
    return membership.audience == "receiver:payments-oncall";
  }));

  // Issue 19: the library is not empty on the first day: an older example comes published.
  auto published = store_->GetIncident(seed->published_key);
  ASSERT_TRUE(published) << seed->published_key;
  EXPECT_EQ(published->review_status, core::ReviewStatus::kPublished);
  EXPECT_EQ(store_->ListPublishedVersions(published->id)->size(), 1u);
  EXPECT_TRUE(store_->LibraryBacklog()->empty());
  store::LibraryQuery query;
  auto found = store_->SearchLibrary(query);
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->total, 1);

  // A second run adds another example but no second admin.
  auto again = SeedDemo(*store_, clock_);
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_FALSE(again->admin_password);
  EXPECT_NE(again->incident_key, seed->incident_key);
}

TEST_F(DemoTest, TheExampleShowsADisagreement) {
  auto seed = SeedDemo(*store_, clock_);
  ASSERT_TRUE(seed);
  auto incident = store_->GetIncident(seed->incident_key);
  auto accounts = store_->accounts().List(incident->id);
  std::vector<core::EntryInput> entries;
  auto stored_entries = store_->entries().List(incident->id);
  ASSERT_TRUE(stored_entries);
  for (const auto& entry : *stored_entries) {
    for (const auto& account : *accounts) {
      if (account.id == entry.account_id)
        entries.push_back({account.participant_id, account.id, entry});
    }
  }
  auto timeline = core::MergeTimeline(*incident, entries, *store_->events().List(incident->id));
  EXPECT_EQ(timeline.discrepancies.size(), 1u);
  EXPECT_EQ(timeline.metrics.time_to_detect, std::chrono::minutes(7));
}

// The example shows the facilitator (Marcus) what facilitator mode is for: an expectation the
// record did not meet, a counterfactual card about something not on Priya's screen, and a
// procedure rewritten after the incident.
TEST_F(DemoTest, TheFacilitatorHasQuestionsOfEveryKindToAsk) {
  auto seed = SeedDemo(*store_, clock_);
  ASSERT_TRUE(seed) << seed.error().message();
  auto incident = store_->GetIncident(seed->incident_key);
  ASSERT_TRUE(incident);
  auto marcus = store_->FindUserByEmail("marcus@example.com");
  ASSERT_TRUE(marcus);
  auto pack = language::DefaultRulePack();
  ASSERT_TRUE(pack);
  language::Checker checker(std::move(*pack));
  core::Principal facilitator{marcus->id, marcus->role};
  auto input = app::GatherFacilitation(*store_, facilitator, *incident, core::TimelineOptions{},
                                       "demo", 1, {});
  ASSERT_TRUE(input) << input.error().message();
  std::optional<app::Facilitation> facilitation = app::Facilitate(*input, checker);
  ASSERT_FALSE(facilitation->questions.empty());
  // Priya's expectation, against the repeated alert (not her own chat message).
  auto unmet = std::find_if(facilitation->beliefs.begin(), facilitation->beliefs.end(),
                            [](const app::BeliefQuestionAt& belief) {
                              return belief.kind == core::BeliefQuestionKind::kExpectationNotMet;
                            });
  ASSERT_NE(unmet, facilitation->beliefs.end());
  EXPECT_EQ(unmet->first_said,
            "The 5xx ratio to settle within 5 minutes, as with the upstream card-network blips "
            "last week");
  EXPECT_EQ(unmet->second_said,
            "PaymentsHighErrorRate still firing: 5xx ratio 7.9% > 2% for 18m (payments)");
  ASSERT_EQ(facilitation->counterfactuals.size(), 1u);
  const app::CounterfactualCard& card = facilitation->counterfactuals[0];
  EXPECT_EQ(card.missed, "gone to the pool dashboard first");
  EXPECT_TRUE(card.missed_seen_refs.empty());  // Her payments dashboard is another one.
  EXPECT_GT(card.known_items, 2u);
  ASSERT_EQ(facilitation->judged_later.size(), 1u);
  EXPECT_NE(facilitation->judged_later[0].procedure.find("revised"), std::string::npos);
}

}  // namespace
}  // namespace debrief::cli
