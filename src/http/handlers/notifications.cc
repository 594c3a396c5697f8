// Your notifications and how you want them:
// GET  /me/notifications[?before=&limit=]     -> {"items", "unread", "next_before"}
// POST /me/notifications/read {"ids"?}         -> {"unread"}; without ids, everything is read
// GET  /me/notification-settings              -> your choices (defaults at version 0)
// PUT  /me/notification-settings (If-Match, or If-None-Match: * the first time)
#include <boost/json.hpp>

#include <charconv>

#include "app/incident_access.h"
#include "app/notifications.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "render/notification_message.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr int kDefaultPage = 50;
constexpr int kMaxPage = 200;

bj::object EncodeNotification(const core::Notification& notification) {
  return {{"id", notification.id},
          {"kind", core::ToString(notification.kind)},
          {"incident_key", notification.incident_key},
          {"title", notification.title},
          {"next_step", render::NextStep(notification.kind)},
          {"path", notification.path},
          {"created_at", core::FormatRfc3339(notification.created_at)},
          {"read_at", notification.read_at ? bj::value(core::FormatRfc3339(*notification.read_at))
                                           : bj::value(nullptr)}};
}

bj::array KindNames(const std::vector<core::NotificationKind>& kinds) {
  bj::array names;
  for (core::NotificationKind kind : kinds) names.emplace_back(core::ToString(kind));
  return names;
}

bj::object EncodeSettings(const core::NotificationSettings& settings,
                          const app::NotificationOptions& options) {
  bj::array kinds;
  for (const auto& [kind, name] : core::EnumNames<core::NotificationKind>::kNames) {
    kinds.emplace_back(name);
  }
  bj::array hosts;
  for (const std::string& host : options.chat_hosts) hosts.emplace_back(host);
  return {{"version", settings.version},
          {"email_kinds", KindNames(settings.email_kinds)},
          {"chat_kinds", KindNames(settings.chat_kinds)},
          {"email_digest_hour", settings.email_digest_hour ? bj::value(*settings.email_digest_hour)
                                                           : bj::value(nullptr)},
          {"chat_webhook_url", settings.chat_webhook_url},
          {"chat_format", core::ToString(settings.chat_format)},
          {"kinds", std::move(kinds)},
          {"email_available", options.email_available},
          {"chat_hosts", std::move(hosts)}};
}

core::Result<std::vector<core::NotificationKind>> ReadKinds(const bj::value& value,
                                                            std::string_view field) {
  std::vector<core::NotificationKind> kinds;
  auto fail = [&]() {
    return core::Error::InvalidArgument(std::string(field) + " must be a list of " +
                                            core::AllowedValues<core::NotificationKind>().substr(8),
                                        std::string(field));
  };
  if (!value.is_array()) return fail();
  for (const bj::value& item : value.get_array()) {
    std::optional<core::NotificationKind> kind;
    if (item.is_string()) {
      kind = core::ParseEnum<core::NotificationKind>(std::string_view(item.get_string()));
    }
    if (!kind) return fail();
    kinds.push_back(*kind);
  }
  return kinds;
}

core::Result<int64_t> PositiveQuery(const Context& context, std::string_view name,
                                    int64_t fallback) {
  auto text = context.Query(name);
  if (!text) return fallback;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value <= 0) {
    return core::Error::InvalidArgument(std::string(name) + " must be a positive number",
                                        std::string(name));
  }
  return value;
}

}  // namespace

core::Result<ApiResponse> ListMyNotifications(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t limit, PositiveQuery(context, "limit", kDefaultPage));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t before, PositiveQuery(context, "before", 0));
  int page = static_cast<int>(std::min<int64_t>(limit, kMaxPage));
  int64_t user_id = context.caller().user_id;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Notification> notifications,
                           context.store().ListNotifications(
                               user_id, before > 0 ? std::optional(before) : std::nullopt, page));
  // What was said of an incident the reader no longer sees (a group left, a restriction made
  // meanwhile) is not shown again, nor counted.
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> hidden,
                           app::HiddenIncidents(context.store(), context.caller()));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t unread,
                           context.store().CountUnreadNotifications(user_id, hidden));
  bj::array items;
  for (const core::Notification& notification : notifications) {
    if (notification.incident_id &&
        std::binary_search(hidden.begin(), hidden.end(), *notification.incident_id)) {
      continue;
    }
    items.push_back(EncodeNotification(notification));
  }
  bj::value next = notifications.size() == static_cast<size_t>(page) && !notifications.empty()
                       ? bj::value(notifications.back().id)
                       : bj::value(nullptr);
  return ApiResponse::Json(
      {{"items", std::move(items)}, {"unread", unread}, {"next_before", std::move(next)}});
}

