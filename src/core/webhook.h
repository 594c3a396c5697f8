// Webhooks: where debrief tells other systems what happened (a review published, a review
// requested, an action item due or overdue), and the log of every delivery attempt.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/result.h"
#include "core/schema.h"
#include "core/time.h"

namespace debrief::core {

// The events a webhook can subscribe to. "ping" is sent on demand, to every webhook.
inline constexpr std::array<std::string_view, 4> kWebhookEvents = {
    "review.published", "review.requested", "action.due", "action.overdue"};

struct Webhook {
  int64_t id = 0;
  int64_t version = 0;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::string url;
  std::vector<std::string> events;
  // Signs every delivery (HMAC-SHA256). Written by admins, never shown again.
  std::string secret;
  bool active = true;
  std::string description;

  static constexpr std::string_view kNoun = "webhook";
  static constexpr auto Fields() {
    return std::tuple{
        ServerSet("id", &Webhook::id),
        ServerSet("version", &Webhook::version),
        ServerSet("created_at", &Webhook::created_at),
        ServerSet("updated_at", &Webhook::updated_at),
        Link("url", &Webhook::url),
        Writable("events", &Webhook::events),
        Secret("secret", &Webhook::secret, 1'000),
        Writable("active", &Webhook::active),
        Writable("description", &Webhook::description, 1'000),
    };
  }
};

struct WebhookDelivery {
  int64_t id = 0;
  int64_t webhook_id = 0;
  std::string event;
  // What makes a delivery one of a kind ("review.published:INC-2026-0001:2"): an event is queued
  // once per webhook however often it is noticed.
  std::string dedup_key;
  std::string payload;  // The JSON body sent.
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts = 0;
  Timestamp created_at{};
  Timestamp next_attempt_at{};
  std::optional<Timestamp> delivered_at;
  std::optional<int> last_status_code;  // HTTP status of the last answer, if any.
  std::string last_error;
};

// Attempts before a delivery is given up as failed.
inline constexpr int kMaxDeliveryAttempts = 6;

// How long to wait before attempt number `attempts + 1` after `attempts` failed: 10 s, 30 s,
// 2 min, 10 min, 1 h.
Duration RetryDelay(int attempts);

// An http:// or https:// URL with a host and no user name or password in it.
Result<void> ValidateWebhookUrl(std::string_view url);
// A non-empty list of known events, each once.
Result<void> ValidateWebhookEvents(const std::vector<std::string>& events);

}  // namespace debrief::core
