// API tokens: create your own (the secret is shown once), list yours or, as an admin, everyone's,
// and revoke one (app/api_tokens decides who may).
#include <boost/json.hpp>

#include <charconv>
#include <map>

#include "app/api_tokens.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

bj::value OptionalTime(const std::optional<core::Timestamp>& at) {
  return at ? bj::value(core::FormatRfc3339(*at)) : bj::value(nullptr);
}

bj::object EncodeToken(const core::ApiToken& token, core::Timestamp now) {
  return {{"id", token.id},
          {"user_id", token.user_id},
          {"name", token.name},
          {"created_at", core::FormatRfc3339(token.created_at)},
          {"last_used_at", OptionalTime(token.last_used_at)},
          {"expires_at", OptionalTime(token.expires_at)},
          {"revoked_at", OptionalTime(token.revoked_at)},
          {"state", app::TokenState(token, now)}};
}

core::Result<ApiResponse> TokenList(Context& context, std::optional<int64_t> user_id,
                                    bool with_people) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ApiToken> tokens,
                           app::ListApiTokens(context.store(), context.caller(), user_id));
  std::map<int64_t, core::User> people;
  if (with_people) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, context.store().ListUsers());
    for (core::User& user : users) people.emplace(user.id, std::move(user));
  }
  core::Timestamp now = context.services.clock.Now();
  bj::array items;
  for (const core::ApiToken& token : tokens) {
    bj::object item = EncodeToken(token, now);
    if (auto person = people.find(token.user_id); person != people.end()) {
      item["user"] = {{"name", person->second.name}, {"email", person->second.email}};
    }
    items.push_back(std::move(item));
  }
  return ApiResponse::Json({{"items", std::move(items)}});
}

}  // namespace

core::Result<ApiResponse> CreateMyToken(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"name", "expires_in_days"}));
  app::TokenRequest request;
  DEBRIEF_ASSIGN_OR_RETURN(request.name, StringField(body, "name"));
  if (const bj::value* days = body.if_contains("expires_in_days"); days && !days->is_null()) {
    if (!days->is_int64()) {
      return core::Error::InvalidArgument("expires_in_days must be a whole number of days, or null",
                                          "expires_in_days");
    }
    int64_t value = days->get_int64();
    request.expires_in_days =
        static_cast<int>(std::clamp<int64_t>(value, -1, int64_t{app::kMaxTokenDays} + 1));
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      app::IssuedToken issued,
      app::IssueApiToken(context.store(), context.services.clock, context.caller().user_id,
                         context.caller().user_id, request));
  bj::object out = EncodeToken(issued.token, context.services.clock.Now());
  out["token"] = issued.secret;
  return ApiResponse::Json(out, 201);
}

core::Result<ApiResponse> ListMyTokens(Context& context) {
  return TokenList(context, context.caller().user_id, /*with_people=*/false);
}

core::Result<ApiResponse> ListAllTokens(Context& context) {
  std::optional<int64_t> user_id;
  if (auto user = context.Query("user")) {
    int64_t id = 0;
    auto [end, error] = std::from_chars(user->data(), user->data() + user->size(), id);
    if (error != std::errc() || end != user->data() + user->size() || id <= 0) {
      return core::Error::InvalidArgument("user must be a user id", "user");
    }
    user_id = id;
  }
  return TokenList(context, user_id, /*with_people=*/true);
}

core::Result<ApiResponse> RevokeToken(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t id, context.IdParameter(0, "API token"));
  DEBRIEF_ASSIGN_OR_RETURN(core::ApiToken revoked,
                           app::RevokeApiToken(context.store(), context.caller(), id));
  return ApiResponse::Json(EncodeToken(revoked, context.services.clock.Now()));
}

}  // namespace debrief::http::handlers
