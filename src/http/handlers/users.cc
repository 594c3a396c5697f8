// User administration and the audit log (admins only; the router checks).
#include <boost/json.hpp>

#include <charconv>

#include "app/incident_access.h"
#include "app/users.h"
#include "http/authenticator.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/query_parameters.h"

namespace debrief::http::handlers {

namespace bj = boost::json;

bj::object EncodeUserForApi(const core::User& user);

namespace {

core::Result<void> ReadRole(const bj::value& value, core::Role& role) {
  std::optional<core::Role> parsed;
  if (value.is_string()) parsed = core::ParseEnum<core::Role>(std::string_view(value.get_string()));
  if (!parsed) {
    return core::Error::InvalidArgument("role must be " + core::AllowedValues<core::Role>(),
                                        "role");
  }
  role = *parsed;
  return core::Ok();
}

core::Result<std::string> ReadText(const bj::value& value, std::string_view field, size_t max) {
  if (!value.is_string() || value.get_string().empty() || value.get_string().size() > max) {
    return core::Error::InvalidArgument(
        std::string(field) + " must be a string of 1 to " + std::to_string(max) + " characters",
        std::string(field));
  }
  return std::string(value.get_string());
}

}  // namespace

core::Result<ApiResponse> ListUsers(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(auto users, context.store().ListUsers());
  bj::array items;
  for (const core::User& user : users) items.emplace_back(EncodeUserForApi(user));
  bj::object body;
  body["items"] = std::move(items);
  return ApiResponse::Json(body);
}

core::Result<ApiResponse> ListDirectory(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(auto users, context.store().ListUsers());
  bj::array items;
  for (const core::User& user : users) {
    if (user.disabled) continue;
    items.push_back({{"id", user.id}, {"name", user.name}, {"role", core::ToString(user.role)}});
  }
  bj::object body;
  body["items"] = std::move(items);
  return ApiResponse::Json(body);
}

core::Result<ApiResponse> CreateUser(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  app::NewUser user;
  // Every field's problem is reported at once, so a form can mark them all.
  std::vector<core::FieldViolation> violations;
  for (const auto& [key, value] : body) {
    core::Result<void> result = core::Ok();
    if (key == "email") {
      auto email = ReadText(value, "email", 254);
      if (email) user.email = *email;
      if (email && core::NormalizeEmail(*email).find('@') == std::string::npos) {
        result = core::Error::InvalidArgument("email must be an email address", "email");
      } else if (!email) {
        result = email.error();
      }
    } else if (key == "name") {
      auto name = ReadText(value, "name", 120);
      if (name)
        user.name = *name;
      else
        result = name.error();
    } else if (key == "role") {
      result = ReadRole(value, user.role);
    } else if (key == "password") {
      auto text = ReadText(value, "password", 1024);
      if (text)
        user.password = *text;
      else
        result = text.error();
    } else {
      result = core::Error::InvalidArgument("unknown field " + std::string(key), std::string(key));
    }
    if (!result) violations.push_back({std::string(key), result.error().message()});
  }
  if (user.email.empty() && body.if_contains("email") == nullptr) {
    violations.push_back({"email", "email is required"});
  }
  if (user.name.empty() && body.if_contains("name") == nullptr) {
    violations.push_back({"name", "name is required"});
  }
  if (!violations.empty()) return core::Error::Invalid(std::move(violations));
  DEBRIEF_ASSIGN_OR_RETURN(core::User stored,
                           app::AddUser(context.store(), context.caller().user_id, user));
  return ApiResponse::Json(EncodeUserForApi(stored), 201);
}

core::Result<ApiResponse> PatchUser(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(0, "user"));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(context.store().GetUser(id));
  app::UserChanges changes;
  DEBRIEF_ASSIGN_OR_RETURN(changes.version, context.ExpectedVersion());
  for (const auto& [key, value] : body) {
    if (key == "role") {
      core::Role role{};
      DEBRIEF_RETURN_IF_ERROR(ReadRole(value, role));
      changes.role = role;
    } else if (key == "name") {
      DEBRIEF_ASSIGN_OR_RETURN(changes.name, ReadText(value, "name", 120));
    } else if (key == "disabled") {
      if (!value.is_bool())
        return core::Error::InvalidArgument("disabled must be true or false", "disabled");
      changes.disabled = value.get_bool();
    } else if (key == "password") {
      DEBRIEF_ASSIGN_OR_RETURN(changes.password, ReadText(value, "password", 1024));
    } else {
      return core::Error::InvalidArgument("unknown field " + formats::json::QuotedName(key),
                                          formats::json::QuotedName(key));
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::User stored,
                           app::ChangeUser(context.store(), context.caller(), id, changes));
  return ApiResponse::Versioned(EncodeUserForApi(stored));
}

core::Result<ApiResponse> ListAudit(Context& context) {
  store::AuditQuery query;
  if (auto key = context.Query("incident")) {
    DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident,
                             app::CheckIncidentSight(context.store(), context.caller(), *key));
    query.incident_id = incident.id;
  }
  if (auto before = context.Query("before")) {
    int64_t id = 0;
    auto [end, error] = std::from_chars(before->data(), before->data() + before->size(), id);
    if (error != std::errc() || end != before->data() + before->size() || id <= 0) {
      return core::Error::InvalidArgument("before must be an audit entry id", "before");
    }
    query.before_id = id;
  }
  DEBRIEF_ASSIGN_OR_RETURN(query.limit, IntParameter(context, "limit", 1, 500, 100));
  // An admin is no reader of a restricted incident by being an admin: its entries say its words.
  DEBRIEF_ASSIGN_OR_RETURN(query.hidden_incident_ids,
                           app::HiddenIncidents(context.store(), context.caller()));
  DEBRIEF_ASSIGN_OR_RETURN(auto entries, context.store().ListAudit(query));
  bj::array items;
  for (const core::AuditEntry& entry : entries) {
    boost::system::error_code error;
    bj::value diff = bj::parse(entry.diff_json, error);
    items.push_back(
        {{"id", entry.id},
         {"at", core::FormatRfc3339(entry.at)},
         {"actor_id", entry.actor_id ? bj::value(*entry.actor_id) : bj::value(nullptr)},
         {"action", entry.action},
         {"entity", entry.entity},
         {"entity_id", entry.entity_id},
         {"incident_id", entry.incident_id ? bj::value(*entry.incident_id) : bj::value(nullptr)},
         {"changes", error ? bj::value(nullptr) : diff}});
  }
  bj::object body{{"items", std::move(items)}};
  body["next_before"] = entries.size() == static_cast<size_t>(query.limit) && !entries.empty()
                            ? bj::value(entries.back().id)
                            : bj::value(nullptr);
  return ApiResponse::Json(body);
}

}  // namespace debrief::http::handlers
