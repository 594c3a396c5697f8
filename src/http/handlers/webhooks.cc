// Webhooks, for admins: where events go, which events, the secret that signs them, and the log
// of deliveries with a way to retry one and to send a test.
//
// GET|POST /webhooks; GET|PATCH|DELETE /webhooks/{id} (If-Match); GET /webhooks/{id}/deliveries;
// POST /webhooks/{id}/deliveries/{delivery_id}/retry; POST /webhooks/{id}/ping
// A secret is written, never read back: responses say only whether one is set.
#include <boost/json.hpp>
#include <charconv>

#include "app/webhook_events.h"
#include "core/validation.h"
#include "formats/json/record_json.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr size_t kMinSecret = 16;
constexpr size_t kMaxSecret = 256;

// From the webhook's field schema (never its secret), and whether it has one.
bj::object EncodeWebhook(const core::Webhook& webhook) {
  bj::object object = formats::json::Encode(webhook);
  object["secret_set"] = !webhook.secret.empty();
  return object;
}

bj::object EncodeDelivery(const core::WebhookDelivery& delivery) {
  return {{"id", delivery.id},
          {"event", delivery.event},
          {"status", core::ToString(delivery.status)},
          {"attempts", delivery.attempts},
          {"created_at", core::FormatRfc3339(delivery.created_at)},
          {"next_attempt_at", delivery.status == core::DeliveryStatus::kPending
                                  ? bj::value(core::FormatRfc3339(delivery.next_attempt_at))
                                  : bj::value(nullptr)},
          {"delivered_at", delivery.delivered_at
                               ? bj::value(core::FormatRfc3339(*delivery.delivered_at))
                               : bj::value(nullptr)},
          {"last_status_code",
           delivery.last_status_code ? bj::value(*delivery.last_status_code) : bj::value(nullptr)},
          {"last_error", delivery.last_error},
          {"payload", bj::parse(delivery.payload)}};
}

// Applies the body's fields; `creating` requires url, events and secret.
core::Result<void> ApplyWebhook(const bj::object& body, bool creating, core::Webhook& webhook) {
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"url", "events", "secret", "active", "description"}));
  if (const bj::value* url = body.if_contains("url")) {
    if (!url->is_string()) return core::Error::InvalidArgument("url must be a string", "url");
    webhook.url = std::string(url->get_string());
  } else if (creating) {
    return core::Error::InvalidArgument("url is required", "url");
  }
  if (const bj::value* events = body.if_contains("events")) {
    if (!events->is_array()) {
      return core::Error::InvalidArgument("events must be a list of event names", "events");
    }
    webhook.events.clear();
    for (const bj::value& event : events->get_array()) {
      if (!event.is_string()) {
        return core::Error::InvalidArgument("events must be a list of event names", "events");
      }
      webhook.events.emplace_back(event.get_string());
    }
  } else if (creating) {
    return core::Error::InvalidArgument("events is required", "events");
  }
  if (const bj::value* secret = body.if_contains("secret")) {
    if (!secret->is_string() || secret->get_string().size() < kMinSecret ||
        secret->get_string().size() > kMaxSecret) {
      return core::Error::InvalidArgument("secret must be a string of " +
                                              std::to_string(kMinSecret) + " to " +
                                              std::to_string(kMaxSecret) + " characters",
                                          "secret");
    }
    webhook.secret = std::string(secret->get_string());
  } else if (creating) {
    return core::Error::InvalidArgument(
        "secret is required: receivers check each delivery's signature with it", "secret");
  }
  if (const bj::value* active = body.if_contains("active")) {
    if (!active->is_bool()) {
      return core::Error::InvalidArgument("active must be true or false", "active");
    }
    webhook.active = active->get_bool();
  }
  if (const bj::value* description = body.if_contains("description")) {
    if (!description->is_string() || description->get_string().size() > 300) {
      return core::Error::InvalidArgument("description must be a string of at most 300 bytes",
                                          "description");
    }
    webhook.description = std::string(description->get_string());
  }
  DEBRIEF_RETURN_IF_ERROR(core::ValidateWebhookUrl(webhook.url));
  return core::ValidateWebhookEvents(webhook.events);
}

