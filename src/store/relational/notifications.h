// SqlStore's notifications: each person's inbox, the e-mail and chat deliveries waiting to go out,
// and each person's choices. Kinds are kept as their names; lists of kinds as JSON arrays. None of
// these writes belongs to an incident (being told about a change is not a change to the
// incident), so none locks one.
#pragma once

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

inline std::vector<std::string> NotificationKindNames(
    const std::vector<core::NotificationKind>& kinds) {
  std::vector<std::string> names;
  for (core::NotificationKind kind : kinds) names.emplace_back(core::ToString(kind));
  return names;
}

// Kinds this version of debrief no longer knows are passed over, not an error.
inline std::vector<core::NotificationKind> NotificationKinds(
    const std::vector<std::string>& names) {
  std::vector<core::NotificationKind> kinds;
  for (const std::string& name : names) {
    if (auto kind = core::ParseEnum<core::NotificationKind>(name)) kinds.push_back(*kind);
  }
  return kinds;
}

// A row of (id, user_id, kind, incident_id, incident_key, title, path, dedup_key, actor_id,
// created_at, read_at).
template <class Statement>
Result<core::Notification> ReadNotification(const Statement& statement) {
  core::Notification notification;
  bool ok =
      ReadColumn(statement, 0, notification.id) && ReadColumn(statement, 1, notification.user_id) &&
      ReadColumn(statement, 2, notification.kind) &&
      ReadColumn(statement, 3, notification.incident_id) &&
      ReadColumn(statement, 4, notification.incident_key) &&
      ReadColumn(statement, 5, notification.title) && ReadColumn(statement, 6, notification.path) &&
      ReadColumn(statement, 7, notification.dedup_key) &&
      ReadColumn(statement, 8, notification.actor_id) &&
      ReadColumn(statement, 9, notification.created_at) &&
      ReadColumn(statement, 10, notification.read_at);
  if (!ok) return core::Error::Internal("a stored notification cannot be read");
  return notification;
}

}  // namespace detail

template <class Backend>
Result<std::optional<core::Notification>> SqlStore<Backend>::AddNotification(
    core::Notification notification, const std::vector<core::NotificationDelivery>& deliveries) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(Sql::kInsertNotification));
  notification.created_at = clock_.Now();
  BindColumn(*insert, 1, notification.user_id);
  BindColumn(*insert, 2, notification.kind);
  BindColumn(*insert, 3, notification.incident_id);
  BindColumn(*insert, 4, notification.incident_key);
  BindColumn(*insert, 5, notification.title);
  BindColumn(*insert, 6, notification.path);
  BindColumn(*insert, 7, notification.dedup_key);
  BindColumn(*insert, 8, notification.actor_id);
  BindColumn(*insert, 9, notification.created_at);
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, insert->Step());
  if (!inserted) {
    insert->Reset();
    DEBRIEF_RETURN_IF_ERROR(scope.Commit());
    return std::optional<core::Notification>();
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::Notification stored, detail::ReadNotification(*insert));
  insert->Reset();
  for (const core::NotificationDelivery& delivery : deliveries) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * add,
                             connection_->Prepare(Sql::kInsertNotificationDelivery));
    BindColumn(*add, 1, stored.id);
    BindColumn(*add, 2, stored.user_id);
    BindColumn(*add, 3, delivery.channel);
    BindColumn(*add, 4, delivery.next_attempt_at);
    DEBRIEF_RETURN_IF_ERROR(add->Run());
  }
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return std::optional(stored);
}

template <class Backend>
Result<std::vector<core::Notification>> SqlStore<Backend>::ListNotifications(
    int64_t user_id, std::optional<int64_t> before_id, int limit) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListNotifications));
  BindColumn(*statement, 1, user_id);
  BindColumn(*statement, 2, before_id);
  BindColumn(*statement, 3, static_cast<int64_t>(limit));
  std::vector<core::Notification> notifications;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto notification = detail::ReadNotification(*statement);
    if (!notification) {
      statement->Reset();
      return notification.error();
    }
    notifications.push_back(std::move(*notification));
  }
  return notifications;
}

