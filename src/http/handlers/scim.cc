// SCIM 2.0 provisioning (RFC 7644) of users by the organisation's identity provider (Okta,
// Entra ID, ...), under /scim/v2 with the provisioning token: list and filter, create, read,
// replace, patch, and deprovision. Bodies are application/scim+json (application/json is taken
// too); errors are SCIM error documents (router.cc).
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "app/provisioning.h"
#include "formats/scim/scim_user.h"
#include "http/handlers/handlers.h"
#include "ingest/plain_text.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;
namespace scim = formats::scim;

// Where resources are: relative, since behind a proxy only the provider knows the address it
// uses (both Okta and Entra ID address users by id).
constexpr std::string_view kBase = "/scim/v2";
constexpr int kMostPerPage = 500;

ApiResponse ScimJson(const bj::object& body, unsigned status = 200) {
  ApiResponse response = ApiResponse::Json(body, status);
  response.content_type = "application/scim+json";
  return response;
}

bj::object Encode(const app::ProvisionedUser& user) {
  return scim::EncodeUser(user.user, user.user_name, kBase);
}

core::Result<bj::object> ScimBody(const Context& context) {
  std::string_view content_type = context.request.Header("content-type");
  std::string media_type =
      ingest::AsciiLower(ingest::TrimSpace(content_type.substr(0, content_type.find(';'))));
  // SCIM's own media type, or plain JSON, as some providers send.
  if (media_type == "application/scim+json")
    return ParseJsonBody("application/json", context.request.body);
  return context.JsonBody();
}

core::Result<int64_t> UserId(const Context& context) {
  const std::string& given = context.path_parameters[0];
  int64_t id = 0;
  auto [end, error] = std::from_chars(given.data(), given.data() + given.size(), id);
  if (error != std::errc() || end != given.data() + given.size() || id <= 0) {
    return core::Error::NotFound("no user " + given);
  }
  return id;
}

core::Result<int> PositiveQuery(const Context& context, std::string_view name, int fallback,
                                int lowest) {
  std::optional<std::string_view> given = context.Query(name);
  if (!given) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(given->data(), given->data() + given->size(), value);
  if (error != std::errc() || end != given->data() + given->size()) {
    return core::Error::InvalidArgument(std::string(name) + " must be a whole number",
                                        std::string(name));
  }
  return std::max(value, lowest);
}

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
  bj::array resources;
  for (size_t index = static_cast<size_t>(start - 1);
       index < users.size() && resources.size() < static_cast<size_t>(count); ++index) {
    resources.push_back(Encode(users[index]));
  }
  bj::object body{{"schemas", bj::array{scim::kListSchema}},
                  {"totalResults", users.size()},
                  {"startIndex", start},
                  {"itemsPerPage", resources.size()},
                  {"Resources", std::move(resources)}};
  return ScimJson(body);
}

core::Result<ApiResponse> CreateScimUser(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, ScimBody(context));
  DEBRIEF_ASSIGN_OR_RETURN(scim::UserAttributes given, scim::ParseUser(body));
  app::ProvisioningPolicy policy{context.services.provisioned_role};
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
