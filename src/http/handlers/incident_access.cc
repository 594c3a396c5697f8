// Restricted incidents at the API: whether an incident is restricted and who its readers are
// (users and groups, by id and name), read by anyone who may see it and changed by its members
// with the incident's version (If-Match); and the groups one can name (GET /groups).
//
// GET /incidents/{key}/access
// PUT /incidents/{key}/access {"restricted": true, "reader_user_ids": [..], "reader_group_ids":
// [..]} GET /groups
#include <boost/json.hpp>
#include <map>

#include "app/incident_access.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

core::Result<ApiResponse> AccessAnswer(Context& context, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(core::IncidentReaders readers,
                           context.store().ListIncidentReaders(incident.id));
  std::map<int64_t, std::string> user_names;
  if (!readers.user_ids.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, context.store().ListUsers());
    for (core::User& user : users) user_names.emplace(user.id, std::move(user.name));
  }
  std::map<int64_t, std::string> group_names;
  if (!readers.group_ids.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Group> groups, context.store().ListGroups());
    for (core::Group& group : groups) group_names.emplace(group.id, std::move(group.name));
  }
  bj::array users;
  for (int64_t id : readers.user_ids) users.push_back({{"id", id}, {"name", user_names[id]}});
  bj::array groups;
  for (int64_t id : readers.group_ids) groups.push_back({{"id", id}, {"name", group_names[id]}});
  return ApiResponse::Versioned(
      {{"key", incident.key},
       {"version", incident.version},
       {"restricted", incident.restricted},
       {"readers", {{"users", std::move(users)}, {"groups", std::move(groups)}}}});
}

core::Result<std::vector<int64_t>> IdList(const bj::object& body, std::string_view name) {
  std::vector<int64_t> ids;
  const bj::value* given = body.if_contains(name);
  if (given == nullptr) return ids;
  if (!given->is_array()) {
    return core::Error::InvalidArgument(std::string(name) + " must be a list of ids",
                                        std::string(name));
  }
  for (const bj::value& id : given->get_array()) {
    if (!id.is_int64() || id.get_int64() <= 0) {
      return core::Error::InvalidArgument(std::string(name) + " must be a list of ids",
                                          std::string(name));
    }
    ids.push_back(id.get_int64());
  }
  if (ids.size() > 1'000) {
    return core::Error::InvalidArgument(std::string(name) + " names at most 1,000",
                                        std::string(name));
  }
  return ids;
}

}  // namespace

core::Result<ApiResponse> GetIncidentAccess(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  return AccessAnswer(context, incident);
}

core::Result<ApiResponse> PutIncidentAccess(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident current, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"restricted", "reader_user_ids", "reader_group_ids"}));
  const bj::value* restricted = body.if_contains("restricted");
  if (restricted == nullptr || !restricted->is_bool()) {
    return core::Error::InvalidArgument("restricted must be true or false", "restricted");
  }
  app::IncidentAccess access;
  access.restricted = restricted->get_bool();
  DEBRIEF_ASSIGN_OR_RETURN(access.readers.user_ids, IdList(body, "reader_user_ids"));
  DEBRIEF_ASSIGN_OR_RETURN(access.readers.group_ids, IdList(body, "reader_group_ids"));
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored,
                           app::ChangeIncidentAccess(context.store(), context.caller(), current,
                                                     expected_version, access));
  return AccessAnswer(context, stored);
}

core::Result<ApiResponse> ListGroups(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Group> groups, context.store().ListGroups());
  bj::array items;
  for (const core::Group& group : groups) {
    items.push_back(
        {{"id", group.id}, {"name", group.name}, {"member_count", group.member_ids.size()}});
  }
  return ApiResponse::Json({{"items", std::move(items)}});
}

}  // namespace debrief::http::handlers
