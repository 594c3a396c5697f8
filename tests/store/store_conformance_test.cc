// The behaviour every Store adapter must have. Each case runs against every adapter in
// kAdapters on a real database in a fresh temporary directory; a new adapter adds one row.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <span>
#include <thread>

#include "core/clock.h"
#include "store/adapters.h"
#include "store/backup.h"
#include "store/store.h"

namespace debrief::store {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

class StoreConformance : public ::testing::TestWithParam<Adapter> {
 protected:
  void SetUp() override {
    if (auto why = GetParam().unavailable()) GTEST_SKIP() << *why;
    // A parameterised test is named "Case/0": one folder per case, not a folder in a folder
    // that removing the inner one would leave behind.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');
    directory_ = std::filesystem::temp_directory_path() /
                 ("debrief-store-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    if (directory_.empty()) return;  // Skipped before it began.
    GetParam().remove(directory_);
    std::filesystem::remove_all(directory_);
  }
  void Reopen() {
    store_.reset();
    auto opened = GetParam().open(directory_, clock_);
    ASSERT_TRUE(opened) << opened.error().message();
    store_ = std::move(*opened);
  }

  core::Incident NewIncident(std::string title = "Checkout errors") {
    core::Incident incident;
    incident.title = std::move(title);
    incident.severity = "SEV2";
    incident.services = {"checkout"};
    incident.created_by = 1;
    return incident;
  }

  core::Incident CreateIncident(std::string title = "Checkout errors") {
    auto created = store_->CreateIncident(NewIncident(std::move(title)), {});
    EXPECT_TRUE(created) << created.error().message();
    return *created;
  }

  core::User CreateUser(std::string email, core::Role role = core::Role::kMember) {
    core::User user;
    user.email = std::move(email);
    user.name = "Someone";
    user.role = role;
    user.password_hash = "$argon2id$fake";
    auto created = store_->CreateUser(user, {});
    EXPECT_TRUE(created) << created.error().message();
    return *created;
  }

  core::TimelineEvent NewEvent(int64_t incident_id, std::string source = "manual") {
    core::TimelineEvent event;
    event.incident_id = incident_id;
    event.at = At("2026-03-14T10:00:00Z");
    event.kind = core::EventKind::kAlert;
    event.text = "PaymentsHighErrorRate firing";
    event.source = std::move(source);
    event.visible_to = {"all"};
    return event;
  }

  std::filesystem::path directory_;
  core::FixedClock clock_{At("2026-03-14T12:00:00Z")};
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, AssignsSequentialIncidentKeysPerYear) {
  EXPECT_EQ(CreateIncident().key, "INC-2026-0001");
  EXPECT_EQ(CreateIncident().key, "INC-2026-0002");
  clock_.Set(At("2027-01-01T00:00:00Z"));
  EXPECT_EQ(CreateIncident().key, "INC-2027-0001");
}

TEST_P(StoreConformance, StoresEveryIncidentField) {
  core::Incident incident = NewIncident();
  incident.summary = "Payments failed — « ünïcode » ✓";
  incident.status = core::IncidentStatus::kResolved;
  incident.tags = {"db", "config"};
  incident.started_at = At("2026-03-14T10:00:00.250Z");
  incident.detected_at = At("2026-03-14T10:07:00Z");
  incident.mitigated_at = At("2026-03-14T10:38:00Z");
  incident.resolved_at = At("2026-03-14T10:52:00Z");
  incident.impact = "8% of payments failed";
  incident.facilitator_id = std::nullopt;
  auto created = store_->CreateIncident(incident, {});
  ASSERT_TRUE(created);
  auto read = store_->GetIncident(created->key);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->summary, incident.summary);
  EXPECT_EQ(read->status, core::IncidentStatus::kResolved);
  EXPECT_THAT(read->tags, ElementsAre("db", "config"));
  EXPECT_EQ(read->started_at, incident.started_at);
  EXPECT_EQ(read->resolved_at, incident.resolved_at);
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(read->created_at, clock_.Now());
}

TEST_P(StoreConformance, UpdatesWithTheCurrentVersionOnly) {
  core::Incident incident = CreateIncident();
  clock_.Advance(1min);
  incident.title = "Checkout and payments errors";
  auto updated = store_->UpdateIncident(incident, 1, {});
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->updated_at, clock_.Now());
  incident.title = "A stale edit";
  auto stale = store_->UpdateIncident(incident, 1, {});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store_->GetIncident(incident.key)->title, "Checkout and payments errors");
}

TEST_P(StoreConformance, PublishingFreezesNumberedVersionsWithTheIncident) {
  core::User publisher = CreateUser("publisher@example.com");
  core::Incident incident = CreateIncident();
  incident.review_status = core::ReviewStatus::kPublished;
  auto first = store_->Publish(incident, incident.version, "{\"v\":1}", {publisher.id, "{}"});
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(first->number, 1);
  EXPECT_EQ(first->published_by, publisher.id);
  auto stored = store_->GetIncident(incident.key);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->review_status, core::ReviewStatus::kPublished);
  EXPECT_EQ(stored->version, incident.version + 1);

  // A stale incident version publishes nothing.
  auto stale = store_->Publish(*stored, incident.version, "{}", {publisher.id, "{}"});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), core::ErrorCode::kFailedPrecondition);
  auto second = store_->Publish(*stored, stored->version, "{\"v\":2}", {publisher.id, "{}"});
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(second->number, 2);

  auto versions = store_->ListPublishedVersions(incident.id);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].number, 2);
  EXPECT_TRUE((*versions)[0].snapshot.empty());
  auto one = store_->GetPublishedVersion(incident.id, 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->snapshot, "{\"v\":1}");
  EXPECT_EQ(store_->GetPublishedVersion(incident.id, 3).error().code(), core::ErrorCode::kNotFound);
  // Numbers are per incident.
  core::Incident other = CreateIncident();
  auto other_first = store_->Publish(other, other.version, "{}", {publisher.id, "{}"});
  ASSERT_TRUE(other_first);
  EXPECT_EQ(other_first->number, 1);
  // Publishing names who did it.
  EXPECT_FALSE(store_->Publish(other, other.version + 1, "{}", {}));
}

TEST_P(StoreConformance, UnknownIncidentIsNotFound) {
  auto missing = store_->GetIncident("INC-2026-9999");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), core::ErrorCode::kNotFound);
}

TEST_P(StoreConformance, ListsIncidentsNewestFirstWithFilters) {
  core::Incident first = NewIncident("Queue backlog in billing");
  first.services = {"billing"};
  first.severity = "SEV3";
  ASSERT_TRUE(store_->CreateIncident(first, {}));
  core::Incident second = NewIncident("Checkout errors");
  second.status = core::IncidentStatus::kResolved;
  second.resolved_at = At("2026-03-14T11:00:00Z");
  ASSERT_TRUE(store_->CreateIncident(second, {}));

  auto all = store_->ListIncidents({});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->incidents.size(), 2u);
  EXPECT_EQ(all->incidents[0].title, "Checkout errors");

  IncidentQuery by_service;
  by_service.service = "billing";
  EXPECT_EQ(store_->ListIncidents(by_service)->incidents.size(), 1u);
  IncidentQuery by_status;
  by_status.status = core::IncidentStatus::kResolved;
  EXPECT_EQ(store_->ListIncidents(by_status)->incidents.at(0).title, "Checkout errors");
  IncidentQuery by_severity;
  by_severity.severity = "SEV3";
  EXPECT_EQ(store_->ListIncidents(by_severity)->incidents.size(), 1u);
  IncidentQuery by_text;
  by_text.text = "BACKLOG";
  EXPECT_EQ(store_->ListIncidents(by_text)->incidents.at(0).title, "Queue backlog in billing");
  by_text.text = "INC-2026-0002";
  EXPECT_EQ(store_->ListIncidents(by_text)->incidents.size(), 1u);
  by_text.text = "%";
  EXPECT_TRUE(store_->ListIncidents(by_text)->incidents.empty());
}

TEST_P(StoreConformance, PaginatesWithACursor) {
  for (int index = 0; index < 5; ++index) CreateIncident("incident " + std::to_string(index));
  IncidentQuery query;
  query.limit = 2;
  std::vector<std::string> titles;
  for (int page_number = 0; page_number < 5; ++page_number) {
    auto page = store_->ListIncidents(query);
    ASSERT_TRUE(page);
    for (const auto& incident : page->incidents) titles.push_back(incident.title);
    if (!page->next_before_id) break;
    query.before_id = page->next_before_id;
  }
  EXPECT_THAT(titles,
              ElementsAre("incident 4", "incident 3", "incident 2", "incident 1", "incident 0"));
}

TEST_P(StoreConformance, RecordsRoundTripAndStayInTheirIncident) {
  core::Incident incident = CreateIncident();
  core::Incident other = CreateIncident();
  core::ActionItem action;
  action.incident_id = incident.id;
  action.title = "Alert on pool wait";
  action.due_on = core::ParseDate("2026-04-01");
  action.factor_ids = {3, 4};
  action.priority = core::ActionPriority::kUrgent;
  auto stored = store_->actions().Insert(action, {});
  ASSERT_TRUE(stored) << stored.error().message();
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->version, 1);
  auto read = store_->actions().Get(incident.id, stored->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->due_on, action.due_on);
  EXPECT_THAT(read->factor_ids, ElementsAre(3, 4));
  EXPECT_EQ(read->priority, core::ActionPriority::kUrgent);
  EXPECT_EQ(store_->actions().Get(other.id, stored->id).error().code(), core::ErrorCode::kNotFound);
  EXPECT_TRUE(store_->actions().List(other.id)->empty());
  EXPECT_EQ(store_->actions().List(incident.id)->size(), 1u);
}