template <class Backend>
Result<core::Notification> SqlStore<Backend>::GetNotification(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kGetNotification));
  BindColumn(*statement, 1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("there is no notification " + std::to_string(id));
  auto notification = detail::ReadNotification(*statement);
  statement->Reset();
  return notification;
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::DeleteIncidentNotifications(
    int64_t incident_id, const std::vector<int64_t>& user_ids) {
  if (user_ids.empty()) return 0;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kDeleteIncidentNotifications));
  statement->Bind(1, incident_id);
  BindColumn(*statement, 2, user_ids);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  return statement->Changes();
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::CountUnreadNotifications(
    int64_t user_id, const std::vector<int64_t>& hidden_incident_ids) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kCountUnreadNotifications));
  BindColumn(*statement, 1, user_id);
  BindColumn(*statement, 2, hidden_incident_ids);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  int64_t count = has_row ? statement->Int64(0) : 0;
  statement->Reset();
  return count;
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::MarkNotificationsRead(
    int64_t user_id, const std::optional<std::vector<int64_t>>& ids, core::Timestamp at) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  int64_t changed = 0;
  if (!ids) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                             connection_->Prepare(Sql::kMarkAllNotificationsRead));
    BindColumn(*statement, 1, at);
    BindColumn(*statement, 2, user_id);
    DEBRIEF_RETURN_IF_ERROR(statement->Run());
    changed = statement->Changes();
  } else {
    for (int64_t id : *ids) {
      DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                               connection_->Prepare(Sql::kMarkOneNotificationRead));
      BindColumn(*statement, 1, at);
      BindColumn(*statement, 2, user_id);
      BindColumn(*statement, 3, id);
      DEBRIEF_RETURN_IF_ERROR(statement->Run());
      changed += statement->Changes();
    }
  }
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return changed;
}

template <class Backend>
Result<std::optional<core::NotificationSettings>> SqlStore<Backend>::GetNotificationSettings(
    int64_t user_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kGetNotificationSettings));
  BindColumn(*statement, 1, user_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return std::optional<core::NotificationSettings>();
  core::NotificationSettings settings;
  std::vector<std::string> email_kinds;
  std::vector<std::string> chat_kinds;
  std::optional<int64_t> digest_hour;
  bool ok = ReadColumn(*statement, 0, settings.user_id) &&
            ReadColumn(*statement, 1, settings.version) && ReadColumn(*statement, 2, email_kinds) &&
            ReadColumn(*statement, 3, chat_kinds) && ReadColumn(*statement, 4, digest_hour) &&
            ReadColumn(*statement, 5, settings.chat_webhook_url) &&
            ReadColumn(*statement, 6, settings.chat_format);
  statement->Reset();
  if (!ok) return core::Error::Internal("stored notification settings cannot be read");
  settings.email_kinds = detail::NotificationKinds(email_kinds);
  settings.chat_kinds = detail::NotificationKinds(chat_kinds);
  if (digest_hour) settings.email_digest_hour = static_cast<int>(*digest_hour);
  return std::optional(std::move(settings));
}

