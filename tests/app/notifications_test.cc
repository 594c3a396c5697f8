// Who is told what, on a real store: each trigger reaches the right people, once, never the
// person who acted, never someone who may not read what it is about, and each notification is
// queued for e-mail and chat as its person chose.
#include "app/notifications.h"

#include <gmock/gmock.h>

#include "app/notification_fixture.h"

namespace debrief::app {
namespace {

using namespace std::chrono_literals;

class NotifierTest : public NotificationFixture {};

TEST_F(NotifierTest, AddingAPersonAsksThemForTheirAccountOnce) {
  core::Participant priya = AddParticipant(priya_, "Priya Raman");
  ASSERT_EQ(notifier().AddedToIncident(incident_, priya, lena_).value_or(-1), 1);
  ASSERT_EQ(notifier().AddedToIncident(incident_, priya, lena_).value_or(-1), 0);  // A repeat.
  auto inbox = InboxOf(priya_);
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].kind, core::NotificationKind::kAddedToIncident);
  EXPECT_EQ(inbox[0].title, "Lena Fischer added you to " + incident_.key + ": Checkout errors");
  EXPECT_EQ(inbox[0].path, "/incidents/" + incident_.key + "/account");
  EXPECT_EQ(store_->CountUnreadNotifications(priya_, {}).value_or(-1), 1);
  // Adding yourself tells nobody; a person without a login has no inbox.
  core::Participant lena = AddParticipant(lena_, "Lena Fischer");
  EXPECT_EQ(notifier().AddedToIncident(incident_, lena, lena_).value_or(-1), 0);
  core::Participant vendor;
  vendor.id = 99;
  vendor.name = "Dana from the vendor";
  EXPECT_EQ(notifier().AddedToIncident(incident_, vendor, lena_).value_or(-1), 0);
}

TEST_F(NotifierTest, EachRoundOfReviewAsksEveryReviewer) {
  ASSERT_EQ(notifier().ReviewRequested(incident_, {priya_, marcus_, lena_}, lena_).value_or(-1), 2);
  EXPECT_EQ(InboxOf(marcus_).at(0).path, "/incidents/" + incident_.key + "/review");
  core::Incident next_round = incident_;
  next_round.version += 1;
  EXPECT_EQ(notifier().ReviewRequested(next_round, {priya_}, lena_).value_or(-1), 1);
  EXPECT_EQ(InboxOf(priya_).size(), 2u);
}

TEST_F(NotifierTest, ReleasingAnAccountTellsThePeopleOfTheIncidentButNotItsAuthor) {
  AddParticipant(priya_, "Priya Raman");
  AddParticipant(marcus_, "Marcus Chen");
  incident_.facilitator_id = lena_;
  core::Account account;
  account.id = 5;
  account.author_id = priya_;
  account.narrative = "what Priya remembers";
  account.visibility = core::AccountVisibility::kPrivate;
  EXPECT_EQ(notifier().AccountReleased(incident_, account, priya_).value_or(-1), 0);
  account.visibility = core::AccountVisibility::kShared;
  ASSERT_EQ(notifier().AccountReleased(incident_, account, priya_).value_or(-1), 2);
  EXPECT_TRUE(InboxOf(priya_).empty());
  auto marcus = InboxOf(marcus_);
  ASSERT_EQ(marcus.size(), 1u);
  EXPECT_EQ(marcus[0].title,
            "Priya Raman shared their account of " + incident_.key + ": Checkout errors with you");
  // The notification never carries the account's words.
  EXPECT_EQ(marcus[0].title.find("remembers"), std::string::npos);
  account.visibility = core::AccountVisibility::kInReview;
  EXPECT_EQ(notifier().AccountReleased(incident_, account, priya_).value_or(-1), 2);
  EXPECT_TRUE(InboxOf(vera_).empty());
}