TEST_P(StoreConformance, RecordUpdatesAndDeletesNeedTheCurrentVersion) {
  core::Incident incident = CreateIncident();
  core::ContributingFactor factor;
  factor.incident_id = incident.id;
  factor.text = "No alert on pool wait time";
  auto stored = store_->factors().Insert(factor, {});
  ASSERT_TRUE(stored);
  core::ContributingFactor changed = *stored;
  changed.category = core::FactorCategory::kDetectionMonitoring;
  auto updated = store_->factors().Update(changed, 1, {});
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->category, core::FactorCategory::kDetectionMonitoring);
  EXPECT_EQ(store_->factors().Update(changed, 1, {}).error().code(),
            core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store_->factors().Delete(incident.id, stored->id, 1, {}).error().code(),
            core::ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(store_->factors().Delete(incident.id, stored->id, 2, {}));
  EXPECT_EQ(store_->factors().Get(incident.id, stored->id).error().code(),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(store_->factors().Delete(incident.id, stored->id, 2, {}).error().code(),
            core::ErrorCode::kNotFound);
}

TEST_P(StoreConformance, EveryRecordKindRoundTrips) {
  core::Incident incident = CreateIncident();
  core::User user = CreateUser("priya@example.com");
  core::Participant participant;
  participant.incident_id = incident.id;
  participant.user_id = user.id;
  participant.name = "Priya";
  participant.role = core::ParticipantRole::kOnCall;
  auto stored_participant = store_->participants().Insert(participant, {});
  ASSERT_TRUE(stored_participant);
  EXPECT_EQ(stored_participant->role, core::ParticipantRole::kOnCall);

  core::Account account;
  account.incident_id = incident.id;
  account.participant_id = stored_participant->id;
  account.author_id = user.id;
  account.narrative = "I was on call.";
  auto stored_account = store_->accounts().Insert(account, {});
  ASSERT_TRUE(stored_account);

  core::AccountEntry entry;
  entry.incident_id = incident.id;
  entry.account_id = stored_account->id;
  entry.at = At("2026-03-14T10:07:00Z");
  entry.uncertainty_minutes = 5;
  entry.did = "Acknowledged the page";
  entry.same_as = {"event:1"};
  entry.seen_event_ids = {1};
  auto stored_entry = store_->entries().Insert(entry, {});
  ASSERT_TRUE(stored_entry);
  auto read_entry = store_->entries().Get(incident.id, stored_entry->id);
  EXPECT_EQ(read_entry->uncertainty_minutes, 5);
  EXPECT_THAT(read_entry->same_as, ElementsAre("event:1"));

  core::DecisionPoint decision;
  decision.incident_id = incident.id;
  decision.at = At("2026-03-14T10:30:00Z");
  decision.situation = "Errors steady";
  decision.choice = "Roll back";
  decision.options = {"Roll back", "Raise the pool"};
  decision.pressures = {"time pressure"};
  auto stored_decision = store_->decisions().Insert(decision, {});
  ASSERT_TRUE(stored_decision);
  EXPECT_THAT(store_->decisions().Get(incident.id, stored_decision->id)->options,
              ElementsAre("Roll back", "Raise the pool"));

  core::WorkAsDone work;
  work.incident_id = incident.id;
  work.procedure = "Runbook";
  work.done = "Skipped step 2";
  ASSERT_TRUE(store_->work_as_done().Insert(work, {}));

  core::Lesson lesson;
  lesson.incident_id = incident.id;
  lesson.title = "Limits depend on traffic";
  lesson.author_ids = {user.id};
  auto stored_lesson = store_->lessons().Insert(lesson, {});
  ASSERT_TRUE(stored_lesson);
  EXPECT_THAT(store_->lessons().Get(incident.id, stored_lesson->id)->author_ids,
              ElementsAre(user.id));
}

TEST_P(StoreConformance, ReviewersAndCommentsRoundTrip) {
  core::Incident incident = CreateIncident();
  core::User reviewer_user = CreateUser("rui@example.com");
  core::User author = CreateUser("ana@example.com");
  core::Reviewer reviewer;
  reviewer.incident_id = incident.id;
  reviewer.user_id = reviewer_user.id;
  reviewer.requested_by = author.id;
  auto stored = store_->reviewers().Insert(reviewer, {});
  ASSERT_TRUE(stored) << stored.error().message();
  EXPECT_EQ(stored->decision, core::ReviewDecision::kPending);
  EXPECT_FALSE(stored->decided_at);
  core::Reviewer decided = *stored;
  decided.decision = core::ReviewDecision::kChangesRequested;
  decided.decided_at = At("2026-03-15T09:00:00Z");
  decided.note = "Say what the dashboard showed.";
  ASSERT_TRUE(store_->reviewers().Update(decided, 1, {}));
  auto read = store_->reviewers().Get(incident.id, stored->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->decision, core::ReviewDecision::kChangesRequested);
  EXPECT_EQ(read->decided_at, At("2026-03-15T09:00:00Z"));
  EXPECT_EQ(read->note, "Say what the dashboard showed.");
  // One reviewer record per person and incident.
  EXPECT_EQ(store_->reviewers().Insert(reviewer, {}).error().code(),
            core::ErrorCode::kAlreadyExists);

  core::ReviewComment comment;
  comment.incident_id = incident.id;
  comment.anchor = "section:factors";
  comment.body = "Was the pool size documented anywhere?";
  comment.author_id = author.id;
  auto parent = store_->comments().Insert(comment, {});
  ASSERT_TRUE(parent);
  EXPECT_FALSE(parent->resolved);
  comment.reply_to = parent->id;
  comment.body = "Only in the chart's defaults.";
  auto reply = store_->comments().Insert(comment, {});
  ASSERT_TRUE(reply);
  EXPECT_EQ(store_->comments().Get(incident.id, reply->id)->reply_to, parent->id);
  // Deleting a comment takes its replies with it.
  ASSERT_TRUE(store_->comments().Delete(incident.id, parent->id, 1, {}));
  EXPECT_TRUE(store_->comments().List(incident.id)->empty());
}

core::AudienceMembership Membership(int64_t participant_id, std::string audience,
                                    std::optional<core::Timestamp> since = std::nullopt,
                                    std::optional<core::Timestamp> until = std::nullopt) {
  core::AudienceMembership membership;
  membership.participant_id = participant_id;
  membership.audience = std::move(audience);
  membership.since = since;
  membership.until = until;
  return membership;
}

TEST_P(StoreConformance, AudienceMembershipsAreReplacedPerSource) {
  core::Incident incident = CreateIncident();
  core::Incident other = CreateIncident();
  auto participant = [&](int64_t incident_id, std::string name) {
    core::Participant person;
    person.incident_id = incident_id;
    person.name = std::move(name);
    person.role = core::ParticipantRole::kResponder;
    auto stored = store_->participants().Insert(person, {});
    EXPECT_TRUE(stored) << stored.error().message();
    return stored ? stored->id : 0;
  };
  int64_t ana = participant(incident.id, "Ana");
  int64_t ben = participant(incident.id, "Ben");
  int64_t elsewhere = participant(other.id, "Chen");
  EXPECT_TRUE(store_->ListAudienceMemberships(incident.id)->empty());
  core::Timestamp joined = *core::ParseRfc3339("2026-03-14T10:04:00Z");
  core::Timestamp left = *core::ParseRfc3339("2026-03-14T10:20:00Z");
  int64_t generation = *store_->IncidentGeneration(incident.id);
  ASSERT_TRUE(store_->ReplaceAudienceMemberships(
      incident.id, "import:slack:C1",
      {Membership(ben, "channel:#incident"), Membership(ana, "channel:#incident", joined, left)},
      {}));
  EXPECT_GT(*store_->IncidentGeneration(incident.id), generation);
  ASSERT_TRUE(store_->ReplaceAudienceMemberships(incident.id, "manual",
                                                 {Membership(ana, "receiver:db-oncall")}, {}));
  auto listed = store_->ListAudienceMemberships(incident.id);
  ASSERT_TRUE(listed) << listed.error().message();
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].participant_id, ana);
  EXPECT_EQ((*listed)[0].since, joined);
  EXPECT_EQ((*listed)[0].until, left);
  EXPECT_EQ((*listed)[0].source, "import:slack:C1");
  EXPECT_EQ((*listed)[0].incident_id, incident.id);
  EXPECT_EQ((*listed)[1].participant_id, ben);
  EXPECT_FALSE((*listed)[1].since);
  EXPECT_FALSE((*listed)[1].until);
  EXPECT_EQ((*listed)[2].audience, "receiver:db-oncall");

  // The same source again replaces only its own spans.
  ASSERT_TRUE(store_->ReplaceAudienceMemberships(
      incident.id, "import:slack:C1", {Membership(ben, "channel:#incident", joined)}, {}));
  listed = store_->ListAudienceMemberships(incident.id);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].participant_id, ben);
  EXPECT_EQ((*listed)[0].since, joined);
  EXPECT_EQ((*listed)[1].source, "manual");

  // Someone of another incident, or a span that ends before it starts: refused, nothing changes.
  auto foreign = store_->ReplaceAudienceMemberships(
      incident.id, "import:slack:C1", {Membership(elsewhere, "channel:#incident")}, {});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code(), core::ErrorCode::kInvalidArgument);
  auto backwards = store_->ReplaceAudienceMemberships(
      incident.id, "import:slack:C1", {Membership(ana, "channel:#incident", left, joined)}, {});
  ASSERT_FALSE(backwards);
  EXPECT_EQ(store_->ListAudienceMemberships(incident.id)->size(), 2u);
  EXPECT_TRUE(store_->ListAudienceMemberships(other.id)->empty());

  // A participant removed from the incident takes their memberships along.
  auto removed = store_->participants().Get(incident.id, ben);
  ASSERT_TRUE(removed);
  ASSERT_TRUE(store_->participants().Delete(incident.id, ben, removed->version, {}));
  listed = store_->ListAudienceMemberships(incident.id);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].participant_id, ana);
}

TEST_P(StoreConformance, LanguageDismissalsAreCountedOncePerPersonAndSentence) {
  core::User ana = CreateUser("ana@example.com");
  core::User rui = CreateUser("rui@example.com");
  auto version = store_->LanguageFeedbackVersion();
  ASSERT_TRUE(version) << version.error().message();
  auto dismiss = [&](const core::User& user, std::string rule, std::string hash,
                     std::string phrase) {
    core::LanguageDismissal dismissal{
        std::move(rule), std::move(hash), std::move(phrase), user.id, {}};
    auto added = store_->AddLanguageDismissal(dismissal, {user.id, "{}"});
    EXPECT_TRUE(added) << added.error().message();
    return added ? *added : false;
  };
  EXPECT_TRUE(dismiss(ana, "judgmental-simply", "h1", "just"));
  EXPECT_FALSE(dismiss(ana, "judgmental-simply", "h1", "just"));  // Again: nothing changes.
  EXPECT_TRUE(dismiss(rui, "judgmental-simply", "h1", "just"));
  EXPECT_TRUE(dismiss(rui, "judgmental-simply", "h2", "just"));
  EXPECT_TRUE(dismiss(rui, "hindsight-learned", "h3", ""));
  auto after = store_->LanguageFeedbackVersion();
  ASSERT_TRUE(after);
  EXPECT_GT(*after, *version);

  auto sentences = store_->ListDismissedSentences();
  ASSERT_TRUE(sentences);
  EXPECT_THAT(*sentences, ::testing::ElementsAre(
                              std::pair<std::string, std::string>("hindsight-learned", "h3"),
                              std::pair<std::string, std::string>("judgmental-simply", "h1"),
                              std::pair<std::string, std::string>("judgmental-simply", "h2")));
  auto counts = store_->CountLanguageDismissals();
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ((*counts)[0].rule_id, "judgmental-simply");
  EXPECT_EQ((*counts)[0].phrase, "just");
  EXPECT_EQ((*counts)[0].dismissals, 3);
  EXPECT_EQ((*counts)[0].sentences, 2);
  EXPECT_EQ((*counts)[0].people, 2);
  EXPECT_EQ((*counts)[1].dismissals, 1);
  auto all = store_->ListLanguageDismissals();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 4u);
  EXPECT_EQ(*store_->CountLanguageDismissalsBy(ana.id), 1);
  EXPECT_EQ(*store_->CountLanguageDismissalsBy(rui.id), 3);

  // Forgetting: one phrase of a rule, then the rest of it.
  auto before = store_->LanguageFeedbackVersion();
  EXPECT_EQ(*store_->DeleteLanguageDismissals("judgmental-simply", "other", {ana.id, "{}"}), 0);
  EXPECT_EQ(*store_->LanguageFeedbackVersion(), *before);  // Nothing went, nothing moved.
  EXPECT_EQ(*store_->DeleteLanguageDismissals("judgmental-simply", "just", {ana.id, "{}"}), 3);
  EXPECT_GT(*store_->LanguageFeedbackVersion(), *before);
  EXPECT_EQ(*store_->DeleteLanguageDismissals("hindsight-learned", std::nullopt, {ana.id, "{}"}),
            1);
  EXPECT_TRUE(store_->ListDismissedSentences()->empty());
}

