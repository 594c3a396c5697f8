// SCIM 2.0 provisioning (RFC 7644) of users by the organisation's identity provider (Okta,
// Entra ID, ...), under /scim/v2 with the provisioning token: list and filter, create, read,
// replace, patch, and deprovision. Bodies are application/scim+json (application/json is taken
// too); errors are SCIM error documents (router.cc).
#include <boost/json.hpp>

#include "app/provisioning.h"
#include "formats/scim/scim_user.h"
#include "http/handlers/handlers.h"
#include "http/handlers/scim_exchange.h"

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

bj::object Encode(const app::ProvisionedUser& user) {
  return scim::EncodeUser(user.user, user.user_name, kBase);
}

core::Result<int64_t> UserId(const Context& context) { return PathId(context, "user"); }

}  // namespace

core::Result<ApiResponse> ScimServiceProviderConfig(Context&) {
  bj::object unsupported{{"supported", false}};
  return ScimJson({
      {"schemas", bj::array{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"}},
      {"patch", {{"supported", true}}},
      {"bulk", {{"supported", false}, {"maxOperations", 0}, {"maxPayloadSize", 0}}},
      {"filter", {{"supported", true}, {"maxResults", kMostPerPage}}},
      {"changePassword", unsupported},
      {"sort", unsupported},
      {"etag", unsupported},
      {"authenticationSchemes",
       bj::array{bj::object{{"type", "oauthbearertoken"},
                            {"name", "Bearer token"},
                            {"description", "The provisioning token (serve --scim-token-file)"},
                            {"primary", true}}}},
  });
}

core::Result<ApiResponse> ListScimUsers(Context& context) {
  std::optional<scim::Filter> filter;
  if (std::optional<std::string_view> given = context.Query("filter"); given && !given->empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(filter, scim::ParseFilter(*given));
  }
  DEBRIEF_ASSIGN_OR_RETURN(int start, PositiveQuery(context, "startIndex", 1, 1));
  DEBRIEF_ASSIGN_OR_RETURN(int count, PositiveQuery(context, "count", 100, 0));
  count = std::min(count, kMostPerPage);
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<app::ProvisionedUser> users,
                           app::FindProvisionedUsers(context.store(), filter));
  return ListResponse(users.size(), start, count,
                      [&](size_t index) { return Encode(users[index]); });
}

core::Result<ApiResponse> CreateScimUser(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, ScimBody(context));
  DEBRIEF_ASSIGN_OR_RETURN(scim::UserAttributes given, scim::ParseUser(body));
  const app::ProvisioningPolicy& policy = context.services.provisioning;
  DEBRIEF_ASSIGN_OR_RETURN(app::ProvisionedUser user,
                           app::ProvisionUser(context.store(), given, policy));
  ApiResponse response = ScimJson(Encode(user), 201);
  response.headers.emplace_back("Location",
                                std::string(kBase) + "/Users/" + std::to_string(user.user.id));
  return response;
}

core::Result<ApiResponse> GetScimUser(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, UserId(context));
  DEBRIEF_ASSIGN_OR_RETURN(app::ProvisionedUser user, app::GetProvisionedUser(context.store(), id));
  return ScimJson(Encode(user));
}

core::Result<ApiResponse> ReplaceScimUser(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, UserId(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, ScimBody(context));
  DEBRIEF_ASSIGN_OR_RETURN(scim::UserAttributes given, scim::ParseUser(body));
  DEBRIEF_ASSIGN_OR_RETURN(app::ProvisionedUser user,
                           app::UpdateProvisionedUser(context.store(), id, given));
  return ScimJson(Encode(user));
}

core::Result<ApiResponse> PatchScimUser(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, UserId(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, ScimBody(context));
  DEBRIEF_ASSIGN_OR_RETURN(scim::UserAttributes changes, scim::ParseUserPatch(body));
  DEBRIEF_ASSIGN_OR_RETURN(app::ProvisionedUser user,
                           app::UpdateProvisionedUser(context.store(), id, changes));
  return ScimJson(Encode(user));
}

core::Result<ApiResponse> DeleteScimUser(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, UserId(context));
  scim::UserAttributes inactive;
  inactive.active = false;
  DEBRIEF_RETURN_IF_ERROR(app::UpdateProvisionedUser(context.store(), id, inactive));
  return ApiResponse::NoContent();
}

}  // namespace debrief::http::handlers
