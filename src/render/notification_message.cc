#include "render/notification_message.h"

#include <boost/json.hpp>

namespace debrief::render {
namespace {

namespace bj = boost::json;

std::string Link(std::string_view public_url, std::string_view path) {
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(path);
}

// Slack's mrkdwn reads "&", "<" and ">" as markup: they must be escaped in people's words.
std::string SlackEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Mattermost reads Markdown: characters that would format a title are escaped.
std::string MarkdownEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' ||
        c == '>' || c == '~' || c == '#' || c == '|') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string_view NextStep(core::NotificationKind kind) {
  switch (kind) {
    case core::NotificationKind::kAddedToIncident:
      return "Write your account while you still remember: what you did, saw, expected and "
             "assumed, moment by moment. It stays private until you release it.";
    case core::NotificationKind::kReviewRequested:
      return "Read the review, then approve it or ask for changes with a note.";
    case core::NotificationKind::kAccountReleased:
      return "Read it beside your own account; where you remember things differently is worth a "
             "question, not a verdict.";
    case core::NotificationKind::kMentioned:
      return "Read the comment and answer it in the review.";
    case core::NotificationKind::kActionDue:
      return "Finish the action item, or update its status or due date.";
    case core::NotificationKind::kActionOverdue:
      return "Update the action item: finish it, move its due date, or say why it will not be "
             "done.";
    case core::NotificationKind::kReviewOverdue:
      return "Help the review reach publication: see what stands in the way on its review page.";
  }
  return "";
}

EmailText NotificationEmail(const core::Notification& notification, std::string_view public_url) {
  EmailText email;
  email.subject = notification.title;
  email.text = notification.title + ".\n\n" + std::string(NextStep(notification.kind)) +
               "\n\nOpen it: " + Link(public_url, notification.path) +
               "\n\n-- \ndebrief sends this because of your notification settings: " +
               Link(public_url, "/settings") + "\n";
  return email;
}

EmailText DigestEmail(const std::vector<core::Notification>& notifications,
                      std::string_view public_url) {
  EmailText email;
  email.subject = std::to_string(notifications.size()) +
                  (notifications.size() == 1 ? " notification" : " notifications") +
                  " from debrief today";
  for (const core::Notification& notification : notifications) {
    email.text += "- " + notification.title + "\n  " + Link(public_url, notification.path) + "\n";
  }
  email.text += "\nYour inbox: " + Link(public_url, "/notifications") +
                "\n\n-- \ndebrief sends this daily digest because of your notification "
                "settings: " +
                Link(public_url, "/settings") + "\n";
  return email;
}

std::string ChatMessage(const core::Notification& notification, core::ChatFormat format,
                        std::string_view public_url) {
  std::string url = Link(public_url, notification.path);
  std::string step(NextStep(notification.kind));
  switch (format) {
    case core::ChatFormat::kSlack: {
      bj::object section{
          {"type", "section"},
          {"text",
           {{"type", "mrkdwn"},
            {"text", "*" + SlackEscaped(notification.title) + "*\n" + SlackEscaped(step)}}}};
      bj::object button{{"type", "button"},
                        {"text", {{"type", "plain_text"}, {"text", "Open in debrief"}}},
                        {"url", url}};
      bj::object actions{{"type", "actions"}, {"elements", bj::array{std::move(button)}}};
      return bj::serialize(
          bj::object{{"text", SlackEscaped(notification.title) + " <" + url + "|Open in debrief>"},
                     {"blocks", bj::array{std::move(section), std::move(actions)}}});
    }
    case core::ChatFormat::kMattermost:
      return bj::serialize(
          bj::object{{"text", "**" + MarkdownEscaped(notification.title) + "**\n" +
                                  MarkdownEscaped(step) + "\n[Open in debrief](" + url + ")"},
                     {"username", "debrief"}});
    case core::ChatFormat::kTeams: {
      bj::object card{
          {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
          {"type", "AdaptiveCard"},
          {"version", "1.4"},
          {"body", bj::array{bj::object{{"type", "TextBlock"},
                                        {"text", notification.title},
                                        {"weight", "Bolder"},
                                        {"wrap", true}},
                             bj::object{{"type", "TextBlock"}, {"text", step}, {"wrap", true}}}},
          {"actions",
           bj::array{bj::object{
               {"type", "Action.OpenUrl"}, {"title", "Open in debrief"}, {"url", url}}}}};
      return bj::serialize(bj::object{
          {"type", "message"},
          {"attachments",
           bj::array{bj::object{{"contentType", "application/vnd.microsoft.card.adaptive"},
                                {"contentUrl", nullptr},
                                {"content", std::move(card)}}}}});
    }
  }
  return "{}";
}

}  // namespace debrief::render
