// SCIM 2.0 provisioning (RFC 7644) of groups by the organisation's identity provider, under
// /scim/v2/Groups with the provisioning token: list and filter (displayName eq), create, read,
// replace, patch (members added and removed as Okta and Entra ID send them), and delete. With
// serve --scim-role-map, membership gives roles (app/provisioned_groups.h).
#include <boost/json.hpp>

#include "app/provisioned_groups.h"
#include "formats/scim/scim_group.h"
#include "http/handlers/handlers.h"
#include "http/handlers/scim_exchange.h"
#include "ingest/plain_text.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;
namespace scim = formats::scim;

using scim_exchange::kBase;
using scim_exchange::kMostPerPage;
using scim_exchange::ListResponse;
using scim_exchange::PathId;
using scim_exchange::PositiveQuery;
using scim_exchange::ScimBody;
using scim_exchange::ScimJson;

// Whether `list` (comma-separated attribute names, as in ?attributes= or ?excludedAttributes=)
// names the members.
bool NamesMembers(std::string_view list) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string name =
        scim::NormalPath(ingest::TrimSpace(list.substr(0, comma)), scim::kGroupSchema);
    if (name == "members" || name.starts_with("members.")) return true;
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return false;
}

// Whether the answer lists members: not when the provider leaves them out (Entra ID asks
// excludedAttributes=members when it only looks a group up) or asks for other attributes only.
bool WithMembers(const Context& context) {
  if (auto excluded = context.Query("excludedAttributes"); excluded && NamesMembers(*excluded)) {
    return false;
  }
  if (auto attributes = context.Query("attributes"); attributes && !attributes->empty()) {
    return NamesMembers(*attributes);
  }
  return true;
}

bj::object Encode(const app::ProvisionedGroup& group, bool with_members) {
  return scim::EncodeGroup(group.group, group.members, with_members, kBase);
}

core::Result<int64_t> GroupId(const Context& context) { return PathId(context, "group"); }

}  // namespace

core::Result<ApiResponse> ListScimGroups(Context& context) {
  std::optional<scim::Filter> filter;
  if (std::optional<std::string_view> given = context.Query("filter"); given && !given->empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(filter, scim::ParseGroupFilter(*given));
  }
  DEBRIEF_ASSIGN_OR_RETURN(int start, PositiveQuery(context, "startIndex", 1, 1));
  DEBRIEF_ASSIGN_OR_RETURN(int count, PositiveQuery(context, "count", 100, 0));
  count = std::min(count, kMostPerPage);
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<app::ProvisionedGroup> groups,
                           app::FindProvisionedGroups(context.store(), filter));
  bool with_members = WithMembers(context);
  return ListResponse(groups.size(), start, count,
                      [&](size_t index) { return Encode(groups[index], with_members); });
}

core::Result<ApiResponse> CreateScimGroup(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, ScimBody(context));
  DEBRIEF_ASSIGN_OR_RETURN(scim::GroupResource given, scim::ParseGroup(body));
  DEBRIEF_ASSIGN_OR_RETURN(
      app::ProvisionedGroup group,
      app::ProvisionGroup(context.store(), given, context.services.provisioning));
  ApiResponse response = ScimJson(Encode(group, true), 201);
  response.headers.emplace_back("Location",
                                std::string(kBase) + "/Groups/" + std::to_string(group.group.id));
  return response;
}

core::Result<ApiResponse> GetScimGroup(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, GroupId(context));
  DEBRIEF_ASSIGN_OR_RETURN(app::ProvisionedGroup group,
                           app::GetProvisionedGroup(context.store(), id));
  return ScimJson(Encode(group, WithMembers(context)));
}

core::Result<ApiResponse> ReplaceScimGroup(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, GroupId(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, ScimBody(context));
  DEBRIEF_ASSIGN_OR_RETURN(scim::GroupResource given, scim::ParseGroup(body));
  DEBRIEF_ASSIGN_OR_RETURN(
      app::ProvisionedGroup group,
      app::ReplaceProvisionedGroup(context.store(), id, given, context.services.provisioning));
  return ScimJson(Encode(group, true));
}

core::Result<ApiResponse> PatchScimGroup(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, GroupId(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, ScimBody(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<scim::GroupChange> changes, scim::ParseGroupPatch(body));
  DEBRIEF_ASSIGN_OR_RETURN(
      app::ProvisionedGroup group,
      app::PatchProvisionedGroup(context.store(), id, changes, context.services.provisioning));
  return ScimJson(Encode(group, WithMembers(context)));
}

core::Result<ApiResponse> DeleteScimGroup(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, GroupId(context));
  DEBRIEF_RETURN_IF_ERROR(
      app::DeleteProvisionedGroup(context.store(), id, context.services.provisioning));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
