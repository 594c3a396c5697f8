// People's notifications, their deliveries by e-mail and chat, and how each person wants to be
// told.
#pragma once

#include <optional>
#include <vector>

#include "core/notification.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;

  // Notifications (core/notification.h). AddNotification stores a notification with its
  // deliveries by e-mail or chat, unless the person already has one with its dedup_key (then
  // nullopt, and nothing is stored). None of these writes is audited or touches an incident's
  // generation: being told about a change is not a change to the incident.
  virtual Result<std::optional<core::Notification>> AddNotification(
      core::Notification notification,
      const std::vector<core::NotificationDelivery>& deliveries) = 0;
  // The person's notifications, newest first, ids below `before_id` when given.
  virtual Result<std::vector<core::Notification>> ListNotifications(
      int64_t user_id, std::optional<int64_t> before_id, int limit) = 0;
  virtual Result<core::Notification> GetNotification(int64_t id) = 0;
  // Unread notifications, leaving out those about incidents the reader may not see.
  virtual Result<int64_t> CountUnreadNotifications(
      int64_t user_id, const std::vector<int64_t>& hidden_incident_ids) = 0;
  // Takes back what `user_ids` were told about the incident, with its deliveries not yet made
  // (they may no longer see it). Returns how many notifications went.
  virtual Result<int64_t> DeleteIncidentNotifications(int64_t incident_id,
                                                      const std::vector<int64_t>& user_ids) = 0;
  // Marks the person's notifications read: those named, or all of them. Returns how many changed.
  virtual Result<int64_t> MarkNotificationsRead(int64_t user_id,
                                                const std::optional<std::vector<int64_t>>& ids,
                                                core::Timestamp at) = 0;
  // The person's stored choices (nullopt: they have chosen nothing yet).
  virtual Result<std::optional<core::NotificationSettings>> GetNotificationSettings(
      int64_t user_id) = 0;
  // Creates the person's settings at expected_version 0, replaces them at their version.
  virtual Result<core::NotificationSettings> PutNotificationSettings(
      core::NotificationSettings settings, int64_t expected_version, const Change& change) = 0;
  // Pending deliveries due by `now`, oldest first.
  virtual Result<std::vector<core::NotificationDelivery>> DueNotificationDeliveries(
      core::Timestamp now, int limit) = 0;
  virtual Result<void> RecordNotificationDelivery(const core::NotificationDelivery& delivery) = 0;
};

}  // namespace debrief::store
