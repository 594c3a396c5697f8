#include "core/notification.h"

#include <algorithm>

namespace debrief::core {

bool NotificationSettings::Wants(NotificationChannel channel, NotificationKind kind) const {
  auto has = [&](const std::vector<NotificationKind>& kinds) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  };
  switch (channel) {
    case NotificationChannel::kInApp:
      return true;
    case NotificationChannel::kEmail:
      return has(email_kinds);
    case NotificationChannel::kChat:
      return !chat_webhook_url.empty() && has(chat_kinds);
  }
  return false;
}

NotificationSettings DefaultNotificationSettings(int64_t user_id) {
  NotificationSettings settings;
  settings.user_id = user_id;
  for (const auto& [kind, name] : EnumNames<NotificationKind>::kNames) {
    settings.email_kinds.push_back(kind);
  }
  return settings;
}

Timestamp EmailDueAt(const NotificationSettings& settings, Timestamp now) {
  if (!settings.email_digest_hour) return now;
  auto day = std::chrono::floor<std::chrono::days>(now);
  Timestamp due = day + std::chrono::hours(*settings.email_digest_hour);
  if (due <= now) due += std::chrono::days(1);
  return due;
}

}  // namespace debrief::core
