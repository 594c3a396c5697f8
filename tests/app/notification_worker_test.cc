// The notification worker against real receivers: a real SMTP server (aiosmtpd, STARTTLS and a
// password) and a real HTTP receiver on loopback in place of Slack, Mattermost and Teams.
#include "app/notification_worker.h"

#include <boost/json.hpp>

#include "app/notification_fixture.h"
#include "support/loopback_receiver.h"
#include "support/smtp_server.h"

namespace debrief::app {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;

class NotificationWorkerTest : public NotificationFixture {
 protected:
  void SetUp() override {
    NotificationFixture::SetUp();
    ASSERT_TRUE(smtp_.running()) << "the test SMTP server did not start";
  }
  NotificationWorker::Options WorkerOptions() {
    NotificationWorker::Options options;
    options.notifications = options_;
    options.smtp.url = smtp_.url();
    options.smtp.username = testing::SmtpServer::kUser;
    options.smtp.password = testing::SmtpServer::kPassword;
    options.smtp.from = "debrief <debrief@example.com>";
    options.smtp.ca_file = smtp_.ca_file();
    options.smtp.timeout = 10s;
    options.public_url = "https://debrief.example.com";
    options.chat_timeout = 5s;
    return options;
  }
  void UseChat(int64_t user_id, core::ChatFormat format, uint16_t port,
               std::optional<int> digest_hour = std::nullopt) {
    core::NotificationSettings settings = core::DefaultNotificationSettings(user_id);
    settings.chat_kinds = settings.email_kinds;
    settings.chat_webhook_url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
    settings.chat_format = format;
    settings.email_digest_hour = digest_hour;
    auto stored = ChangeNotificationSettings(*store_, options_, settings, 0, user_id);
    ASSERT_TRUE(stored) << stored.error().message();
  }

  testing::SmtpServer smtp_;
};

TEST_F(NotificationWorkerTest, Issue19EmailsAndChatMessagesReachTheirPeople) {
  testing::LoopbackReceiver slack;
  testing::LoopbackReceiver teams;
  UseChat(priya_, core::ChatFormat::kSlack, slack.port());
  UseChat(marcus_, core::ChatFormat::kTeams, teams.port());
  ASSERT_EQ(notifier().ReviewRequested(incident_, {priya_, marcus_, vera_}, lena_).value_or(-1), 3);
  NotificationWorker worker(nullptr, clock_, WorkerOptions());
  auto ran = worker.RunOnce(*store_);
  ASSERT_TRUE(ran) << ran.error().message();
  EXPECT_EQ(*ran, 5);  // Three e-mails, two chat messages.

  auto mails = smtp_.Messages(3);
  ASSERT_EQ(mails.size(), 3u);
  std::set<std::string> recipients;
  for (const bj::value& mail : mails) {
    recipients.insert(std::string(mail.at("rcpt_tos").at(0).as_string()));
    EXPECT_TRUE(mail.at("tls").as_bool());
    EXPECT_EQ(mail.at("subject").as_string(),
              "Lena Fischer asked you to review " + incident_.key + ": Checkout errors");
    EXPECT_NE(mail.at("text").as_string().find("https://debrief.example.com/incidents/" +
                                               incident_.key + "/review"),
              std::string::npos);
  }
  EXPECT_EQ(recipients,
            (std::set<std::string>{"priya@example.com", "marcus@example.com", "vera@example.com"}));
  ASSERT_EQ(slack.received().size(), 1u);
  bj::value slack_body = bj::parse(slack.received()[0].body);
  EXPECT_EQ(slack.received()[0].headers["content-type"], "application/json");
  EXPECT_EQ(slack_body.at("blocks").at(1).at("elements").at(0).at("url").as_string(),
            "https://debrief.example.com/incidents/" + incident_.key + "/review");
  ASSERT_EQ(teams.received().size(), 1u);
  bj::value teams_body = bj::parse(teams.received()[0].body);
  EXPECT_EQ(teams_body.at("attachments").at(0).at("content").at("type").as_string(),
            "AdaptiveCard");
  // Everything went once: another pass sends nothing.
  EXPECT_EQ(worker.RunOnce(*store_).value_or(-1), 0);
}

TEST_F(NotificationWorkerTest, ADigestIsOneEmailAtItsHour) {
  core::NotificationSettings settings = core::DefaultNotificationSettings(priya_);
  settings.email_digest_hour = 8;
  ASSERT_TRUE(ChangeNotificationSettings(*store_, options_, settings, 0, priya_));
  ASSERT_EQ(notifier().ReviewRequested(incident_, {priya_}, lena_).value_or(-1), 1);
  core::Participant priya = AddParticipant(priya_, "Priya Raman");
  ASSERT_EQ(notifier().AddedToIncident(incident_, priya, lena_).value_or(-1), 1);
  NotificationWorker worker(nullptr, clock_, WorkerOptions());
  EXPECT_EQ(worker.RunOnce(*store_).value_or(-1), 0);
  clock_.Set(*core::ParseRfc3339("2026-03-15T08:00:00Z"));
  EXPECT_EQ(worker.RunOnce(*store_).value_or(-1), 2);
  auto mails = smtp_.Messages(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].at("subject").as_string(), "2 notifications from debrief today");
  std::string text(mails[0].at("text").as_string());
  EXPECT_NE(text.find("asked you to review"), std::string::npos) << text;
  EXPECT_NE(text.find("added you to"), std::string::npos) << text;
}

