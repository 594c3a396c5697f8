// Alert hooks, for admins: the inbound hooks Alertmanager posts to, each with its own token
// (shown once, when created or replaced) and its routes from labels to incidents.
//
// GET|POST /alert-hooks; GET|PATCH|DELETE /alert-hooks/{id} (If-Match);
// POST /alert-hooks/{id}/token (If-Match) replaces the token.
#include <boost/json.hpp>

#include "app/incident_access.h"
#include "formats/json/record_json.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "ingest/label_matcher.h"
#include "security/token.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr std::string_view kReceivePath = "/api/v1/hooks/alertmanager";

// From the hook's field schema: never its token's hash (a secret field).
bj::object EncodeAlertHook(const core::AlertHook& hook) { return formats::json::Encode(hook); }

core::Result<std::vector<std::string>> ReadMatchers(const bj::value& value,
                                                    std::string_view where) {
  if (!value.is_array()) {
    return core::Error::InvalidArgument(std::string(where) + ": matchers must be a list", "routes");
  }
  std::vector<std::string> matchers;
  for (const bj::value& item : value.get_array()) {
    if (!item.is_string()) {
      return core::Error::InvalidArgument(std::string(where) + ": each matcher is a string",
                                          "routes");
    }
    auto matcher = ingest::LabelMatcher::Parse(item.get_string());
    if (!matcher) {
      return core::Error::InvalidArgument(std::string(where) + ": " + matcher.error().message(),
                                          "routes");
    }
    matchers.push_back(matcher->ToString());
  }
  return matchers;
}

core::Result<std::vector<core::AlertRoute>> ReadRoutes(Context& context, const bj::value& value) {
  if (!value.is_array()) {
    return core::Error::InvalidArgument(
        "routes must be a list of {\"matchers\": [...], \"incident_key\": \"...\"}", "routes");
  }
  std::vector<core::AlertRoute> routes;
  for (const bj::value& item : value.get_array()) {
    std::string where = "route " + std::to_string(routes.size() + 1);
    const bj::object* object = item.if_object();
    if (object == nullptr) {
      return core::Error::InvalidArgument(where + " must be an object", "routes");
    }
    DEBRIEF_RETURN_IF_ERROR(OnlyFields(*object, {"matchers", "incident_key"}));
    const bj::value* matchers = object->if_contains("matchers");
    const bj::value* key = object->if_contains("incident_key");
    if (matchers == nullptr || key == nullptr || !key->is_string()) {
      return core::Error::InvalidArgument(where + " needs matchers and an incident_key", "routes");
    }
    core::AlertRoute route;
    DEBRIEF_ASSIGN_OR_RETURN(route.matchers, ReadMatchers(*matchers, where));
    route.incident_key = std::string(key->get_string());
    // Only into an incident the admin may see: a restricted one is not there for others.
    if (auto incident =
            app::CheckIncidentSight(context.store(), context.caller(), route.incident_key);
        !incident) {
      if (incident.error().code() != core::ErrorCode::kNotFound) return incident.error();
      return core::Error::InvalidArgument(where + ": there is no incident " + route.incident_key,
                                          "routes");
    }
    routes.push_back(std::move(route));
  }
  return routes;
}

template <typename T>
core::Result<void> ReadField(const bj::object& body, std::string_view name, T& out) {
  const bj::value* value = body.if_contains(name);
  if (value == nullptr) return core::Ok();
  if constexpr (std::is_same_v<T, bool>) {
    if (!value->is_bool()) {
      return core::Error::InvalidArgument(std::string(name) + " must be true or false",
                                          std::string(name));
    }
    out = value->get_bool();
  } else {
    if (!value->is_string()) {
      return core::Error::InvalidArgument(std::string(name) + " must be a string",
                                          std::string(name));
    }
    out = std::string(value->get_string());
  }
  return core::Ok();
}

