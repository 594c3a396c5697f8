// Notifications: what debrief tells a person so they can act (write their account, review,
// read a released account, answer a mention, finish an action item), and how each person wants
// to be told. A notification says what happened and links to the page; it never carries the
// words of an account or a comment, because it travels to inboxes and chat tools that the
// account's privacy promise does not cover.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/time.h"

namespace debrief::core {

struct Notification {
  int64_t id = 0;
  int64_t user_id = 0;  // Who is told.
  NotificationKind kind = NotificationKind::kAddedToIncident;
  std::optional<int64_t> incident_id;
  std::string incident_key;
  std::string title;  // One sentence: "Priya Raman added you to INC-2026-0007: Checkout errors".
  std::string path;   // The page to act on: "/incidents/INC-2026-0007/account".
  // Tells repeats apart: a daily scan or a retried request adds nothing a second time.
  std::string dedup_key;
  std::optional<int64_t> actor_id;  // Who caused it; none for the system (due dates).
  Timestamp created_at{};
  std::optional<Timestamp> read_at;
};

// One person's choices. Channels are chosen per kind; in the app is always on (the inbox is
// where every notification can be found again), so only e-mail and chat are stored.
struct NotificationSettings {
  int64_t user_id = 0;
  std::vector<NotificationKind> email_kinds;  // Kinds sent by e-mail.
  std::vector<NotificationKind> chat_kinds;   // Kinds sent to chat.
  // E-mails gathered into one a day, sent at this hour (UTC), instead of one per notification.
  std::optional<int> email_digest_hour;
  std::string chat_webhook_url;  // The person's incoming webhook.
  ChatFormat chat_format = ChatFormat::kSlack;
  int64_t version = 0;

  bool Wants(NotificationChannel channel, NotificationKind kind) const;
};

// What a person gets before they choose: every kind by e-mail, nothing in chat (no webhook yet).
NotificationSettings DefaultNotificationSettings(int64_t user_id);

// A notification's delivery by e-mail or chat, retried like a webhook delivery.
struct NotificationDelivery {
  int64_t id = 0;
  int64_t notification_id = 0;
  int64_t user_id = 0;
  NotificationChannel channel = NotificationChannel::kEmail;
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts = 0;
  Timestamp next_attempt_at{};  // A digest's delivery waits for the digest hour.
  std::optional<Timestamp> delivered_at;
  std::string last_error;
};

// When a notification made at `now` goes out by e-mail: at once, or at the next digest hour.
Timestamp EmailDueAt(const NotificationSettings& settings, Timestamp now);

}  // namespace debrief::core