TEST_F(NotificationWorkerTest, FailedDeliveriesAreRetriedThenGiveUp) {
  testing::LoopbackReceiver flaky({503});
  UseChat(priya_, core::ChatFormat::kMattermost, flaky.port());
  options_.email_available = false;
  ASSERT_EQ(notifier().ReviewRequested(incident_, {priya_}, lena_).value_or(-1), 1);
  NotificationWorker worker(nullptr, clock_, WorkerOptions());
  EXPECT_EQ(worker.RunOnce(*store_).value_or(-1), 1);
  EXPECT_EQ(flaky.received().size(), 1u);
  EXPECT_EQ(worker.RunOnce(*store_).value_or(-1), 0);  // Not due again yet.
  clock_.Advance(1min);
  EXPECT_EQ(worker.RunOnce(*store_).value_or(-1), 1);
  ASSERT_EQ(flaky.received().size(), 2u);
  EXPECT_NE(bj::parse(flaky.received()[1].body).at("text").as_string().find("[Open in debrief]"),
            std::string::npos);

  // A server without e-mail does not retry forever what it cannot send.
  options_.email_available = true;
  core::Incident next = incident_;
  next.version += 1;
  ASSERT_EQ(notifier().ReviewRequested(next, {marcus_}, lena_).value_or(-1), 1);
  NotificationWorker::Options no_mail = WorkerOptions();
  no_mail.smtp.url.clear();
  NotificationWorker without_mail(nullptr, clock_, no_mail);
  EXPECT_EQ(without_mail.RunOnce(*store_).value_or(-1), 1);
  clock_.Advance(2h);
  EXPECT_EQ(without_mail.RunOnce(*store_).value_or(-1), 0);
}

// Sight of a restricted incident lost between the telling and the sending (a reader group left):
// the e-mail and the chat message about it are not sent, and not tried again.
TEST_F(NotificationWorkerTest, NothingGoesToSomeoneWhoNoLongerSeesTheIncident) {
  testing::LoopbackReceiver slack;
  UseChat(priya_, core::ChatFormat::kSlack, slack.port());
  core::Group security;
  security.name = "security";
  security.member_ids = {priya_};
  auto group = store_->CreateGroup(security, {});
  ASSERT_TRUE(group);
  core::Incident restricted = incident_;
  restricted.restricted = true;
  auto stored = store_->UpdateIncident(restricted, incident_.version, {lena_, "{}"});
  ASSERT_TRUE(stored) << stored.error().message();
  ASSERT_TRUE(store_->ReplaceIncidentReaders(incident_.id, {{}, {group->id}}, {lena_, "{}"}));
  // Marcus is named nowhere: he is not told at all; Priya is, through her group.
  ASSERT_EQ(notifier().ReviewRequested(*stored, {priya_, marcus_}, lena_).value_or(-1), 1);
  core::Group left = *group;
  left.member_ids.clear();
  ASSERT_TRUE(store_->UpdateGroup(left, {}));

  NotificationWorker worker(nullptr, clock_, WorkerOptions());
  EXPECT_EQ(worker.RunOnce(*store_).value_or(-1), 2);  // Her e-mail and chat message, dropped.
  EXPECT_TRUE(smtp_.Messages(0, 500ms).empty());
  EXPECT_TRUE(slack.received().empty());
  clock_.Advance(2h);
  EXPECT_EQ(worker.RunOnce(*store_).value_or(-1), 0) << "not tried again";
}

}  // namespace
}  // namespace debrief::app
