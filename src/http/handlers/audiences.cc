// Who was in which audience of an incident and when (app/audiences.h): read by everyone who may
// read the incident, set by hand for an audience no import describes (an alert receiver's
// on-call people).
#include <boost/json.hpp>

#include "app/audiences.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {
namespace bj = boost::json;

bj::value EncodeInstant(const std::optional<core::Timestamp>& at) {
  return at ? bj::value(core::FormatRfc3339(*at)) : bj::value(nullptr);
}

bj::object EncodeMemberships(const std::vector<core::AudienceMembership>& memberships) {
  bj::array items;
  for (const core::AudienceMembership& membership : memberships) {
    items.push_back(bj::object{{"id", membership.id},
                               {"audience", membership.audience},
                               {"participant_id", membership.participant_id},
                               {"since", EncodeInstant(membership.since)},
                               {"until", EncodeInstant(membership.until)},
                               {"source", membership.source},
                               {"set_by_hand", membership.source.starts_with("manual:")}});
  }
  return {{"items", std::move(items)}};
}

core::Result<std::optional<core::Timestamp>> ReadInstant(const bj::object& member,
                                                         std::string_view name) {
  const bj::value* value = member.if_contains(name);
  if (value == nullptr || value->is_null()) return std::optional<core::Timestamp>();
  const bj::string* text = value->if_string();
  std::optional<core::Timestamp> at;
  if (text != nullptr) at = core::ParseRfc3339(*text);
  if (!at) {
    return core::Error::InvalidArgument(
        std::string(name) + " must be an RFC 3339 time (2026-03-14T10:04:00Z) or null",
        "members." + std::string(name));
  }
  return std::optional<core::Timestamp>(*at);
}

core::Result<std::vector<app::AudienceMember>> DecodeMembers(const bj::object& body) {
  const bj::value* value = body.if_contains("members");
  const bj::array* members = value == nullptr ? nullptr : value->if_array();
  if (members == nullptr) {
    return core::Error::InvalidArgument(
        "members must be an array of {participant_id, since, "
        "until}",
        "members");
  }
  if (members->size() > app::kMaxAudienceMembers) {
    return core::Error::InvalidArgument(
        "an audience is given at most " + std::to_string(app::kMaxAudienceMembers) + " members",
        "members");
  }
  std::vector<app::AudienceMember> decoded;
  for (const bj::value& item : *members) {
    const bj::object* member = item.if_object();
    if (member == nullptr) {
      return core::Error::InvalidArgument("each member must be an object", "members");
    }
    DEBRIEF_RETURN_IF_ERROR(OnlyFields(*member, {"participant_id", "since", "until"}));
    const bj::value* id = member->if_contains("participant_id");
    if (id == nullptr || !id->is_int64() || id->get_int64() <= 0) {
      return core::Error::InvalidArgument("participant_id must be a participant's id",
                                          "members.participant_id");
    }
    app::AudienceMember& added = decoded.emplace_back();
    added.participant_id = id->get_int64();
    DEBRIEF_ASSIGN_OR_RETURN(added.since, ReadInstant(*member, "since"));
    DEBRIEF_ASSIGN_OR_RETURN(added.until, ReadInstant(*member, "until"));
  }
  return decoded;
}

}  // namespace

core::Result<ApiResponse> ListAudienceMemberships(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AudienceMembership> memberships,
                           app::ListAudienceMemberships(context.store(), incident));
  return ApiResponse::Json(EncodeMemberships(memberships));
}

core::Result<ApiResponse> SetAudienceMembers(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"audience", "members"}));
  DEBRIEF_ASSIGN_OR_RETURN(std::string audience, StringField(body, "audience"));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<app::AudienceMember> members, DecodeMembers(body));
  store::Change change = ChangeBy(context, {}, body);
  DEBRIEF_RETURN_IF_ERROR(
      app::SetAudienceMembers(context.store(), incident, audience, members, change));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AudienceMembership> memberships,
                           app::ListAudienceMemberships(context.store(), incident));
  return ApiResponse::Json(EncodeMemberships(memberships));
}

core::Result<ApiResponse> ImportOnCalls(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"audience", "content", "format"}));
  DEBRIEF_ASSIGN_OR_RETURN(std::string audience, StringField(body, "audience"));
  DEBRIEF_ASSIGN_OR_RETURN(std::string content, StringField(body, "content"));
  if (const bj::value* format = body.if_contains("format");
      format != nullptr && !(format->is_string() && format->get_string() == "pagerduty")) {
    return core::Error::InvalidArgument(
        "format must be pagerduty (the answer of PagerDuty's GET /oncalls)", "format");
  }
  // The file's text is not kept in the audit entry: the memberships it made are.
  store::Change change = ChangeBy(context, {}, bj::object{{"audience", audience}});
  DEBRIEF_ASSIGN_OR_RETURN(
      app::OnCallImport imported,
      app::ImportOnCalls(context.store(), incident, audience, content, change));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AudienceMembership> memberships,
                           app::ListAudienceMemberships(context.store(), incident));
  bj::object answer = EncodeMemberships(memberships);
  answer["added"] = imported.memberships;
  answer["later_levels"] = imported.later_levels;
  bj::array strangers;
  for (const std::string& name : imported.people_not_participants) strangers.emplace_back(name);
  answer["people_not_participants"] = std::move(strangers);
  return ApiResponse::Json(answer);
}

}  // namespace debrief::http::handlers