// Applies the body's fields; creating requires a name.
core::Result<void> ApplyAlertHook(Context& context, const bj::object& body, bool creating,
                                  core::AlertHook& hook) {
  DEBRIEF_RETURN_IF_ERROR(
      OnlyFields(body, {"name", "routes", "open_incidents", "severity", "active"}));
  if (creating && !body.contains("name")) {
    return core::Error::InvalidArgument("name is required", "name");
  }
  DEBRIEF_RETURN_IF_ERROR(ReadField(body, "name", hook.name));
  DEBRIEF_RETURN_IF_ERROR(ReadField(body, "open_incidents", hook.open_incidents));
  DEBRIEF_RETURN_IF_ERROR(ReadField(body, "severity", hook.severity));
  DEBRIEF_RETURN_IF_ERROR(ReadField(body, "active", hook.active));
  if (const bj::value* routes = body.if_contains("routes")) {
    DEBRIEF_ASSIGN_OR_RETURN(hook.routes, ReadRoutes(context, *routes));
  }
  if (!hook.severity.empty() && !context.services.severity_scale.Contains(hook.severity)) {
    std::string levels;
    for (const std::string& level : context.services.severity_scale.levels) {
      levels += (levels.empty() ? "" : ", ") + level;
    }
    return core::Error::InvalidArgument(
        "severity must be empty (the alert's severity label) or one of: " + levels, "severity");
  }
  return core::ValidateAlertHook(hook);
}

core::Result<core::AlertHook> LoadAlertHook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(0, "alert hook"));
  return context.store().GetAlertHook(id);
}

// The hook with its new token, which the caller must copy now: only its hash is kept.
ApiResponse WithToken(const core::AlertHook& hook, const std::string& token, unsigned status) {
  bj::object object = EncodeAlertHook(hook);
  object["token"] = token;
  object["url_path"] = std::string(kReceivePath) + "/" + token;
  return ApiResponse::Versioned(object, status);
}

}  // namespace

core::Result<ApiResponse> ListAlertHooks(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AlertHook> hooks, context.store().ListAlertHooks());
  bj::array items;
  for (const core::AlertHook& hook : hooks) items.push_back(EncodeAlertHook(hook));
  return ApiResponse::Json({{"items", std::move(items)}});
}

core::Result<ApiResponse> CreateAlertHook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  core::AlertHook hook;
  DEBRIEF_RETURN_IF_ERROR(ApplyAlertHook(context, body, true, hook));
  std::string token = security::NewToken("dbh_");
  hook.token_hash = security::HashToken(token);
  hook.created_by = context.caller().user_id;
  store::Change change = ChangeBy(context, {}, EncodeAlertHook(hook));
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook stored,
                           context.store().CreateAlertHook(std::move(hook), change));
  ApiResponse response = WithToken(stored, token, 201);
  response.headers.emplace_back("Location", "/api/v1/alert-hooks/" + std::to_string(stored.id));
  return response;
}

core::Result<ApiResponse> GetAlertHook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook hook, LoadAlertHook(context));
  return ApiResponse::Versioned(EncodeAlertHook(hook));
}

core::Result<ApiResponse> PatchAlertHook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook current, LoadAlertHook(context));
  core::AlertHook updated = current;
  DEBRIEF_RETURN_IF_ERROR(ApplyAlertHook(context, body, false, updated));
  store::Change change = ChangeBy(context, EncodeAlertHook(current), EncodeAlertHook(updated));
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook stored,
                           context.store().UpdateAlertHook(updated, expected_version, change));
  return ApiResponse::Versioned(EncodeAlertHook(stored));
}

core::Result<ApiResponse> DeleteAlertHook(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook current, LoadAlertHook(context));
  store::Change change = ChangeBy(context, EncodeAlertHook(current), {});
  DEBRIEF_RETURN_IF_ERROR(context.store().DeleteAlertHook(current.id, expected_version, change));
  return ApiResponse::NoContent();
}

core::Result<ApiResponse> ReplaceAlertHookToken(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook hook, LoadAlertHook(context));
  std::string token = security::NewToken("dbh_");
  hook.token_hash = security::HashToken(token);
  bj::object after = EncodeAlertHook(hook);
  after["token_replaced"] = true;  // The audit log says so, never shows it.
  store::Change change = ChangeBy(context, EncodeAlertHook(hook), after);
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook stored,
                           context.store().UpdateAlertHook(hook, expected_version, change));
  return WithToken(stored, token, 200);
}

}  // namespace debrief::http::handlers
