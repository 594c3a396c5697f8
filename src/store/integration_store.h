// What debrief exchanges with other systems: outgoing webhooks and their deliveries, and the
// alert hooks Alertmanager posts to.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/alert_hook.h"
#include "core/webhook.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;

  // Webhooks (core/webhook.h), set by admins. Secrets are stored to sign deliveries.
  virtual Result<core::Webhook> CreateWebhook(core::Webhook webhook, const Change& change) = 0;
  virtual Result<std::vector<core::Webhook>> ListWebhooks() = 0;
  virtual Result<core::Webhook> GetWebhook(int64_t id) = 0;
  virtual Result<core::Webhook> UpdateWebhook(core::Webhook webhook, int64_t expected_version,
                                              const Change& change) = 0;
  virtual Result<void> DeleteWebhook(int64_t id, int64_t expected_version,
                                     const Change& change) = 0;
  // Queues a delivery of `payload` to every active webhook subscribed to `event` (or to
  // `only_webhook`, whatever it subscribes to), due at once. A webhook already holding a delivery
  // with `dedup_key` gets no second one. Returns how many were queued.
  virtual Result<int> EnqueueDeliveries(std::string_view event, std::string_view dedup_key,
                                        std::string_view payload,
                                        std::optional<int64_t> only_webhook = std::nullopt) = 0;
  // Pending deliveries due by `now`, oldest first.
  virtual Result<std::vector<core::WebhookDelivery>> DueDeliveries(core::Timestamp now,
                                                                   int limit) = 0;
  // Stores the outcome of an attempt: status, attempts, next_attempt_at, delivered_at, the last
  // status code and error.
  virtual Result<void> RecordDeliveryAttempt(const core::WebhookDelivery& delivery) = 0;
  // The webhook's deliveries, newest first.
  virtual Result<std::vector<core::WebhookDelivery>> ListDeliveries(int64_t webhook_id,
                                                                    int limit) = 0;
  // Makes a delivery pending again, due at once (an admin's "retry now").
  virtual Result<core::WebhookDelivery> RetryDelivery(int64_t webhook_id, int64_t delivery_id) = 0;
  // Removes every delivery, made or to make, whose payload is about the incident `incident_key`
  // (an incident just restricted: no receiver is told of it, nor an admin reading the log); how
  // many.
  virtual Result<int64_t> ForgetDeliveriesAbout(std::string_view incident_key) = 0;
};

class AlertHookStore {
 public:
  virtual ~AlertHookStore() = default;

  // Alert hooks (core/alert_hook.h), set by admins; a notification finds its hook by the hash
  // of the token it carries. UpdateAlertHook also replaces the token hash (a new token).
  virtual Result<core::AlertHook> CreateAlertHook(core::AlertHook hook, const Change& change) = 0;
  virtual Result<std::vector<core::AlertHook>> ListAlertHooks() = 0;
  virtual Result<core::AlertHook> GetAlertHook(int64_t id) = 0;
  virtual Result<core::AlertHook> FindAlertHookByToken(std::string_view token_hash) = 0;
  virtual Result<core::AlertHook> UpdateAlertHook(core::AlertHook hook, int64_t expected_version,
                                                  const Change& change) = 0;
  virtual Result<void> DeleteAlertHook(int64_t id, int64_t expected_version,
                                       const Change& change) = 0;
  // Where a hook put alert firings before, by incident key: the incident holding this firing
  // (fingerprint and start), and the one the group's latest firing went to.
  virtual Result<std::optional<std::string>> AlertFiringIncident(int64_t hook_id,
                                                                 std::string_view firing_key) = 0;
  virtual Result<std::optional<std::string>> AlertGroupIncident(int64_t hook_id,
                                                                std::string_view group_key) = 0;
  // Remembers where a firing went; a firing already remembered keeps its incident.
  virtual Result<void> RecordAlertFiring(int64_t hook_id, std::string_view firing_key,
                                         std::string_view group_key, int64_t incident_id) = 0;
};

}  // namespace debrief::store