TEST_P(StoreConformance, LanguageAllowEntriesAreUniquePerRuleAndPhrase) {
  core::User admin = CreateUser("admin@example.com");
  auto version = store_->LanguageFeedbackVersion();
  ASSERT_TRUE(version);
  core::LanguageAllowEntry entry;
  entry.rule_id = "judgmental-simply";
  entry.phrase = "just prior to";
  entry.created_by = admin.id;
  auto stored = store_->AddLanguageAllowEntry(entry, {admin.id, "{}"});
  ASSERT_TRUE(stored) << stored.error().message();
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->phrase, "just prior to");
  EXPECT_EQ(stored->created_by, admin.id);
  auto again = store_->AddLanguageAllowEntry(entry, {admin.id, "{}"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), core::ErrorCode::kAlreadyExists);
  entry.rule_id = "";  // The same phrase for every rule is another entry.
  ASSERT_TRUE(store_->AddLanguageAllowEntry(entry, {admin.id, "{}"}));
  auto listed = store_->ListLanguageAllowEntries();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].rule_id, "judgmental-simply");
  EXPECT_EQ((*listed)[1].rule_id, "");

  auto moved = store_->LanguageFeedbackVersion();
  ASSERT_TRUE(moved);
  EXPECT_EQ(*moved, *version + 2);
  ASSERT_TRUE(store_->DeleteLanguageAllowEntry(stored->id, {admin.id, "{}"}));
  EXPECT_EQ(store_->DeleteLanguageAllowEntry(stored->id, {admin.id, "{}"}).error().code(),
            core::ErrorCode::kNotFound);
  listed = store_->ListLanguageAllowEntries();
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 1u);
}

TEST_P(StoreConformance, ReviewRulesAreVersionedPerSeverity) {
  // SEV1 and SEV2 come with a rule: reviewed before publishing, and soon.
  auto rules = store_->ListReviewRules();
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ((*rules)[0].severity, "SEV1");
  EXPECT_TRUE((*rules)[0].review_required);
  EXPECT_EQ((*rules)[0].due_business_days, 5);

  core::ReviewRule rule;
  rule.severity = "SEV3";
  rule.review_required = false;
  rule.due_business_days = 20;
  auto created = store_->PutReviewRule(rule, 0, {});
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(store_->PutReviewRule(rule, 0, {}).error().code(), core::ErrorCode::kAlreadyExists);
  rule.review_required = true;
  rule.approvals_required = 2;
  rule.due_business_days.reset();
  ASSERT_TRUE(store_->PutReviewRule(rule, 1, {}));
  EXPECT_EQ(store_->PutReviewRule(rule, 1, {}).error().code(),
            core::ErrorCode::kFailedPrecondition);
  rules = store_->ListReviewRules();
  ASSERT_EQ(rules->size(), 3u);
  EXPECT_EQ((*rules)[2].approvals_required, 2);
  EXPECT_FALSE((*rules)[2].due_business_days);
  EXPECT_EQ((*rules)[2].version, 2);

  EXPECT_EQ(store_->DeleteReviewRule("SEV3", 1, {}).error().code(),
            core::ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(store_->DeleteReviewRule("SEV3", 2, {}));
  EXPECT_EQ(store_->DeleteReviewRule("SEV3", 2, {}).error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListReviewRules()->size(), 2u);
}

TEST_P(StoreConformance, ReviewTemplatesKeepTheirSectionsInOrderAndVersion) {
  EXPECT_TRUE(store_->ListReviewTemplates()->empty());
  core::ReviewTemplate sev1;
  sev1.severity = "SEV1";
  sev1.sections = {{core::ReviewSection::kTimeline, {"What made this hard to see?"}},
                   {core::ReviewSection::kSummary, {}},
                   {core::ReviewSection::kLessons, {"What surprised you?", "Who should know?"}}};
  auto created = store_->PutReviewTemplate(sev1, 0, {});
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(store_->PutReviewTemplate(sev1, 0, {}).error().code(), core::ErrorCode::kAlreadyExists);

  sev1.sections.pop_back();
  ASSERT_TRUE(store_->PutReviewTemplate(sev1, 1, {}));
  EXPECT_EQ(store_->PutReviewTemplate(sev1, 1, {}).error().code(),
            core::ErrorCode::kFailedPrecondition);
  core::ReviewTemplate fallback;
  fallback.severity = std::string(core::kDefaultTemplate);
  fallback.sections = {{core::ReviewSection::kSummary, {}}};
  ASSERT_TRUE(store_->PutReviewTemplate(fallback, 0, {}));

  Reopen();
  auto templates = store_->ListReviewTemplates();
  ASSERT_TRUE(templates);
  ASSERT_EQ(templates->size(), 2u);
  core::ReviewTemplate read = core::TemplateFor("SEV1", *templates);
  EXPECT_EQ(read.version, 2);
  ASSERT_EQ(read.sections.size(), 2u);
  EXPECT_EQ(read.sections[0].section, core::ReviewSection::kTimeline);
  EXPECT_THAT(read.sections[0].questions, ElementsAre("What made this hard to see?"));
  EXPECT_EQ(read.sections[1].section, core::ReviewSection::kSummary);
  EXPECT_EQ(core::TemplateFor("SEV3", *templates).severity, core::kDefaultTemplate);

  EXPECT_EQ(store_->DeleteReviewTemplate("SEV1", 1, {}).error().code(),
            core::ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(store_->DeleteReviewTemplate("SEV1", 2, {}));
  EXPECT_EQ(store_->DeleteReviewTemplate("SEV1", 2, {}).error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListReviewTemplates()->size(), 1u);
}

TEST_P(StoreConformance, AnswersBelongToTheirIncident) {
  core::Incident incident = CreateIncident();
  core::Incident other = CreateIncident("Another");
  core::ReviewAnswer answer;
  answer.incident_id = incident.id;
  answer.section = core::ReviewSection::kFactors;
  answer.question = "What made this hard to see?";
  answer.answer = "The dashboard averaged *every* pool.";
  auto stored = store_->answers().Insert(answer, {});
  ASSERT_TRUE(stored) << stored.error().message();
  auto listed = store_->answers().List(incident.id);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].section, core::ReviewSection::kFactors);
  EXPECT_EQ((*listed)[0].answer, answer.answer);
  EXPECT_TRUE(store_->answers().List(other.id)->empty());
  EXPECT_FALSE(store_->answers().Get(other.id, stored->id));
  // One answer per question of a section, whoever writes second; the same words may answer it on
  // another incident, or in another section.
  auto second = store_->answers().Insert(answer, {});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code(), core::ErrorCode::kAlreadyExists);
  answer.incident_id = other.id;
  EXPECT_TRUE(store_->answers().Insert(answer, {}));
  answer.section = core::ReviewSection::kLessons;
  EXPECT_TRUE(store_->answers().Insert(answer, {}));
}

TEST_P(StoreConformance, ImportedEventsAreStoredOncePerSource) {
  core::Incident incident = CreateIncident();
  ASSERT_TRUE(store_->events().Insert(NewEvent(incident.id, "import:alertmanager:abc"), {}));
  auto duplicate = store_->events().Insert(NewEvent(incident.id, "import:alertmanager:abc"), {});
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), core::ErrorCode::kAlreadyExists);
  ASSERT_TRUE(store_->events().Insert(NewEvent(incident.id), {}));
  ASSERT_TRUE(store_->events().Insert(NewEvent(incident.id), {}));
  EXPECT_EQ(store_->events().List(incident.id)->size(), 3u);
}

