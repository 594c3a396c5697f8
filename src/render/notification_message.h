// Notifications as the messages people receive outside debrief: an e-mail (one notification, or
// a day's digest) and a chat message in the incoming-webhook dialect of Slack, Mattermost or
// Microsoft Teams. Each says what happened, what the person can do, and links straight to the
// page. Pure; the notification worker sends them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/notification.h"

namespace debrief::render {

struct EmailText {
  std::string subject;
  std::string text;
};

// `public_url` is where people reach debrief ("https://debrief.example.com").
EmailText NotificationEmail(const core::Notification& notification, std::string_view public_url);
EmailText DigestEmail(const std::vector<core::Notification>& notifications,
                      std::string_view public_url);

// The JSON body to post to the person's incoming webhook:
// - Slack: {"text", "blocks": [section (mrkdwn), actions (a button to the page)]};
// - Mattermost: {"text" (Markdown with the link), "username": "debrief"};
// - Teams (Workflows): {"type": "message", "attachments": [an Adaptive Card 1.4 with the
//   sentence and an Action.OpenUrl to the page]}.
std::string ChatMessage(const core::Notification& notification, core::ChatFormat format,
                        std::string_view public_url);

// What the person can do about a notification of this kind, as a sentence.
std::string_view NextStep(core::NotificationKind kind);

}  // namespace debrief::render
