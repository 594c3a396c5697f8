#include "app/notification_worker.h"

#include <algorithm>
#include <map>

#include "app/incident_access.h"
#include "core/webhook.h"
#include "net/http_post.h"
#include "render/notification_message.h"

namespace debrief::app {
namespace {

// Whether `user` may still see what `notification` is about: sight of a restricted incident can
// be lost between the telling and the sending (a participant unlinked, a group left).
core::Result<bool> StillSees(store::Store& store, const core::User& user,
                             const core::Notification& notification) {
  if (!notification.incident_id) return true;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> hidden,
                           HiddenIncidents(store, {user.id, user.role}));
  return !std::binary_search(hidden.begin(), hidden.end(), *notification.incident_id);
}

// Not sent, and never to be: FailedPrecondition is not retried (Record).
core::Error NoLongerSeen() {
  return core::Error::FailedPrecondition("they may no longer see the incident it is about");
}

}  // namespace

NotificationWorker::NotificationWorker(StoreOpener open_store, const core::Clock& clock,
                                       Options options)
    : clock_(clock),
      options_(std::move(options)),
      loop_("notifications", std::move(open_store), options_.poll_interval,
            [this](store::Store& store) { return RunOnce(store); }) {}

void NotificationWorker::Start() { loop_.Start(); }

void NotificationWorker::Stop() { loop_.Stop(); }

core::Result<int> NotificationWorker::RunOnce(store::Store& store) {
  core::Timestamp now = clock_.Now();
  if (!last_scan_ || now - *last_scan_ >= options_.scan_interval) {
    Notifier notifier(store, clock_, options_.notifications);
    DEBRIEF_RETURN_IF_ERROR(notifier.DueItems(std::chrono::floor<std::chrono::days>(now)));
    last_scan_ = now;
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::NotificationDelivery> due,
                           store.DueNotificationDeliveries(now, options_.batch));
  // A person's e-mails due together go as one (a digest when they chose one).
  std::map<int64_t, std::vector<core::NotificationDelivery>> emails;
  for (core::NotificationDelivery& delivery : due) {
    if (delivery.channel == core::NotificationChannel::kEmail) {
      emails[delivery.user_id].push_back(std::move(delivery));
    } else {
      DEBRIEF_RETURN_IF_ERROR(SendChat(store, std::move(delivery)));
    }
  }
  for (auto& [user_id, deliveries] : emails) {
    DEBRIEF_RETURN_IF_ERROR(SendEmails(store, user_id, std::move(deliveries)));
  }
  return static_cast<int>(due.size());
}

core::Result<void> NotificationWorker::SendEmails(
    store::Store& store, int64_t user_id, std::vector<core::NotificationDelivery> deliveries) {
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(user_id));
  DEBRIEF_ASSIGN_OR_RETURN(core::NotificationSettings settings,
                           NotificationSettingsOf(store, user_id));
  std::vector<core::Notification> notifications;
  std::vector<core::NotificationDelivery> sendable;
  for (core::NotificationDelivery& delivery : deliveries) {
    DEBRIEF_ASSIGN_OR_RETURN(core::Notification notification,
                             store.GetNotification(delivery.notification_id));
    DEBRIEF_ASSIGN_OR_RETURN(bool sees, StillSees(store, user, notification));
    if (!sees) {
      DEBRIEF_RETURN_IF_ERROR(Record(store, std::move(delivery), NoLongerSeen()));
      continue;
    }
    notifications.push_back(std::move(notification));
    sendable.push_back(std::move(delivery));
  }
  deliveries = std::move(sendable);
  if (deliveries.empty()) return core::Ok();
  auto send = [&](const render::EmailText& text) -> core::Result<void> {
    if (!options_.smtp.configured()) {
      return core::Error::FailedPrecondition("e-mail is not set up on this server");
    }
    if (user.disabled) return core::Error::FailedPrecondition("the person is disabled");
    return net::SendEmail(options_.smtp, {user.email, text.subject, text.text}, clock_.Now());
  };
  if (settings.email_digest_hour && deliveries.size() > 1) {
    core::Result<void> outcome = send(render::DigestEmail(notifications, options_.public_url));
    for (core::NotificationDelivery& delivery : deliveries) {
      DEBRIEF_RETURN_IF_ERROR(Record(store, std::move(delivery), outcome));
    }
    return core::Ok();
  }
  for (size_t index = 0; index < deliveries.size(); ++index) {
    core::Result<void> outcome =
        send(render::NotificationEmail(notifications[index], options_.public_url));
    DEBRIEF_RETURN_IF_ERROR(Record(store, std::move(deliveries[index]), outcome));
  }
  return core::Ok();
}

core::Result<void> NotificationWorker::SendChat(store::Store& store,
                                                core::NotificationDelivery delivery) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Notification notification,
                           store.GetNotification(delivery.notification_id));
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, store.GetUser(delivery.user_id));
  DEBRIEF_ASSIGN_OR_RETURN(bool sees, StillSees(store, user, notification));
  if (!sees) return Record(store, std::move(delivery), NoLongerSeen());
  DEBRIEF_ASSIGN_OR_RETURN(core::NotificationSettings settings,
                           NotificationSettingsOf(store, delivery.user_id));
  core::Result<void> outcome = core::Ok();
  // The address is checked again: the allowed hosts may have changed since it was queued.
  if (!ChatWebhookAllowed(settings.chat_webhook_url, options_.notifications.chat_hosts)) {
    outcome = core::Error::FailedPrecondition("the chat webhook is missing or not allowed");
  } else {
    net::OutboundRequest request;
    request.url = settings.chat_webhook_url;
    request.body = render::ChatMessage(notification, settings.chat_format, options_.public_url);
    request.timeout = options_.chat_timeout;
    // The host is one an admin allowed (ChatWebhookAllowed): it may be an internal chat server.
    request.may_be_internal = [](std::string_view) { return true; };
    net::OutboundResult result = net::PostJson(request);
    if (!result.ok()) outcome = core::Error::Unavailable(result.error);
  }
  return Record(store, std::move(delivery), outcome);
}

core::Result<void> NotificationWorker::Record(store::Store& store,
                                              core::NotificationDelivery delivery,
                                              const core::Result<void>& outcome) {
  core::Timestamp now = clock_.Now();
  ++delivery.attempts;
  if (outcome) {
    delivery.status = core::DeliveryStatus::kDelivered;
    delivery.delivered_at = now;
    delivery.last_error.clear();
  } else {
    delivery.last_error = outcome.error().message();
    // Nothing to retry when the server or the person's choices make it impossible.
    bool hopeless = outcome.error().code() == core::ErrorCode::kFailedPrecondition;
    if (hopeless || delivery.attempts >= core::kMaxDeliveryAttempts) {
      delivery.status = core::DeliveryStatus::kFailed;
    } else {
      delivery.next_attempt_at = now + core::RetryDelay(delivery.attempts);
    }
  }
  return store.RecordNotificationDelivery(delivery);
}

}  // namespace debrief::app