TEST_P(StoreConformance, EventImportsLandWholeOnceAndPassOverWhatIsThere) {
  core::Incident incident = CreateIncident();
  core::Incident other = CreateIncident();
  ASSERT_TRUE(store_->events().Insert(NewEvent(incident.id, "import:jsonl:a"), {}));
  auto batch = [&](std::vector<std::string> ids) {
    std::vector<core::TimelineEvent> events;
    for (const std::string& id : ids) events.push_back(NewEvent(0, "import:jsonl:" + id));
    return events;
  };
  int64_t generation = *store_->IncidentGeneration(incident.id);

  // Destroyed without Commit (a bad line later in the file, a dry run, Ctrl-C): nothing lands.
  {
    auto import = store_->BeginEventImport(incident.id);
    ASSERT_TRUE(import);
    ASSERT_TRUE((*import)->Add(batch({"b", "c"})));
    auto counted = (*import)->Count();
    ASSERT_TRUE(counted);
    EXPECT_EQ(counted->added, 2);
    EXPECT_EQ(counted->skipped, 0);
  }
  EXPECT_EQ(store_->events().List(incident.id)->size(), 1u);
  EXPECT_EQ(*store_->IncidentGeneration(incident.id), generation);

  // Batches of one import; "a" is there already and "b" comes twice.
  auto import = store_->BeginEventImport(incident.id);
  ASSERT_TRUE(import);
  ASSERT_TRUE((*import)->Add(batch({"a", "b"})));
  ASSERT_TRUE((*import)->Add(batch({"b", "c"})));
  auto counts = (*import)->Commit({5, R"({"import":"jsonl","file":"deploys.jsonl"})"},
                                  {"jsonl", "deploys.jsonl"});
  ASSERT_TRUE(counts) << counts.error().message();
  EXPECT_EQ(counts->added, 2);
  EXPECT_EQ(counts->skipped, 2);
  import->reset();
  auto events = store_->events().List(incident.id);
  ASSERT_EQ(events->size(), 3u);
  for (const core::TimelineEvent& event : *events) EXPECT_EQ(event.incident_id, incident.id);
  // One audit entry for the import, with what was imported and the counts.
  AuditQuery query;
  query.incident_id = incident.id;
  auto audit = store_->ListAudit(query);
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->front().action, "import");
  EXPECT_EQ(audit->front().actor_id, 5);
  EXPECT_EQ(audit->front().diff_json,
            R"({"import":"jsonl","file":"deploys.jsonl","added":2,"skipped":2,"import_id":1})");
  EXPECT_GT(*store_->IncidentGeneration(incident.id), generation);

  // The same sources on another incident are that incident's own.
  auto elsewhere = store_->BeginEventImport(other.id);
  ASSERT_TRUE(elsewhere);
  ASSERT_TRUE((*elsewhere)->Add(batch({"a", "b", "c"})));
  EXPECT_EQ((*elsewhere)->Commit({}, {"jsonl", "test"})->added, 3);
  elsewhere->reset();

  // Only imported events come this way.
  auto manual = store_->BeginEventImport(incident.id);
  ASSERT_TRUE(manual);
  std::vector<core::TimelineEvent> typed = {NewEvent(0)};
  auto refused = (*manual)->Add(typed);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformance, AnImportIsOneUnitThatCanBeUndone) {
  core::Incident incident = CreateIncident();
  auto batch = [&](std::initializer_list<const char*> ids) {
    std::vector<core::TimelineEvent> events;
    for (const char* id : ids) {
      core::TimelineEvent event = NewEvent(incident.id);
      event.source = std::string("import:jsonl:") + id;
      events.push_back(event);
    }
    return events;
  };
  auto manual = store_->events().Insert(NewEvent(incident.id), {});
  ASSERT_TRUE(manual);
  auto import = store_->BeginEventImport(incident.id);
  ASSERT_TRUE(import);
  ASSERT_TRUE((*import)->Add(batch({"a", "b", "c"})));
  ASSERT_TRUE((*import)->Commit({7, "{}"}, {"jsonl", "deploys.jsonl"}));
  import->reset();
  auto listed = store_->ListEventImports(incident.id);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  const EventImportRecord& unit = listed->front();
  EXPECT_EQ(unit.what.format, "jsonl");
  EXPECT_EQ(unit.what.name, "deploys.jsonl");
  EXPECT_EQ(unit.created_by, 7);
  EXPECT_EQ(unit.added, 3);
  EXPECT_FALSE(unit.undone_at);
  auto landed = store_->events().List(incident.id);
  ASSERT_TRUE(landed);
  for (const core::TimelineEvent& event : *landed) {
    if (event.source.starts_with("import:")) {
      EXPECT_EQ(event.import_id, unit.id);
    }
  }
  // The same file again adds nothing, and is no unit of its own.
  auto again = store_->BeginEventImport(incident.id);
  ASSERT_TRUE((*again)->Add(batch({"a", "b", "c"})));
  EXPECT_EQ((*again)->Commit({7, "{}"}, {"jsonl", "deploys.jsonl"})->added, 0);
  again->reset();
  EXPECT_EQ(store_->ListEventImports(incident.id)->size(), 1u);

  int64_t generation = *store_->IncidentGeneration(incident.id);
  auto undone = store_->UndoEventImport(incident.id, unit.id, {8, "{}"});
  ASSERT_TRUE(undone) << undone.error().message();
  EXPECT_EQ(undone->removed, 3);
  EXPECT_EQ(undone->undone_by, 8);
  auto left = store_->events().List(incident.id);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->front().id, manual->id);
  EXPECT_GT(*store_->IncidentGeneration(incident.id), generation);
  // Readers of the incident's events learn that they must read them again.
  EXPECT_FALSE(store_->EventChangesSince(incident.id, generation)->has_value());
  auto twice = store_->UndoEventImport(incident.id, unit.id, {8, "{}"});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store_->UndoEventImport(incident.id, 999, {8, "{}"}).error().code(),
            core::ErrorCode::kNotFound);
  // Undone, the file can be imported again as a new unit.
  auto redo = store_->BeginEventImport(incident.id);
  ASSERT_TRUE((*redo)->Add(batch({"a", "b", "c"})));
  EXPECT_EQ((*redo)->Commit({7, "{}"}, {"jsonl", "deploys.jsonl"})->added, 3);
  redo->reset();
  EXPECT_EQ(store_->ListEventImports(incident.id)->size(), 2u);
}

TEST_P(StoreConformance, EventChangesSinceAGenerationAreReadFromTheLog) {
  core::Incident incident = CreateIncident();
  core::Incident other = CreateIncident("Elsewhere");
  auto first = store_->events().Insert(NewEvent(incident.id), {});
  auto second = store_->events().Insert(NewEvent(incident.id), {});
  ASSERT_TRUE(first && second);
  int64_t since = *store_->IncidentGeneration(incident.id);

  auto unchanged = store_->EventChangesSince(incident.id, since);
  ASSERT_TRUE(unchanged) << unchanged.error().message();
  ASSERT_TRUE(unchanged->has_value());
  EXPECT_TRUE((*unchanged)->empty());

  // Writes to the incident that are not events, and events of another incident, are no change.
  core::Incident retitled = incident;
  retitled.title = "Checkout errors in eu-west";
  ASSERT_TRUE(store_->UpdateIncident(retitled, incident.version, {}));
  ASSERT_TRUE(store_->events().Insert(NewEvent(other.id), {}));
  auto unrelated = store_->EventChangesSince(incident.id, since);
  ASSERT_TRUE(unrelated && unrelated->has_value());
  EXPECT_TRUE((*unrelated)->empty());

  // Created, updated, deleted; one created and then deleted counts as deleted only.
  core::TimelineEvent edited = *first;
  edited.text = "PaymentsHighErrorRate firing in eu-west";
  ASSERT_TRUE(store_->events().Update(edited, first->version, {}));
  ASSERT_TRUE(store_->events().Delete(incident.id, second->id, second->version, {}));
  auto third = store_->events().Insert(NewEvent(incident.id), {});
  auto fleeting = store_->events().Insert(NewEvent(incident.id), {});
  ASSERT_TRUE(third && fleeting);
  ASSERT_TRUE(store_->events().Delete(incident.id, fleeting->id, fleeting->version, {}));
  auto changes = store_->EventChangesSince(incident.id, since);
  ASSERT_TRUE(changes && changes->has_value());
  EXPECT_THAT((*changes)->written, ElementsAre(first->id, third->id));
  EXPECT_THAT((*changes)->deleted, ElementsAre(second->id, fleeting->id));
  EXPECT_TRUE((*changes)->imports.empty());

  // An import is one entry for many events: it names its unit, whose events are read by it.
  int64_t before_import = *store_->IncidentGeneration(incident.id);
  auto import = store_->BeginEventImport(incident.id);
  ASSERT_TRUE(import);
  ASSERT_TRUE((*import)->Add({NewEvent(0, "import:jsonl:a"), NewEvent(0, "import:jsonl:b")}));
  ASSERT_TRUE((*import)->Commit({}, {"jsonl", "test"}));
  import->reset();
  auto imported = store_->EventChangesSince(incident.id, before_import);
  ASSERT_TRUE(imported && imported->has_value());
  ASSERT_EQ((*imported)->imports.size(), 1u);
  EXPECT_TRUE((*imported)->written.empty());
  auto units = store_->ListEventImports(incident.id);
  ASSERT_TRUE(units && !units->empty());
  EXPECT_EQ((*imported)->imports[0], units->front().id);

  auto added = store_->ListImportedEvents(incident.id, (*imported)->imports[0]);
  ASSERT_TRUE(added) << added.error().message();
  ASSERT_EQ(added->size(), 2u);
  EXPECT_EQ((*added)[0].source, "import:jsonl:a");
  EXPECT_EQ((*added)[1].source, "import:jsonl:b");
  EXPECT_TRUE(store_->ListImportedEvents(incident.id, (*imported)->imports[0] + 1000)->empty());

  // An import that added nothing (every event already there) is no change to the events.
  int64_t before_repeat = *store_->IncidentGeneration(incident.id);
  auto repeat = store_->BeginEventImport(incident.id);
  ASSERT_TRUE(repeat);
  ASSERT_TRUE((*repeat)->Add({NewEvent(0, "import:jsonl:a")}));
  ASSERT_TRUE((*repeat)->Commit({}, {"jsonl", "test"}));
  repeat->reset();
  EXPECT_GT(*store_->IncidentGeneration(incident.id), before_repeat);
  auto repeated = store_->EventChangesSince(incident.id, before_repeat);
  ASSERT_TRUE(repeated && repeated->has_value());
  EXPECT_TRUE((*repeated)->empty());
}