template <class Backend>
Result<core::NotificationSettings> SqlStore<Backend>::PutNotificationSettings(
    core::NotificationSettings settings, int64_t expected_version, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  std::optional<int64_t> digest_hour;
  if (settings.email_digest_hour) digest_hour = *settings.email_digest_hour;
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(expected_version == 0 ? Sql::kInsertNotificationSettings
                                                 : Sql::kUpdateNotificationSettings));
  int index = expected_version == 0 ? 2 : 1;
  if (expected_version == 0) BindColumn(*statement, 1, settings.user_id);
  BindColumn(*statement, index, detail::NotificationKindNames(settings.email_kinds));
  BindColumn(*statement, index + 1, detail::NotificationKindNames(settings.chat_kinds));
  BindColumn(*statement, index + 2, digest_hour);
  BindColumn(*statement, index + 3, settings.chat_webhook_url);
  BindColumn(*statement, index + 4, settings.chat_format);
  if (expected_version != 0) {
    BindColumn(*statement, 6, settings.user_id);
    BindColumn(*statement, 7, expected_version);
  }
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    DEBRIEF_ASSIGN_OR_RETURN(auto current, GetNotificationSettings(settings.user_id));
    if (expected_version == 0) {
      return core::Error::AlreadyExists("notification settings exist; change them at version " +
                                        std::to_string(current ? current->version : 0));
    }
    return core::Error::FailedPrecondition("the notification settings are at version " +
                                           std::to_string(current ? current->version : 0) +
                                           ", not " + std::to_string(expected_version) +
                                           ": they changed since you read them");
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite(expected_version == 0 ? "create" : "update",
                                     "notification_settings", settings.user_id, std::nullopt,
                                     change));
  DEBRIEF_ASSIGN_OR_RETURN(auto stored, GetNotificationSettings(settings.user_id));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  if (!stored) return core::Error::Internal("notification settings vanished while written");
  return std::move(*stored);
}

template <class Backend>
Result<std::vector<core::NotificationDelivery>> SqlStore<Backend>::DueNotificationDeliveries(
    core::Timestamp now, int limit) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kDueNotificationDeliveries));
  BindColumn(*statement, 1, now);
  BindColumn(*statement, 2, static_cast<int64_t>(limit));
  std::vector<core::NotificationDelivery> deliveries;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    core::NotificationDelivery delivery;
    int64_t attempts = 0;
    bool ok = ReadColumn(*statement, 0, delivery.id) &&
              ReadColumn(*statement, 1, delivery.notification_id) &&
              ReadColumn(*statement, 2, delivery.user_id) &&
              ReadColumn(*statement, 3, delivery.channel) &&
              ReadColumn(*statement, 4, delivery.status) && ReadColumn(*statement, 5, attempts) &&
              ReadColumn(*statement, 6, delivery.next_attempt_at) &&
              ReadColumn(*statement, 7, delivery.delivered_at) &&
              ReadColumn(*statement, 8, delivery.last_error);
    if (!ok) {
      statement->Reset();
      return core::Error::Internal("a stored notification delivery cannot be read");
    }
    delivery.attempts = static_cast<int>(attempts);
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

template <class Backend>
Result<void> SqlStore<Backend>::RecordNotificationDelivery(
    const core::NotificationDelivery& delivery) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kRecordNotificationDelivery));
  BindColumn(*statement, 1, delivery.status);
  BindColumn(*statement, 2, static_cast<int64_t>(delivery.attempts));
  BindColumn(*statement, 3, delivery.next_attempt_at);
  BindColumn(*statement, 4, delivery.delivered_at);
  BindColumn(*statement, 5, delivery.last_error);
  BindColumn(*statement, 6, delivery.id);
  return statement->Run();
}

template <class Backend>
Result<void> SqlStore<Backend>::RestoreNotificationSettings(
    const core::NotificationSettings& settings) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kRestoreNotificationSettings));
  std::optional<int64_t> digest_hour;
  if (settings.email_digest_hour) digest_hour = *settings.email_digest_hour;
  BindColumn(*statement, 1, settings.user_id);
  BindColumn(*statement, 2, settings.version);
  BindColumn(*statement, 3, detail::NotificationKindNames(settings.email_kinds));
  BindColumn(*statement, 4, detail::NotificationKindNames(settings.chat_kinds));
  BindColumn(*statement, 5, digest_hour);
  BindColumn(*statement, 6, settings.chat_webhook_url);
  BindColumn(*statement, 7, settings.chat_format);
  return statement->Run();
}

}  // namespace debrief::store::relational