core::Result<ApiResponse> MarkMyNotificationsRead(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"ids"}));
  std::optional<std::vector<int64_t>> ids;
  if (const bj::value* listed = body.if_contains("ids")) {
    if (!listed->is_array()) {
      return core::Error::InvalidArgument("ids must be a list of notification ids", "ids");
    }
    ids.emplace();
    for (const bj::value& id : listed->get_array()) {
      if (!id.is_int64() || id.get_int64() <= 0) {
        return core::Error::InvalidArgument("ids must be a list of notification ids", "ids");
      }
      ids->push_back(id.get_int64());
    }
  }
  int64_t user_id = context.caller().user_id;
  DEBRIEF_RETURN_IF_ERROR(
      context.store().MarkNotificationsRead(user_id, ids, context.services.clock.Now()));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> hidden,
                           app::HiddenIncidents(context.store(), context.caller()));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t unread,
                           context.store().CountUnreadNotifications(user_id, hidden));
  return ApiResponse::Json({{"unread", unread}});
}

core::Result<ApiResponse> GetMyNotificationSettings(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::NotificationSettings settings,
                           app::NotificationSettingsOf(context.store(), context.caller().user_id));
  return ApiResponse::Json(EncodeSettings(settings, context.services.notifications));
}

core::Result<ApiResponse> PutMyNotificationSettings(Context& context) {
  int64_t expected_version = 0;
  if (context.request.Header("if-none-match") != "*") {
    DEBRIEF_ASSIGN_OR_RETURN(expected_version, context.ExpectedVersion());
  }
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(
      body, {"email_kinds", "chat_kinds", "email_digest_hour", "chat_webhook_url", "chat_format"}));
  DEBRIEF_ASSIGN_OR_RETURN(core::NotificationSettings settings,
                           app::NotificationSettingsOf(context.store(), context.caller().user_id));
  if (const bj::value* kinds = body.if_contains("email_kinds")) {
    DEBRIEF_ASSIGN_OR_RETURN(settings.email_kinds, ReadKinds(*kinds, "email_kinds"));
  }
  if (const bj::value* kinds = body.if_contains("chat_kinds")) {
    DEBRIEF_ASSIGN_OR_RETURN(settings.chat_kinds, ReadKinds(*kinds, "chat_kinds"));
  }
  if (const bj::value* hour = body.if_contains("email_digest_hour")) {
    if (hour->is_null()) {
      settings.email_digest_hour.reset();
    } else if (hour->is_int64()) {
      settings.email_digest_hour = static_cast<int>(std::clamp<int64_t>(hour->get_int64(), -1, 24));
    } else {
      return core::Error::InvalidArgument("email_digest_hour must be an hour from 0 to 23, or null",
                                          "email_digest_hour");
    }
  }
  if (const bj::value* url = body.if_contains("chat_webhook_url")) {
    if (!url->is_string() || url->get_string().size() > 2'000) {
      return core::Error::InvalidArgument("chat_webhook_url must be a web address",
                                          "chat_webhook_url");
    }
    settings.chat_webhook_url = std::string(url->get_string());
  }
  if (const bj::value* format = body.if_contains("chat_format")) {
    std::optional<core::ChatFormat> parsed;
    if (format->is_string()) {
      parsed = core::ParseEnum<core::ChatFormat>(std::string_view(format->get_string()));
    }
    if (!parsed) {
      return core::Error::InvalidArgument(
          "chat_format must be " + core::AllowedValues<core::ChatFormat>(), "chat_format");
    }
    settings.chat_format = *parsed;
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::NotificationSettings stored,
                           app::ChangeNotificationSettings(
                               context.store(), context.services.notifications, std::move(settings),
                               expected_version, context.caller().user_id));
  return ApiResponse::Versioned(EncodeSettings(stored, context.services.notifications));
}

}  // namespace debrief::http::handlers