// Long enough for the SQLite store to read it in two halves on two connections
// (RecordTable::kSplitListFrom): the halves meet without a gap or a repeat, around another
// incident's events and an edit and a deletion, and a transaction's own writes are in its list.
TEST_P(StoreConformance, ALongEventListReadsWholeAndInIdOrder) {
  constexpr int kLong = 25'000;
  core::Incident incident = CreateIncident();
  core::Incident other = CreateIncident();
  auto import = [&](int first, int count) {
    auto began = store_->BeginEventImport(incident.id);
    ASSERT_TRUE(began) << began.error().message();
    std::vector<core::TimelineEvent> events;
    for (int index = first; index < first + count; ++index) {
      events.push_back(NewEvent(0, "import:jsonl:" + std::to_string(index)));
      events.back().visible_to = {"channel:#incident-" + std::to_string(index % 7)};
    }
    ASSERT_TRUE((*began)->Add(events));
    ASSERT_TRUE((*began)->Commit({}, {"jsonl", "test"}));
  };
  import(0, kLong / 2);
  for (int index = 0; index < 50; ++index) {
    ASSERT_TRUE(store_->events().Insert(NewEvent(other.id), {}));
  }
  import(kLong / 2, kLong / 2 + 1);
  auto listed = store_->events().List(incident.id);
  ASSERT_TRUE(listed) << listed.error().message();
  ASSERT_EQ(listed->size(), static_cast<size_t>(kLong + 1));
  core::TimelineEvent edited = (*listed)[100];
  edited.text = "Edited after the import";
  ASSERT_TRUE(store_->events().Update(edited, edited.version, {}));
  const core::TimelineEvent& deleted = (*listed)[kLong - 100];
  ASSERT_TRUE(store_->events().Delete(incident.id, deleted.id, deleted.version, {}));
  int64_t deleted_id = deleted.id;

  listed = store_->events().List(incident.id);
  ASSERT_TRUE(listed) << listed.error().message();
  ASSERT_EQ(listed->size(), static_cast<size_t>(kLong));
  for (size_t index = 0; index < listed->size(); ++index) {
    const core::TimelineEvent& event = (*listed)[index];
    ASSERT_EQ(event.incident_id, incident.id);
    if (index > 0) {
      ASSERT_LT((*listed)[index - 1].id, event.id);
    }
    ASSERT_NE(event.id, deleted_id);
    int number = std::stoi(event.source.substr(std::string("import:jsonl:").size()));
    ASSERT_EQ(event.visible_to,
              std::vector<std::string>{"channel:#incident-" + std::to_string(number % 7)});
  }
  EXPECT_EQ((*listed)[100].text, "Edited after the import");
  EXPECT_EQ((*listed)[99].text, "PaymentsHighErrorRate firing");

  // Inside a transaction, the list includes what the transaction wrote and has not committed.
  ASSERT_TRUE(store_->InTransaction([&]() -> Result<void> {
    DEBRIEF_RETURN_IF_ERROR(store_->events().Insert(NewEvent(incident.id, "import:x:1"), {}));
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::TimelineEvent> inside,
                             store_->events().List(incident.id));
    EXPECT_EQ(inside.size(), static_cast<size_t>(kLong + 1));
    EXPECT_EQ(inside.back().source, "import:x:1");
    return core::Ok();
  }));
}

// A list is one state of the incident while another process writes it: the other store edits
// the first and the last event together, in one transaction each time, so a list that mixed two
// states (its first half read before a commit and its second half after) would show them apart.
TEST_P(StoreConformance, ALongEventListIsOneStateWhileAnotherProcessWrites) {
  constexpr int kLong = 25'000;
  core::Incident incident = CreateIncident();
  {
    auto import = store_->BeginEventImport(incident.id);
    ASSERT_TRUE(import) << import.error().message();
    std::vector<core::TimelineEvent> events;
    for (int index = 0; index < kLong; ++index) {
      events.push_back(NewEvent(0, "import:jsonl:" + std::to_string(index)));
    }
    ASSERT_TRUE((*import)->Add(events));
    ASSERT_TRUE((*import)->Commit({}, {"jsonl", "test"}));
  }
  auto opened = GetParam().open(directory_, clock_);
  ASSERT_TRUE(opened) << opened.error().message();
  std::unique_ptr<Store> writer = std::move(*opened);
  auto first_listed = writer->events().List(incident.id);
  ASSERT_TRUE(first_listed);
  int64_t first_id = first_listed->front().id;
  int64_t last_id = first_listed->back().id;

  std::atomic<bool> done = false;
  std::atomic<int> commits = 0;
  std::thread writing([&] {
    for (int round = 1; !done; ++round) {
      auto written = writer->InTransaction([&]() -> Result<void> {
        for (int64_t id : {first_id, last_id}) {
          DEBRIEF_ASSIGN_OR_RETURN(core::TimelineEvent event,
                                   writer->events().Get(incident.id, id));
          event.text = "round " + std::to_string(round);
          DEBRIEF_RETURN_IF_ERROR(writer->events().Update(event, event.version, {}));
        }
        return core::Ok();
      });
      if (written) ++commits;
    }
  });
  for (int read = 0; read < 20; ++read) {
    auto listed = store_->events().List(incident.id);
    ASSERT_TRUE(listed) << listed.error().message();
    ASSERT_EQ(listed->size(), static_cast<size_t>(kLong));
    EXPECT_EQ(listed->front().text, listed->back().text) << "read " << read;
  }
  done = true;
  writing.join();
  EXPECT_GT(commits.load(), 0);
}

// Two instances write one incident at once while a third reads it, as several servers on one
// database do. Whatever order the writes commit in, a reader's earlier list of events is the
// start of every later one (no event appears with an id below one already read, which would be
// lost to a reader that asks only for ids above those it has), generations only grow, and each
// write took a generation of its own.
TEST_P(StoreConformance, TwoWritersOfOneIncidentTakeIdsAndGenerationsInCommitOrder) {
  core::Incident incident = CreateIncident();
  constexpr int kPerWriter = 150;
  std::vector<std::unique_ptr<Store>> writers;
  for (int index = 0; index < 2; ++index) {
    auto opened = GetParam().open(directory_, clock_);
    ASSERT_TRUE(opened) << opened.error().message();
    writers.push_back(std::move(*opened));
  }
  std::atomic<int> finished = 0;
  auto write = [&](Store& store) {
    for (int index = 0; index < kPerWriter; ++index) {
      while (true) {
        auto written = store.events().Insert(NewEvent(incident.id), {});
        if (written) break;
        // The other writer held the lock: run again, as the server does.
        if (!written.error().busy()) {
          ADD_FAILURE() << written.error().message();
          ++finished;
          return;
        }
      }
    }
    ++finished;
  };
  std::thread first(write, std::ref(*writers[0]));
  std::thread second(write, std::ref(*writers[1]));
  std::vector<int64_t> seen;
  int64_t generation_seen = 0;
  int reads = 0;
  bool reading = true;
  while (reading) {
    reading = finished < 2;  // One more read after both are done.
    auto generation = store_->IncidentGeneration(incident.id);
    auto listed = store_->events().List(incident.id);
    ASSERT_TRUE(generation && listed);
    EXPECT_GE(*generation, generation_seen);
    generation_seen = *generation;
    std::vector<int64_t> ids;
    for (const core::TimelineEvent& event : *listed) ids.push_back(event.id);
    ASSERT_GE(ids.size(), seen.size());
    EXPECT_TRUE(std::equal(seen.begin(), seen.end(), ids.begin()))
        << "an event appeared below ids already read, at read " << reads;
    seen = std::move(ids);
    ++reads;
  }
  first.join();
  second.join();
  EXPECT_EQ(seen.size(), 2u * kPerWriter);
  auto audit = store_->ListAudit(
      {.incident_id = incident.id, .before_id = {}, .limit = 1000, .hidden_incident_ids = {}});
  ASSERT_TRUE(audit);
  EXPECT_EQ(static_cast<int64_t>(audit->size()), generation_seen)
      << "two writes took one generation";
}

TEST_P(StoreConformance, EventChangesTooManyToBeWorthReadingAreNotDescribed) {
  core::Incident incident = CreateIncident();
  int64_t since = *store_->IncidentGeneration(incident.id);
  ASSERT_TRUE(store_->InTransaction([&]() -> Result<void> {
    for (int index = 0; index < 5000; ++index) {
      DEBRIEF_RETURN_IF_ERROR(store_->events().Insert(NewEvent(incident.id), {}));
    }
    return core::Ok();
  }));
  auto changes = store_->EventChangesSince(incident.id, since);
  ASSERT_TRUE(changes) << changes.error().message();
  EXPECT_FALSE(changes->has_value());
}

TEST_P(StoreConformance, AnImportBeingReadLocksNobodyOut) {
  core::Incident incident = CreateIncident();
  auto import = store_->BeginEventImport(incident.id);
  ASSERT_TRUE(import);
  ASSERT_TRUE((*import)->Add({NewEvent(0, "import:jsonl:staged")}));
  // Another process writes the same incident while the import is still reading its file.
  auto opened = GetParam().open(directory_, clock_);
  ASSERT_TRUE(opened) << opened.error().message();
  std::unique_ptr<Store> other = std::move(*opened);
  auto written = other->events().Insert(NewEvent(incident.id, "import:jsonl:meanwhile"), {});
  ASSERT_TRUE(written) << written.error().message();
  ASSERT_TRUE((*import)->Add({NewEvent(0, "import:jsonl:meanwhile")}));
  auto counts = (*import)->Commit({}, {"jsonl", "test"});
  ASSERT_TRUE(counts) << counts.error().message();
  EXPECT_EQ(counts->added, 1);
  EXPECT_EQ(counts->skipped, 1);
  EXPECT_EQ(other->events().List(incident.id)->size(), 2u);
}

TEST_P(StoreConformance, OneAccountPerParticipantAndOneParticipantPerUser) {
  core::Incident incident = CreateIncident();
  core::User user = CreateUser("marcus@example.com");
  core::Participant participant;
  participant.incident_id = incident.id;
  participant.user_id = user.id;
  participant.name = "Marcus";
  auto stored = store_->participants().Insert(participant, {});
  ASSERT_TRUE(stored);
  EXPECT_EQ(store_->participants().Insert(participant, {}).error().code(),
            core::ErrorCode::kAlreadyExists);
  core::Account account;
  account.incident_id = incident.id;
  account.participant_id = stored->id;
  account.author_id = user.id;
  ASSERT_TRUE(store_->accounts().Insert(account, {}));
  EXPECT_EQ(store_->accounts().Insert(account, {}).error().code(), core::ErrorCode::kAlreadyExists);
}

TEST_P(StoreConformance, WritesAreAuditedWithActorAndDiff) {
  core::Incident incident = NewIncident();
  auto created = store_->CreateIncident(incident, {7, R"({"title":{"from":null,"to":"x"}})"});
  ASSERT_TRUE(created);
  core::ContributingFactor factor;
  factor.incident_id = created->id;
  factor.text = "No alert";
  ASSERT_TRUE(store_->factors().Insert(factor, {8, "{}"}));
  AuditQuery query;
  query.incident_id = created->id;
  auto entries = store_->ListAudit(query);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].entity, "contributing_factors");
  EXPECT_EQ((*entries)[0].actor_id, 8);
  EXPECT_EQ((*entries)[1].entity, "incidents");
  EXPECT_EQ((*entries)[1].action, "create");
  EXPECT_EQ((*entries)[1].diff_json, R"({"title":{"from":null,"to":"x"}})");
}

TEST_P(StoreConformance, IncidentGenerationMovesWithEveryWriteToTheIncident) {
  core::Incident incident = CreateIncident();
  core::Incident other = CreateIncident();
  int64_t first = *store_->IncidentGeneration(incident.id);
  EXPECT_GT(first, 0);
  auto event = store_->events().Insert(NewEvent(incident.id), {});
  ASSERT_TRUE(event);
  int64_t second = *store_->IncidentGeneration(incident.id);
  EXPECT_GT(second, first);
  ASSERT_TRUE(store_->events().Insert(NewEvent(other.id), {}));
  EXPECT_EQ(*store_->IncidentGeneration(incident.id), second);
  ASSERT_TRUE(store_->events().Delete(incident.id, event->id, 1, {}));
  EXPECT_GT(*store_->IncidentGeneration(incident.id), second);
  EXPECT_EQ(*store_->IncidentGeneration(424242), 0);
}