core::Result<core::Webhook> LoadWebhook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(0, "webhook"));
  return context.store().GetWebhook(id);
}

}  // namespace

core::Result<ApiResponse> ListWebhooks(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Webhook> webhooks, context.store().ListWebhooks());
  bj::array items;
  for (const core::Webhook& webhook : webhooks) items.push_back(EncodeWebhook(webhook));
  bj::array events;
  for (std::string_view event : core::kWebhookEvents) events.push_back(bj::string(event));
  return ApiResponse::Json({{"items", std::move(items)}, {"events", std::move(events)}});
}

core::Result<ApiResponse> CreateWebhook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::Webhook webhook;
  DEBRIEF_RETURN_IF_ERROR(ApplyWebhook(body, true, webhook));
  store::Change change = ChangeBy(context, {}, EncodeWebhook(webhook));
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook stored, context.store().CreateWebhook(webhook, change));
  ApiResponse response = ApiResponse::Versioned(EncodeWebhook(stored), 201);
  response.headers.emplace_back("Location", "/api/v1/webhooks/" + std::to_string(stored.id));
  return response;
}

core::Result<ApiResponse> GetWebhook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook webhook, LoadWebhook(context));
  return ApiResponse::Versioned(EncodeWebhook(webhook));
}

core::Result<ApiResponse> PatchWebhook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook current, LoadWebhook(context));
  core::Webhook updated = current;
  DEBRIEF_RETURN_IF_ERROR(ApplyWebhook(body, false, updated));
  bj::object after = EncodeWebhook(updated);
  // A new secret shows in the audit log as changed, never as its value.
  if (updated.secret != current.secret) after["secret_changed"] = true;
  store::Change change = ChangeBy(context, EncodeWebhook(current), after);
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook stored,
                           context.store().UpdateWebhook(updated, expected_version, change));
  return ApiResponse::Versioned(EncodeWebhook(stored));
}

core::Result<ApiResponse> DeleteWebhook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook current, LoadWebhook(context));
  store::Change change = ChangeBy(context, EncodeWebhook(current), {});
  DEBRIEF_RETURN_IF_ERROR(context.store().DeleteWebhook(current.id, expected_version, change));
  return ApiResponse::NoContent();
}

core::Result<ApiResponse> ListWebhookDeliveries(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook webhook, LoadWebhook(context));
  int limit = 50;
  if (auto text = context.Query("limit")) {
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (error != std::errc() || end != text->data() + text->size() || limit < 1 || limit > 200) {
      return core::Error::InvalidArgument("limit must be a number from 1 to 200", "limit");
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::WebhookDelivery> deliveries,
                           context.store().ListDeliveries(webhook.id, limit));
  bj::array items;
  for (const core::WebhookDelivery& delivery : deliveries)
    items.push_back(EncodeDelivery(delivery));
  return ApiResponse::Json({{"items", std::move(items)}});
}

core::Result<ApiResponse> RetryWebhookDelivery(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook webhook, LoadWebhook(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t delivery_id, context.IdParameter(1, "delivery"));
  DEBRIEF_ASSIGN_OR_RETURN(core::WebhookDelivery delivery,
                           context.store().RetryDelivery(webhook.id, delivery_id));
  return ApiResponse::Json(EncodeDelivery(delivery), 202);
}

core::Result<ApiResponse> PingWebhook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Webhook webhook, LoadWebhook(context));
  DEBRIEF_ASSIGN_OR_RETURN(
      int queued, app::QueuePing(context.store(), webhook.id, context.services.clock.Now()));
  return ApiResponse::Json({{"queued", queued}}, 202);
}

}  // namespace debrief::http::handlers
