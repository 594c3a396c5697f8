#include "app/webhook_dispatcher.h"

#include <algorithm>
#include <boost/algorithm/string/predicate.hpp>

#include "app/webhook_events.h"
#include "net/http_post.h"
#include "security/hmac.h"

namespace debrief::app {

std::vector<std::pair<std::string, std::string>> SignedHeaders(
    const core::WebhookDelivery& delivery, std::string_view secret, core::Timestamp now) {
  std::string timestamp = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  return {{"X-Debrief-Event", delivery.event},
          {"X-Debrief-Delivery", std::to_string(delivery.id)},
          {"X-Debrief-Timestamp", timestamp},
          {"X-Debrief-Signature",
           "sha256=" + security::HmacSha256Hex(secret, timestamp + "." + delivery.payload)}};
}

WebhookDispatcher::WebhookDispatcher(StoreOpener open_store, const core::Clock& clock,
                                     Options options)
    : clock_(clock),
      options_(options),
      loop_("webhooks", std::move(open_store), options_.poll_interval,
            [this](store::Store& store) { return RunOnce(store); }) {}

void WebhookDispatcher::Start() { loop_.Start(); }

void WebhookDispatcher::Stop() { loop_.Stop(); }

core::Result<int> WebhookDispatcher::RunOnce(store::Store& store) {
  core::Timestamp now = clock_.Now();
  if (!last_scan_ || now - *last_scan_ >= options_.action_scan_interval) {
    DEBRIEF_RETURN_IF_ERROR(QueueDueActions(store, std::chrono::floor<std::chrono::days>(now)));
    last_scan_ = now;
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::WebhookDelivery> due,
                           store.DueDeliveries(now, options_.batch));
  for (core::WebhookDelivery& delivery : due) {
    DEBRIEF_RETURN_IF_ERROR(Attempt(store, std::move(delivery)));
  }
  return static_cast<int>(due.size());
}

core::Result<void> WebhookDispatcher::Attempt(store::Store& store, core::WebhookDelivery delivery) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook webhook, store.GetWebhook(delivery.webhook_id));
  core::Timestamp now = clock_.Now();
  ++delivery.attempts;
  if (!webhook.active && delivery.event != "ping") {
    delivery.status = core::DeliveryStatus::kFailed;
    delivery.last_error = "the webhook is turned off";
    return store.RecordDeliveryAttempt(delivery);
  }
  net::OutboundRequest request;
  request.url = webhook.url;
  request.headers = SignedHeaders(delivery, webhook.secret, now);
  request.body = delivery.payload;
  request.timeout = options_.timeout;
  request.may_be_internal = [this](std::string_view host) {
    return std::any_of(options_.internal_hosts.begin(), options_.internal_hosts.end(),
                       [&](const std::string& allowed) { return boost::iequals(allowed, host); });
  };
  net::OutboundResult result = net::PostJson(request);
  delivery.last_status_code = result.status;
  delivery.last_error = result.error;
  now = clock_.Now();
  if (result.ok()) {
    delivery.status = core::DeliveryStatus::kDelivered;
    delivery.delivered_at = now;
  } else if (delivery.attempts >= core::kMaxDeliveryAttempts) {
    delivery.status = core::DeliveryStatus::kFailed;
  } else {
    delivery.next_attempt_at = now + core::RetryDelay(delivery.attempts);
  }
  return store.RecordDeliveryAttempt(delivery);
}

}  // namespace debrief::app