TEST_P(StoreConformance, ForeignKeysAreEnforced) {
  core::Incident incident = CreateIncident();
  core::Account account;
  account.incident_id = incident.id;
  account.participant_id = 999;
  account.author_id = 999;
  auto result = store_->accounts().Insert(account, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), core::ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformance, AFailedWriteLeavesNoAuditEntry) {
  core::Incident incident = CreateIncident();
  ASSERT_TRUE(store_->events().Insert(NewEvent(incident.id, "import:x:1"), {}));
  size_t before = store_->ListAudit({})->size();
  EXPECT_FALSE(store_->events().Insert(NewEvent(incident.id, "import:x:1"), {}));
  core::TimelineEvent stale = store_->events().List(incident.id)->front();
  EXPECT_FALSE(store_->events().Update(stale, 5, {}));
  EXPECT_EQ(store_->ListAudit({})->size(), before);
}

TEST_P(StoreConformance, TransactionsCommitOrRollBackTogether) {
  core::Incident incident = CreateIncident();
  auto failed = store_->InTransaction([&]() -> core::Result<void> {
    DEBRIEF_RETURN_IF_ERROR(store_->events().Insert(NewEvent(incident.id), {}));
    return core::Error::InvalidArgument("changed my mind");
  });
  EXPECT_FALSE(failed);
  EXPECT_TRUE(store_->events().List(incident.id)->empty());
  auto committed = store_->InTransaction([&]() -> core::Result<void> {
    DEBRIEF_RETURN_IF_ERROR(store_->events().Insert(NewEvent(incident.id), {}));
    DEBRIEF_RETURN_IF_ERROR(store_->events().Insert(NewEvent(incident.id), {}));
    return core::Ok();
  });
  EXPECT_TRUE(committed);
  EXPECT_EQ(store_->events().List(incident.id)->size(), 2u);
}

TEST_P(StoreConformance, DataSurvivesReopening) {
  core::Incident incident = CreateIncident();
  ASSERT_TRUE(store_->events().Insert(NewEvent(incident.id), {}));
  Reopen();
  EXPECT_EQ(store_->GetIncident(incident.key)->title, incident.title);
  EXPECT_EQ(store_->events().List(incident.id)->size(), 1u);
  EXPECT_EQ(CreateIncident().key, "INC-2026-0002");
}

TEST_P(StoreConformance, UsersHaveUniqueEmails) {
  core::User user = CreateUser("lena@example.com", core::Role::kAdmin);
  core::User duplicate;
  duplicate.email = "lena@example.com";
  duplicate.name = "Other";
  duplicate.password_hash = "x";
  auto result = store_->CreateUser(duplicate, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(result.error().field(), "email");
  EXPECT_EQ(store_->FindUserByEmail("lena@example.com")->id, user.id);
  user.role = core::Role::kViewer;
  auto updated = store_->UpdateUser(user, {});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(updated->role, core::Role::kViewer);
  EXPECT_EQ(updated->version, user.version + 1);
  // A change made against the version before is refused and changes nothing.
  user.role = core::Role::kMember;
  auto stale = store_->UpdateUser(user, {});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store_->GetUser(user.id)->role, core::Role::kViewer);
  EXPECT_EQ(*store_->CountUsers(), 1);
  EXPECT_EQ(store_->ListUsers()->size(), 1u);
}

TEST_P(StoreConformance, SessionsExpire) {
  core::User user = CreateUser("sam@example.com");
  core::Session session;
  session.token_hash = "hash-1";
  session.user_id = user.id;
  session.csrf_token = "csrf";
  session.created_at = clock_.Now();
  session.expires_at = clock_.Now() + 1h;
  ASSERT_TRUE(store_->CreateSession(session));
  EXPECT_EQ(store_->FindSessionOwner("hash-1", clock_.Now())->session.user_id, user.id);
  EXPECT_EQ(store_->FindSessionOwner("hash-1", clock_.Now() + 2h).error().code(),
            core::ErrorCode::kUnauthenticated);
  // Everything the session and its owner hold, as every browser request reads them.
  auto owned = store_->FindSessionOwner("hash-1", clock_.Now());
  ASSERT_TRUE(owned) << owned.error().message();
  EXPECT_EQ(owned->session.csrf_token, "csrf");
  EXPECT_EQ(owned->session.expires_at, session.expires_at);
  EXPECT_EQ(owned->user.id, user.id);
  EXPECT_EQ(owned->user.email, "sam@example.com");
  EXPECT_EQ(owned->user.role, user.role);
  EXPECT_EQ(store_->FindSessionOwner("hash-1", clock_.Now() + 2h).error().code(),
            core::ErrorCode::kUnauthenticated);
  ASSERT_TRUE(store_->DeleteSession("hash-1"));
  EXPECT_FALSE(store_->FindSessionOwner("hash-1", clock_.Now()).has_value());
  EXPECT_FALSE(store_->FindSessionOwner("hash-1", clock_.Now()));
}

TEST_P(StoreConformance, ApiTokensAreFoundByHash) {
  core::User user = CreateUser("ci@example.com");
  core::ApiToken token;
  token.user_id = user.id;
  token.name = "ci";
  token.token_hash = "abc123";
  ASSERT_TRUE(store_->CreateApiToken(token, {}));
  EXPECT_EQ(store_->FindApiTokenOwner("abc123")->token.user_id, user.id);
  EXPECT_FALSE(store_->FindApiTokenOwner("abc124").has_value());
  auto owned = store_->FindApiTokenOwner("abc123");
  ASSERT_TRUE(owned) << owned.error().message();
  EXPECT_EQ(owned->token.name, "ci");
  EXPECT_EQ(owned->token.user_id, user.id);
  EXPECT_EQ(owned->user.id, user.id);
  EXPECT_EQ(owned->user.email, "ci@example.com");
  EXPECT_FALSE(owned->user.disabled);
  EXPECT_EQ(store_->FindApiTokenOwner("abc124").error().code(), core::ErrorCode::kUnauthenticated);
  // An owner disabled since: still found, so the caller can say why the token fails.
  core::User disabled = *store_->GetUser(user.id);
  disabled.disabled = true;
  ASSERT_TRUE(store_->UpdateUser(disabled, {}));
  EXPECT_TRUE(store_->FindApiTokenOwner("abc123")->user.disabled);
}

TEST_P(StoreConformance, ListsActionItemsAcrossIncidentsOverdueFirst) {
  core::User owner = CreateUser("owner@example.com");
  core::Incident first = CreateIncident();
  core::Incident second = CreateIncident();
  auto add = [&](const core::Incident& incident, const char* title, const char* due,
                 core::ActionStatus status, std::optional<int64_t> owner_id) {
    core::ActionItem action;
    action.incident_id = incident.id;
    action.title = title;
    if (due != nullptr) action.due_on = core::ParseDate(due);
    action.status = status;
    if (status == core::ActionStatus::kWontDo) action.wont_do_reason = "n/a";
    action.owner_id = owner_id;
    ASSERT_TRUE(store_->actions().Insert(action, {}));
  };
  add(first, "late", "2026-03-01", core::ActionStatus::kOpen, owner.id);
  add(second, "later", "2026-05-01", core::ActionStatus::kInProgress, owner.id);
  add(second, "done late", "2026-02-01", core::ActionStatus::kDone, owner.id);
  add(first, "no date", nullptr, core::ActionStatus::kOpen, owner.id);
  add(first, "someone else's", "2026-03-01", core::ActionStatus::kOpen, std::nullopt);

  ActionQuery mine;
  mine.owner_id = owner.id;
  auto all = store_->ListActions(mine);
  ASSERT_TRUE(all);
  std::vector<std::string> titles;
  for (const auto& found : *all) titles.push_back(found.action.title);
  EXPECT_THAT(titles, ElementsAre("done late", "late", "later", "no date"));
  EXPECT_EQ((*all)[1].incident_key, first.key);

  mine.overdue_on = core::ParseDate("2026-03-14");
  auto overdue = store_->ListActions(mine);
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_EQ((*overdue)[0].action.title, "late");
  mine.overdue_on.reset();
  mine.status = core::ActionStatus::kDone;
  EXPECT_EQ(store_->ListActions(mine)->size(), 1u);
}

