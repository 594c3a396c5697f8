// Notification messages against the documented shapes of each receiver: Slack's incoming
// webhooks (text + Block Kit blocks), Mattermost's (Markdown text), and Microsoft Teams'
// Workflows webhooks (a "message" carrying an Adaptive Card).
#include "render/notification_message.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace debrief::render {
namespace {

namespace bj = boost::json;

core::Notification Sample() {
  core::Notification notification;
  notification.kind = core::NotificationKind::kReviewRequested;
  notification.incident_key = "INC-2026-0007";
  notification.title = "Lena asked you to review INC-2026-0007: <pool> & *queue* limits";
  notification.path = "/incidents/INC-2026-0007/review";
  return notification;
}

TEST(NotificationMessage, EmailSaysWhatToDoAndLinksStraightToThePage) {
  EmailText email = NotificationEmail(Sample(), "https://debrief.example.com/");
  EXPECT_EQ(email.subject, Sample().title);
  EXPECT_NE(email.text.find("approve it or ask for changes"), std::string::npos) << email.text;
  EXPECT_NE(email.text.find("https://debrief.example.com/incidents/INC-2026-0007/review"),
            std::string::npos);
  EXPECT_NE(email.text.find("https://debrief.example.com/settings"), std::string::npos);
  core::Notification second = Sample();
  second.title = "Your action item “Alert on pool wait” on INC-2026-0007 is due today";
  second.path = "/incidents/INC-2026-0007/review#action-3";
  EmailText digest = DigestEmail({Sample(), second}, "https://debrief.example.com");
  EXPECT_EQ(digest.subject, "2 notifications from debrief today");
  EXPECT_NE(digest.text.find("- " + second.title), std::string::npos);
  EXPECT_NE(digest.text.find("https://debrief.example.com/incidents/INC-2026-0007/review#action-3"),
            std::string::npos);
}

TEST(NotificationMessage, SlackGetsFallbackTextAndBlocks) {
  bj::value payload =
      bj::parse(ChatMessage(Sample(), core::ChatFormat::kSlack, "https://debrief.example.com"));
  // "text" is the notification fallback; &, < and > are escaped as Slack asks.
  std::string text(payload.at("text").as_string());
  EXPECT_NE(text.find("&lt;pool&gt; &amp; *queue*"), std::string::npos) << text;
  EXPECT_NE(text.find("<https://debrief.example.com/incidents/INC-2026-0007/review|Open in "
                      "debrief>"),
            std::string::npos);
  const bj::array& blocks = payload.at("blocks").as_array();
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].at("type").as_string(), "section");
  EXPECT_EQ(blocks[0].at("text").at("type").as_string(), "mrkdwn");
  EXPECT_EQ(blocks[1].at("type").as_string(), "actions");
  const bj::value& button = blocks[1].at("elements").at(0);
  EXPECT_EQ(button.at("type").as_string(), "button");
  EXPECT_EQ(button.at("text").at("type").as_string(), "plain_text");
  EXPECT_EQ(button.at("url").as_string(),
            "https://debrief.example.com/incidents/INC-2026-0007/review");
}

TEST(NotificationMessage, MattermostGetsMarkdownText) {
  bj::value payload = bj::parse(
      ChatMessage(Sample(), core::ChatFormat::kMattermost, "https://debrief.example.com"));
  std::string text(payload.at("text").as_string());
  EXPECT_TRUE(
      text.starts_with("**Lena asked you to review INC-2026-0007: \\<pool\\> & \\*queue\\* "
                       "limits**\n"))
      << text;
  EXPECT_NE(text.find("[Open in debrief](https://debrief.example.com/incidents/INC-2026-0007/"
                      "review)"),
            std::string::npos);
  EXPECT_EQ(payload.at("username").as_string(), "debrief");
}

TEST(NotificationMessage, TeamsGetsAnAdaptiveCardMessage) {
  bj::value payload =
      bj::parse(ChatMessage(Sample(), core::ChatFormat::kTeams, "https://debrief.example.com"));
  EXPECT_EQ(payload.at("type").as_string(), "message");
  const bj::value& attachment = payload.at("attachments").at(0);
  EXPECT_EQ(attachment.at("contentType").as_string(), "application/vnd.microsoft.card.adaptive");
  const bj::value& card = attachment.at("content");
  EXPECT_EQ(card.at("type").as_string(), "AdaptiveCard");
  EXPECT_EQ(card.at("version").as_string(), "1.4");
  EXPECT_EQ(card.at("$schema").as_string(), "http://adaptivecards.io/schemas/adaptive-card.json");
  EXPECT_EQ(card.at("body").at(0).at("type").as_string(), "TextBlock");
  EXPECT_EQ(card.at("body").at(0).at("text").as_string(), Sample().title);
  EXPECT_TRUE(card.at("body").at(0).at("wrap").as_bool());
  const bj::value& action = card.at("actions").at(0);
  EXPECT_EQ(action.at("type").as_string(), "Action.OpenUrl");
  EXPECT_EQ(action.at("url").as_string(),
            "https://debrief.example.com/incidents/INC-2026-0007/review");
}

}  // namespace
}  // namespace debrief::render