TEST_F(NotifierTest, MentionsReachOnlyThoseWhoMayReadTheComment) {
  core::ReviewComment comment;
  comment.id = 7;
  comment.incident_id = incident_.id;
  comment.anchor = "section:factors";
  comment.author_id = lena_;
  comment.body = "@Priya Raman and @vera, does this match? cc @Lena";
  ASSERT_EQ(notifier().Mentioned(incident_, comment).value_or(-1), 2);
  EXPECT_EQ(InboxOf(priya_).at(0).kind, core::NotificationKind::kMentioned);
  EXPECT_EQ(InboxOf(priya_).at(0).path, "/incidents/" + incident_.key + "/review#comment-7");
  EXPECT_EQ(InboxOf(vera_).size(), 1u);
  EXPECT_TRUE(InboxOf(lena_).empty());  // The author mentioned herself.

  // On a private account, only its author may read the comment: nobody else is told.
  AddParticipant(priya_, "Priya Raman");
  core::Account account;
  account.incident_id = incident_.id;
  account.author_id = marcus_;
  account.participant_id = AddParticipant(marcus_, "Marcus Chen").id;
  auto stored = store_->accounts().Insert(account, {marcus_, "{}"});
  ASSERT_TRUE(stored);
  core::ReviewComment on_account = comment;
  on_account.id = 8;
  on_account.anchor = "account:" + std::to_string(stored->id);
  on_account.author_id = marcus_;
  on_account.body = "note to self, @priya";
  EXPECT_EQ(notifier().Mentioned(incident_, on_account).value_or(-1), 0);
  stored->visibility = core::AccountVisibility::kShared;
  ASSERT_TRUE(store_->accounts().Update(*stored, stored->version, {marcus_, "{}"}));
  on_account.id = 9;
  EXPECT_EQ(notifier().Mentioned(incident_, on_account).value_or(-1), 1);  // Priya takes part.
  on_account.id = 10;
  on_account.body = "@vera";  // A viewer never reads a shared account.
  EXPECT_EQ(notifier().Mentioned(incident_, on_account).value_or(-1), 0);
}

TEST_F(NotifierTest, DueAndOverdueItemsAreRaisedOncePerDueDate) {
  core::ActionItem action;
  action.incident_id = incident_.id;
  action.title = "Alert on pool wait";
  action.owner_id = priya_;
  action.due_on = core::Date(std::chrono::sys_days(std::chrono::year{2026} / 3 / 14));
  ASSERT_TRUE(store_->actions().Insert(action, {lena_, "{}"}));
  core::ReviewRule rule;
  rule.severity = "SEV2";
  rule.review_required = true;
  rule.due_business_days = 1;
  ASSERT_TRUE(store_->PutReviewRule(rule, 0, {lena_, "{}"}) ||
              store_->PutReviewRule(rule, 1, {lena_, "{}"}));
  core::Date today = std::chrono::floor<std::chrono::days>(clock_.Now());
  ASSERT_EQ(notifier().DueItems(today).value_or(-1), 2);
  EXPECT_EQ(notifier().DueItems(today).value_or(-1), 0);  // Once per due date.
  auto priya = InboxOf(priya_);
  ASSERT_EQ(priya.size(), 1u);
  EXPECT_EQ(priya[0].kind, core::NotificationKind::kActionDue);
  auto lena = InboxOf(lena_);  // No facilitator: whoever opened the incident hears about it.
  ASSERT_EQ(lena.size(), 1u);
  EXPECT_EQ(lena[0].kind, core::NotificationKind::kReviewOverdue);
  EXPECT_EQ(notifier().DueItems(today + std::chrono::days(1)).value_or(-1), 1);  // Now overdue.
  EXPECT_EQ(InboxOf(priya_).at(0).kind, core::NotificationKind::kActionOverdue);
}

TEST_F(NotifierTest, DeliveriesFollowEachPersonsChoices) {
  core::NotificationSettings settings = core::DefaultNotificationSettings(priya_);
  settings.email_kinds = {core::NotificationKind::kMentioned};
  settings.chat_kinds = {core::NotificationKind::kReviewRequested};
  settings.chat_webhook_url = "http://127.0.0.1:9/hook";
  settings.chat_format = core::ChatFormat::kMattermost;
  ASSERT_TRUE(ChangeNotificationSettings(*store_, options_, settings, 0, priya_));
  ASSERT_EQ(notifier().ReviewRequested(incident_, {priya_, marcus_}, lena_).value_or(-1), 2);
  auto due = store_->DueNotificationDeliveries(clock_.Now(), 100);
  ASSERT_TRUE(due);
  std::vector<std::pair<int64_t, core::NotificationChannel>> deliveries;
  for (const auto& delivery : *due) deliveries.emplace_back(delivery.user_id, delivery.channel);
  // Priya: chat only for review requests; Marcus: the default, e-mail for everything.
  EXPECT_THAT(deliveries, ::testing::UnorderedElementsAre(
                              std::pair{priya_, core::NotificationChannel::kChat},
                              std::pair{marcus_, core::NotificationChannel::kEmail}));
  // Without a mail server, nothing waits for e-mail.
  options_.email_available = false;
  core::Incident other = incident_;
  other.version += 5;
  ASSERT_EQ(notifier().ReviewRequested(other, {marcus_}, lena_).value_or(-1), 1);
  EXPECT_EQ(store_->DueNotificationDeliveries(clock_.Now(), 100)->size(), 2u);
}