// People who sign in through an identity provider are found by issuer and subject, created with
// their identity in one step (neither lands without the other), and kept in backups.
TEST_P(StoreConformance, UsersAreFoundByTheirIdentityAtAProvider) {
  constexpr char kIssuer[] = "https://login.example.com";
  auto none = store_->FindUserByIdentity(kIssuer, "ana-1");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), core::ErrorCode::kNotFound);
  core::User ana;
  ana.email = "ana@example.com";
  ana.name = "Ana";
  ana.role = core::Role::kMember;
  auto created = store_->CreateUserWithIdentity(ana, {0, kIssuer, "ana-1", {}}, {});
  ASSERT_TRUE(created) << created.error().message();
  auto found = store_->FindUserByIdentity(kIssuer, "ana-1");
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->id, created->id);
  EXPECT_EQ(found->email, "ana@example.com");
  EXPECT_FALSE(store_->FindUserByIdentity(kIssuer, "ana-2"));
  EXPECT_FALSE(store_->FindUserByIdentity("https://other.example.com", "ana-1"));

  core::User ben = ana;
  ben.email = "ben@example.com";
  auto taken_identity = store_->CreateUserWithIdentity(ben, {0, kIssuer, "ana-1", {}}, {});
  ASSERT_FALSE(taken_identity);
  EXPECT_EQ(taken_identity.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_FALSE(store_->FindUserByEmail("ben@example.com")) << "no user without their identity";
  auto taken_email = store_->CreateUserWithIdentity(ana, {0, kIssuer, "ana-3", {}}, {});
  ASSERT_FALSE(taken_email);
  EXPECT_EQ(taken_email.error().field(), "email");
  EXPECT_FALSE(store_->FindUserByIdentity(kIssuer, "ana-3")) << "no identity without its user";

  auto identities = store_->ListUserIdentities();
  ASSERT_TRUE(identities);
  ASSERT_EQ(identities->size(), 1u);
  EXPECT_EQ((*identities)[0].user_id, created->id);
  EXPECT_EQ((*identities)[0].subject, "ana-1");
  EXPECT_EQ((*identities)[0].created_at, created->created_at);
  auto backup = ReadBackup(*store_);
  ASSERT_TRUE(backup);
  ASSERT_EQ(backup->user_identities.size(), 1u);

  // A second identity linked to the same user (provisioned first, signing in later).
  ASSERT_TRUE(store_->LinkUserIdentity({created->id, "scim", "ana.p", clock_.Now()}));
  auto linked = store_->FindUserByIdentity("scim", "ana.p");
  ASSERT_TRUE(linked);
  EXPECT_EQ(linked->id, created->id);
  auto taken_link = store_->LinkUserIdentity({created->id, kIssuer, "ana-1", clock_.Now()});
  ASSERT_FALSE(taken_link);
  EXPECT_EQ(taken_link.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(store_->ListUserIdentities()->size(), 2u);
}

// Groups hold users once each, are named uniquely in any case, refuse a stale write and a member
// who is nobody, and come back whole from a backup.
TEST_P(StoreConformance, GroupsKeepTheirMembersAndComeBackFromABackup) {
  core::User ana = CreateUser("ana@example.com");
  core::User ben = CreateUser("ben@example.com");
  core::Group sre;
  sre.name = "SRE On-Call";
  sre.member_ids = {ben.id, ana.id, ben.id};
  auto created = store_->CreateGroup(sre, {std::nullopt, R"({"via":"SCIM"})"});
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->created_at, clock_.Now());
  EXPECT_EQ(created->member_ids, (std::vector<int64_t>{ana.id, ben.id}));

  core::Group same_name;
  same_name.name = " sre on-call";
  auto taken = store_->CreateGroup(same_name, {});
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.error().field(), "name");
  core::Group nobody;
  nobody.name = "Ghosts";
  nobody.member_ids = {ana.id, 987654};
  auto refused = store_->CreateGroup(nobody, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field(), "members");
  EXPECT_EQ(store_->FindGroupByName("Ghosts").error().code(), core::ErrorCode::kNotFound)
      << "nothing of a refused group stays";

  auto found = store_->FindGroupByName("SRE ON-CALL");
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->id, created->id);
  EXPECT_EQ(found->name, "SRE On-Call");
  EXPECT_EQ(*store_->ListGroupIdsOf(ana.id), std::vector<int64_t>{created->id});

  core::Group renamed = *created;
  renamed.name = "SRE";
  renamed.member_ids = {ben.id};
  auto updated = store_->UpdateGroup(renamed, {});
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->member_ids, std::vector<int64_t>{ben.id});
  EXPECT_TRUE(store_->ListGroupIdsOf(ana.id)->empty());
  auto stale = store_->UpdateGroup(renamed, {});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), core::ErrorCode::kFailedPrecondition);
  core::Group with_nobody = *updated;
  with_nobody.member_ids = {987654};
  EXPECT_EQ(store_->UpdateGroup(with_nobody, {}).error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->GetGroup(created->id)->member_ids, std::vector<int64_t>{ben.id})
      << "a refused update changes nothing";

  core::Group empty;
  empty.name = "Empty";
  auto second = store_->CreateGroup(empty, {});
  ASSERT_TRUE(second);
  auto all = store_->ListGroups();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "SRE");
  EXPECT_EQ((*all)[1].name, "Empty");

  auto backup = ReadBackup(*store_);
  ASSERT_TRUE(backup) << backup.error().message();
  ASSERT_EQ(backup->groups.size(), 2u);
  std::filesystem::path elsewhere = directory_ / "restored-groups";
  std::filesystem::create_directories(elsewhere);
  auto target = GetParam().open(elsewhere, clock_);
  ASSERT_TRUE(target) << target.error().message();
  ASSERT_TRUE((*target)->Restore(*backup));
  auto restored = (*target)->GetGroup(created->id);
  ASSERT_TRUE(restored) << restored.error().message();
  EXPECT_EQ(restored->name, "SRE");
  EXPECT_EQ(restored->version, 2);
  EXPECT_EQ(restored->member_ids, std::vector<int64_t>{ben.id});
  core::Group after;
  after.name = "After the restore";
  auto next = (*target)->CreateGroup(after, {});
  ASSERT_TRUE(next) << next.error().message();
  EXPECT_GT(next->id, second->id) << "new groups are numbered after the restored ones";

  ASSERT_TRUE(store_->DeleteGroup(created->id, {}));
  EXPECT_EQ(store_->GetGroup(created->id).error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(store_->DeleteGroup(created->id, {}).error().code(), core::ErrorCode::kNotFound);
  EXPECT_TRUE(store_->ListGroupIdsOf(ben.id)->empty());
  EXPECT_TRUE(store_->GetUser(ben.id)) << "members stay users";
}

// A restricted incident's readers are kept and replaced whole, listed with everyone who may see
// it, carried by backups; lists across incidents leave out the ids a reader may not see, and the
// organisation's pulse leaves restricted reviews out for everyone.
TEST_P(StoreConformance, RestrictedIncidentsKeepTheirReadersAndListsLeaveOutTheHidden) {
  core::User ana = CreateUser("ana@example.com");
  core::User ben = CreateUser("ben@example.com");
  core::Group security;
  security.name = "security";
  auto group = store_->CreateGroup(security, {});
  ASSERT_TRUE(group);
  core::Incident open = CreateIncident("Queue backlog");
  core::Incident hidden = NewIncident("Signing keys exposed");
  hidden.restricted = true;
  hidden.created_by = ana.id;
  auto created = store_->CreateIncident(hidden, {});
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_TRUE(created->restricted);
  EXPECT_TRUE(store_->GetIncident(created->key)->restricted);
  core::Participant responder;
  responder.incident_id = created->id;
  responder.name = "Ben";
  responder.user_id = ben.id;
  ASSERT_TRUE(store_->participants().Insert(responder, {}));

  EXPECT_EQ(*store_->ListIncidentReaders(created->id), core::IncidentReaders{});
  ASSERT_TRUE(store_->ReplaceIncidentReaders(created->id, {{ana.id, ben.id}, {group->id}},
                                             {ana.id, R"({"readers":"changed"})"}));
  EXPECT_EQ(*store_->ListIncidentReaders(created->id),
            (core::IncidentReaders{{ana.id, ben.id}, {group->id}}));
  ASSERT_TRUE(store_->ReplaceIncidentReaders(created->id, {{ben.id}, {}}, {}));
  EXPECT_EQ(*store_->ListIncidentReaders(created->id), (core::IncidentReaders{{ben.id}, {}}));
  auto unknown = store_->ReplaceIncidentReaders(created->id, {{987654}, {}}, {});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field(), "readers");
  EXPECT_EQ(*store_->ListIncidentReaders(created->id), (core::IncidentReaders{{ben.id}, {}}))
      << "a refused change keeps the readers as they were";
  auto audit = store_->ListAudit(
      {.incident_id = created->id, .before_id = {}, .limit = 100, .hidden_incident_ids = {}});
  ASSERT_TRUE(audit);
  EXPECT_TRUE(std::any_of(audit->begin(), audit->end(), [](const core::AuditEntry& entry) {
    return entry.entity == "incident_readers";
  }));

  auto restricted = store_->ListRestrictedIncidents();
  ASSERT_TRUE(restricted);
  ASSERT_EQ(restricted->size(), 1u);
  EXPECT_EQ((*restricted)[0].incident_id, created->id);
  EXPECT_EQ((*restricted)[0].created_by, ana.id);
  EXPECT_EQ((*restricted)[0].participant_user_ids, std::vector<int64_t>{ben.id});
  EXPECT_EQ((*restricted)[0].readers, (core::IncidentReaders{{ben.id}, {}}));

  store::IncidentQuery query;
  query.hidden_incident_ids = {created->id};
  auto page = store_->ListIncidents(query);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->incidents.size(), 1u);
  EXPECT_EQ(page->incidents[0].id, open.id);
  EXPECT_EQ(store_->ListIncidents({})->incidents.size(), 2u);
  core::ActionItem action;
  action.incident_id = created->id;
  action.title = "Rotate the keys";
  ASSERT_TRUE(store_->actions().Insert(action, {}));
  store::ActionQuery actions;
  EXPECT_EQ(store_->ListActions(actions)->size(), 1u);
  actions.hidden_incident_ids = {created->id};
  EXPECT_TRUE(store_->ListActions(actions)->empty());
  store::AuditQuery all_audit;
  all_audit.hidden_incident_ids = {created->id};
  auto visible_audit = store_->ListAudit(all_audit);
  ASSERT_TRUE(visible_audit);
  EXPECT_TRUE(std::none_of(
      visible_audit->begin(), visible_audit->end(),
      [&](const core::AuditEntry& entry) { return entry.incident_id == created->id; }));
  EXPECT_TRUE(std::any_of(visible_audit->begin(), visible_audit->end(),
                          [&](const core::AuditEntry& entry) { return !entry.incident_id; }))
      << "entries about no incident stay";

  auto backup = ReadBackup(*store_);
  ASSERT_TRUE(backup) << backup.error().message();
  std::filesystem::path elsewhere = directory_ / "restored-readers";
  std::filesystem::create_directories(elsewhere);
  auto target = GetParam().open(elsewhere, clock_);
  ASSERT_TRUE(target) << target.error().message();
  ASSERT_TRUE((*target)->Restore(*backup));
  EXPECT_EQ(*(*target)->ListIncidentReaders(created->id), (core::IncidentReaders{{ben.id}, {}}));
  EXPECT_TRUE((*target)->GetIncident(created->key)->restricted);
}

// A sign-in begun at an identity provider is taken once, and old ones go as new ones come.
TEST_P(StoreConformance, PendingSignInsAreTakenOnceAndExpire) {
  core::PendingSignIn pending{"hash-1", "nonce-1", "verifier-1", "/incidents", clock_.Now()};
  ASSERT_TRUE(store_->SavePendingSignIn(pending, clock_.Now() - std::chrono::minutes(10)));
  EXPECT_EQ(store_->SavePendingSignIn(pending, clock_.Now()).error().code(),
            core::ErrorCode::kAlreadyExists);
  auto taken = store_->TakePendingSignIn("hash-1");
  ASSERT_TRUE(taken) << taken.error().message();
  EXPECT_EQ(taken->nonce, "nonce-1");
  EXPECT_EQ(taken->code_verifier, "verifier-1");
  EXPECT_EQ(taken->return_to, "/incidents");
  EXPECT_EQ(taken->created_at, clock_.Now());
  EXPECT_EQ(store_->TakePendingSignIn("hash-1").error().code(), core::ErrorCode::kNotFound);

  core::PendingSignIn old{"hash-old", "n", "v", "/", clock_.Now()};
  ASSERT_TRUE(store_->SavePendingSignIn(old, clock_.Now() - std::chrono::minutes(10)));
  clock_.Advance(std::chrono::minutes(11));
  core::PendingSignIn fresh{"hash-new", "n", "v", "/", clock_.Now()};
  ASSERT_TRUE(store_->SavePendingSignIn(fresh, clock_.Now() - std::chrono::minutes(10)));
  EXPECT_FALSE(store_->TakePendingSignIn("hash-old")) << "dropped when the next one came";
  EXPECT_TRUE(store_->TakePendingSignIn("hash-new"));
}

