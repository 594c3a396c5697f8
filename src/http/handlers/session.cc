// Signing in and out, and who the caller is.
#include <boost/json.hpp>

#include "app/auth/single_sign_on.h"
#include "formats/json/record_json.h"
#include "http/authenticator.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// From the user's field schema: never the password's hash (a secret field).
bj::object EncodeUser(const core::User& user) { return formats::json::Encode(user); }

}  // namespace

bj::object EncodeUserForApi(const core::User& user) { return EncodeUser(user); }

core::Result<ApiResponse> SignIn(Context& context) {
  if (!context.services.password_sign_in) {
    std::string provider = context.services.single_sign_on != nullptr
                               ? context.services.single_sign_on->name
                               : std::string("the identity provider");
    return core::Error::PermissionDenied("password sign-in is turned off here: Sign in with " +
                                         provider);
  }
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"email", "password"}));
  DEBRIEF_ASSIGN_OR_RETURN(std::string email, StringField(body, "email"));
  DEBRIEF_ASSIGN_OR_RETURN(std::string password, StringField(body, "password"));
  Services& services = context.services;
  DEBRIEF_ASSIGN_OR_RETURN(PendingSignIn checked, services.authenticator.BeginSignIn(
                                                      email, context.request.client_address));
  // The password is hashed on a worker: argon2id takes 100-250 ms that nobody else waits for.
  auto pending = std::make_shared<const PendingSignIn>(std::move(checked));
  ApiResponse response;
  response.off_loop = [pending, password = std::move(password), &services]() -> LoopStep {
    bool verified = Authenticator::Verify(*pending, password);
    return [pending, verified, &services]() -> core::Result<ApiResponse> {
      DEBRIEF_ASSIGN_OR_RETURN(SignedIn signed_in,
                               services.authenticator.FinishSignIn(*pending, verified));
      auto max_age = std::chrono::duration_cast<std::chrono::seconds>(signed_in.expires_at -
                                                                      services.clock.Now());
      ApiResponse answer =
          ApiResponse::Json({{"user", EncodeUser(signed_in.user)},
                             {"csrf_token", signed_in.csrf_token},
                             {"expires_at", core::FormatRfc3339(signed_in.expires_at)}},
                            201);
      answer.headers.emplace_back(
          "Set-Cookie", services.authenticator.SessionCookie(signed_in.session_token, max_age));
      return answer;
    };
  };
  return response;
}

core::Result<ApiResponse> SignOut(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<Authenticated> caller,
                           context.services.authenticator.Resolve(context.request));
  if (caller) DEBRIEF_RETURN_IF_ERROR(context.services.authenticator.SignOut(*caller));
  ApiResponse response = ApiResponse::NoContent();
  response.headers.emplace_back(
      "Set-Cookie", context.services.authenticator.SessionCookie("", std::chrono::seconds(0)));
  return response;
}

core::Result<ApiResponse> GetMe(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, context.store().GetUser(context.caller().user_id));
  bj::object body = EncodeUser(user);
  if (!context.csrf_token.empty()) body["csrf_token"] = context.csrf_token;
  // Signed in at the proxy in front: signing out happens there ("" when it has no such page).
  if (context.via_proxy) body["sign_out_url"] = context.services.authenticator.ProxySignOutUrl();
  return ApiResponse::Json(body);
}

}  // namespace debrief::http::handlers