TEST_F(NotifierTest, ADigestHoldsEmailsUntilItsHour) {
  core::NotificationSettings settings = core::DefaultNotificationSettings(priya_);
  settings.email_digest_hour = 8;
  ASSERT_TRUE(ChangeNotificationSettings(*store_, options_, settings, 0, priya_));
  ASSERT_EQ(notifier().ReviewRequested(incident_, {priya_}, lena_).value_or(-1), 1);
  EXPECT_TRUE(store_->DueNotificationDeliveries(clock_.Now(), 10)->empty());
  auto tomorrow = *core::ParseRfc3339("2026-03-15T08:00:00Z");
  EXPECT_EQ(store_->DueNotificationDeliveries(tomorrow, 10)->size(), 1u);
}

TEST_F(NotifierTest, SettingsAreCheckedAndVersioned) {
  auto defaults = NotificationSettingsOf(*store_, priya_);
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->version, 0);
  EXPECT_EQ(defaults->email_kinds.size(), 7u);
  core::NotificationSettings bad = *defaults;
  bad.chat_webhook_url = "https://evil.example.com/hook";
  bad.chat_kinds = {core::NotificationKind::kMentioned};
  EXPECT_FALSE(ChangeNotificationSettings(*store_, options_, bad, 0, priya_));
  bad.chat_webhook_url = "http://hooks.slack.com/services/x";  // Listed by pattern needs https.
  options_.chat_hosts = {"*.slack.com"};
  EXPECT_FALSE(ChangeNotificationSettings(*store_, options_, bad, 0, priya_));
  bad.chat_webhook_url = "javascript:alert(1)";
  EXPECT_FALSE(ChangeNotificationSettings(*store_, options_, bad, 0, priya_));
  bad.chat_webhook_url.clear();
  EXPECT_FALSE(ChangeNotificationSettings(*store_, options_, bad, 0, priya_));  // Chat, no hook.
  core::NotificationSettings good = *defaults;
  good.email_digest_hour = 24;
  EXPECT_FALSE(ChangeNotificationSettings(*store_, options_, good, 0, priya_));
  good.email_digest_hour = 7;
  good.chat_webhook_url = "https://hooks.slack.com/services/T0/B0/x";
  good.chat_kinds = {core::NotificationKind::kMentioned, core::NotificationKind::kMentioned};
  auto stored = ChangeNotificationSettings(*store_, options_, good, 0, priya_);
  ASSERT_TRUE(stored) << stored.error().message();
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(stored->chat_kinds.size(), 1u);
  auto stale = ChangeNotificationSettings(*store_, options_, good, 0, priya_);
  ASSERT_FALSE(stale);
  auto again = ChangeNotificationSettings(*store_, options_, *stored, 1, priya_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->version, 2);
  EXPECT_FALSE(ChangeNotificationSettings(*store_, options_, *stored, 1, priya_));
}

TEST(ChatWebhookAllowed, HostsByNameOrPattern) {
  std::vector<std::string> hosts = {"hooks.slack.com", "*.webhook.office.com", "mm.example.com"};
  EXPECT_TRUE(ChatWebhookAllowed("https://hooks.slack.com/services/T/B/x", hosts));
  EXPECT_TRUE(ChatWebhookAllowed("https://acme.webhook.office.com/webhookb2/x", hosts));
  EXPECT_TRUE(ChatWebhookAllowed("http://mm.example.com/hooks/x", hosts));
  EXPECT_FALSE(ChatWebhookAllowed("https://webhook.office.com/x", hosts));
  EXPECT_FALSE(ChatWebhookAllowed("https://hooks.slack.com.evil.com/x", hosts));
  EXPECT_FALSE(ChatWebhookAllowed("https://evil.com@hooks.slack.com.evil.com/x", hosts));
  EXPECT_FALSE(ChatWebhookAllowed("https://hooks.slack.com@169.254.169.254/x", hosts));
  EXPECT_FALSE(ChatWebhookAllowed("http://acme.webhook.office.com/x", hosts));
}

}  // namespace
}  // namespace debrief::app