// A restore written piece by piece (as `debrief copy` streams one) lands whole when finished, in
// whatever order its incidents and audit pages come, and not at all when the writer is dropped
// or one of its parts fails.
TEST_P(StoreConformance, ARestoreWrittenPieceByPieceLandsWholeOrNotAtAll) {
  CreateUser("ana@example.com");
  core::User cleo;
  cleo.email = "cleo@example.com";
  cleo.name = "Cleo";
  ASSERT_TRUE(store_->CreateUserWithIdentity(cleo, {0, "https://login.example.com", "c", {}}, {}));
  for (const char* title : {"Checkout errors", "Queue backlog", "Certificate expired"}) {
    core::Incident incident = CreateIncident(title);
    ASSERT_TRUE(store_->events().Insert(NewEvent(incident.id), {}));
  }
  auto source = ReadBackup(*store_);
  ASSERT_TRUE(source) << source.error().message();
  ASSERT_EQ(source->incidents.size(), 3u);
  ASSERT_GE(source->audit.size(), 6u);
  Backup head = *source;
  head.incidents.clear();
  head.audit.clear();

  std::filesystem::path elsewhere = directory_ / "restored";
  std::filesystem::create_directories(elsewhere);
  auto target = GetParam().open(elsewhere, clock_);
  ASSERT_TRUE(target) << target.error().message();
  auto empty = [&] {
    auto now = ReadBackup(**target);
    return now && now->users.empty() && now->incidents.empty() && now->audit.empty();
  };
  {
    auto writer = (*target)->BeginRestore(head);
    ASSERT_TRUE(writer) << writer.error().message();
    ASSERT_TRUE((*writer)->WriteIncident(source->incidents[0]));
  }
  EXPECT_TRUE(empty()) << "a writer dropped before Finish keeps nothing";
  {
    auto writer = (*target)->BeginRestore(head);
    ASSERT_TRUE(writer) << writer.error().message();
    ASSERT_TRUE((*writer)->WriteIncident(source->incidents[1]));
    EXPECT_FALSE((*writer)->WriteIncident(source->incidents[1])) << "the same ids twice";
    auto after = (*writer)->WriteIncident(source->incidents[0]);
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().code(), core::ErrorCode::kFailedPrecondition);
    EXPECT_FALSE((*writer)->Finish());
  }
  EXPECT_TRUE(empty()) << "a failed part keeps nothing";

  auto writer = (*target)->BeginRestore(head);
  ASSERT_TRUE(writer) << writer.error().message();
  for (auto item = source->incidents.rbegin(); item != source->incidents.rend(); ++item) {
    ASSERT_TRUE((*writer)->WriteIncident(*item));
  }
  std::vector<core::AuditEntry> newest_first(source->audit.rbegin(), source->audit.rend());
  size_t half = newest_first.size() / 2;
  ASSERT_TRUE((*writer)->WriteAudit(std::span(newest_first).first(half)));
  ASSERT_TRUE((*writer)->WriteAudit(std::span(newest_first).subspan(half)));
  ASSERT_TRUE((*writer)->Finish());
  EXPECT_EQ((*writer)->Finish().error().code(), core::ErrorCode::kFailedPrecondition);

  auto restored = ReadBackup(**target);
  ASSERT_TRUE(restored) << restored.error().message();
  ASSERT_EQ(restored->incidents.size(), 3u);
  for (size_t index = 0; index < 3; ++index) {
    EXPECT_EQ(restored->incidents[index].incident.key, source->incidents[index].incident.key);
    EXPECT_EQ(restored->incidents[index].incident.version,
              source->incidents[index].incident.version);
    ASSERT_EQ(restored->incidents[index].events.size(), 1u);
    EXPECT_EQ(restored->incidents[index].events[0].id, source->incidents[index].events[0].id);
  }
  ASSERT_EQ(restored->audit.size(), source->audit.size());
  EXPECT_EQ(restored->audit.front().id, source->audit.front().id);
  EXPECT_EQ(restored->audit.back().id, source->audit.back().id);
  EXPECT_EQ(restored->users.size(), source->users.size());
  ASSERT_EQ(restored->user_identities.size(), 1u);
  auto linked = (*target)->FindUserByIdentity("https://login.example.com", "c");
  ASSERT_TRUE(linked) << linked.error().message();
  EXPECT_EQ(linked->email, "cleo@example.com");
  auto next = (*target)->CreateIncident(NewIncident("After the restore"), {});
  ASSERT_TRUE(next) << next.error().message();
  EXPECT_EQ(next->key, "INC-2026-0004");
  target->reset();
  GetParam().remove(elsewhere);
}

INSTANTIATE_TEST_SUITE_P(Adapters, StoreConformance, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return std::string(info.param.name); });

// Erasing a person (app/erasure.h): the user row becomes a stand-in with no way in, and the texts
// kept outside records are rewritten in place, on every back end alike.
TEST_P(StoreConformance, AnErasedPersonBecomesAStandInAndStoredTextsAreRewritten) {
  core::User ana;
  ana.email = "ana.lima@example.com";
  ana.name = "Ana Lima";
  ana.password_hash = "$argon2id$fake";
  auto created = store_->CreateUserWithIdentity(ana, {0, "https://idp.example.com", "ana-1", {}},
                                                {std::nullopt, R"({"name":"Ana Lima"})"});
  ASSERT_TRUE(created) << created.error().message();
  ana = *created;
  core::Session session;
  session.token_hash = "ana-session";
  session.user_id = ana.id;
  session.created_at = clock_.Now();
  session.expires_at = clock_.Now() + 1h;
  ASSERT_TRUE(store_->CreateSession(session));
  core::ApiToken token;
  token.user_id = ana.id;
  token.name = "Ana Lima's laptop";
  token.token_hash = "ana-token";
  ASSERT_TRUE(store_->CreateApiToken(token, {}));
  core::Group group;
  group.name = "SRE";
  group.member_ids = {ana.id};
  ASSERT_TRUE(store_->CreateGroup(group, {}));
  core::User publisher = CreateUser("pub@example.com");
  core::Incident incident = CreateIncident();
  ASSERT_TRUE(store_->Publish(incident, incident.version, R"({"people":[{"name":"Ana Lima"}]})",
                              {publisher.id, "{}"}));

  auto no_change = [](const store::StandInRemovals&) { return store::Change{}; };
  auto stale =
      store_->MakeErasedStandIn(ana.id, ana.version + 1, "Erased person", "e@x.invalid", no_change);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), core::ErrorCode::kFailedPrecondition);
  auto taken =
      store_->MakeErasedStandIn(ana.id, ana.version, "Erased person", "pub@example.com", no_change);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code(), core::ErrorCode::kAlreadyExists);

  auto rewrite = [](std::string_view text) -> std::optional<std::string> {
    std::string out(text);
    bool changed = false;
    for (size_t at = out.find("Ana Lima"); at != std::string::npos; at = out.find("Ana Lima")) {
      out.replace(at, 8, "erased person");
      changed = true;
    }
    if (!changed) return std::nullopt;
    return out;
  };
  auto published = store_->RewriteStoredTexts(store::StoredText::kPublishedSnapshots, rewrite);
  ASSERT_TRUE(published) << published.error().message();
  EXPECT_EQ(*published, std::vector<int64_t>{incident.id});  // Incidents, not rows.
  EXPECT_EQ(store_->GetPublishedVersion(incident.id, 1)->snapshot,
            R"({"people":[{"name":"erased person"}]})");
  auto names = store_->RewriteStoredTexts(store::StoredText::kApiTokenNames, rewrite);
  ASSERT_TRUE(names) << names.error().message();
  EXPECT_EQ(names->size(), 1u);
  auto audit = store_->RewriteStoredTexts(store::StoredText::kAuditDiffs, rewrite);
  ASSERT_TRUE(audit) << audit.error().message();
  EXPECT_GE(audit->size(), 1u);
  for (store::StoredText kind :
       {store::StoredText::kImportedDocuments, store::StoredText::kEventImportNames,
        store::StoredText::kNotificationTitles, store::StoredText::kWebhookPayloads}) {
    auto none = store_->RewriteStoredTexts(kind, rewrite);
    ASSERT_TRUE(none) << none.error().message();
    EXPECT_TRUE(none->empty());
  }

  auto removals = store_->MakeErasedStandIn(
      ana.id, ana.version, "Erased person 1", "erased-1@erased.invalid",
      [&](const store::StandInRemovals& removed) {
        // The audit entry is made from what was removed.
        return store::Change{publisher.id,
                             R"({"sessions_ended":)" + std::to_string(removed.sessions) + "}"};
      });
  ASSERT_TRUE(removals) << removals.error().message();
  EXPECT_EQ(removals->sessions, 1);
  EXPECT_EQ(removals->identities, 1);
  EXPECT_EQ(removals->group_memberships, 1);
  auto stand_in = store_->GetUser(ana.id);
  ASSERT_TRUE(stand_in);
  EXPECT_EQ(stand_in->name, "Erased person 1");
  EXPECT_EQ(stand_in->email, "erased-1@erased.invalid");
  EXPECT_TRUE(stand_in->disabled);
  EXPECT_EQ(stand_in->password_hash, "");
  EXPECT_EQ(stand_in->version, ana.version + 1);
  EXPECT_FALSE(store_->FindSessionOwner("ana-session", clock_.Now()));
  EXPECT_FALSE(store_->FindUserByIdentity("https://idp.example.com", "ana-1"));
  auto owner = store_->FindApiTokenOwner("ana-token");
  ASSERT_TRUE(owner);
  EXPECT_TRUE(owner->token.revoked_at);
  EXPECT_EQ(owner->token.name, "erased person's laptop");
  EXPECT_TRUE(store_->ListGroupIdsOf(ana.id)->empty());
  auto entries = store_->ListAudit({});
  ASSERT_TRUE(entries);
  ASSERT_FALSE(entries->empty());
  EXPECT_EQ(entries->front().action, "erase");
  EXPECT_EQ(entries->front().diff_json, R"({"sessions_ended":1})");
  EXPECT_EQ(entries->front().entity_id, ana.id);
  for (const core::AuditEntry& entry : *entries) {
    EXPECT_EQ(entry.diff_json.find("Ana Lima"), std::string::npos) << entry.diff_json;
  }
}

}  // namespace
}  // namespace debrief::store
