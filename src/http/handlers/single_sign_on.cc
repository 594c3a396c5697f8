// Signing in through the organisation's identity provider (OpenID Connect), as the browser sees
// it: the sign-in page asks which ways in there are; "Sign in with <provider>" sends the browser
// to the start route, which sends it on to the provider with a state cookie; the provider sends
// it back to the callback, which checks the answer belongs to this browser's sign-in, redeems
// the code, verifies the ID token and starts a session. Both routes are navigations, so a
// failure is not a JSON problem the person would see raw: it sends the browser to the sign-in
// page, which shows why (kept in a short-lived cookie only the server reads and clears).
//
// The provider's round trips run off the event loop; the database steps where the request runs.
#include <boost/json.hpp>
#include <boost/url/decode_view.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <cstdio>
#include <memory>

#include "app/auth/oidc_sign_in.h"
#include "app/auth/single_sign_on.h"
#include "core/utf8.h"
#include "http/authenticator.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr std::string_view kStatePath = "/api/v1/auth/oidc";
constexpr std::string_view kStartPath = "/api/v1/auth/oidc/start";
// Why the last sign-in at the provider failed, for the sign-in page to say once.
constexpr std::string_view kFailureCookie = "debrief_sign_in_failure";
constexpr std::string_view kFailurePath = "/api/v1/auth";
constexpr std::chrono::seconds kFailureLifetime{300};
constexpr size_t kFailureMostBytes = 600;

ApiResponse Redirect(std::string_view location) {
  ApiResponse response;
  response.status = 303;
  response.content_type = "text/plain; charset=utf-8";
  response.headers.emplace_back("Location", std::string(location));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

std::string ClearedStateCookie(const Services& services) {
  return services.authenticator.Cookie(kOidcStateCookie, "", kStatePath, "Lax",
                                       std::chrono::seconds(0));
}

// What the person is told, in words that say what to do next. Why the provider could not be
// reached (its hosts, the network's errors) and internal errors are for the operator's log, not
// for whoever opens the sign-in page.
std::string FailureText(const Services& services, const core::Error& error) {
  const app::auth::SingleSignOn& provider = *services.single_sign_on;
  std::string text;
  if (error.code() == core::ErrorCode::kUnavailable || error.code() == core::ErrorCode::kInternal) {
    std::fprintf(stderr, "debrief: a sign-in with %s failed: %s\n", provider.name.c_str(),
                 error.message().c_str());
    text = error.code() == core::ErrorCode::kInternal
               ? "Signing in with " + provider.name + " failed on debrief's side"
               : provider.name + " cannot be reached right now";
    text += ". Try again in a few minutes";
    text += services.password_sign_in ? ", or sign in with your password." : ".";
  } else if (error.code() == core::ErrorCode::kResourceExhausted) {
    text = "Too many sign-ins were started from here: " + error.message() + ".";
  } else {
    text = "Signing in with " + provider.name + " did not work: " + error.message() + ".";
  }
  return text;
}

// Back to the sign-in page, which says why: no session, the state cookie cleared.
ApiResponse FailedSignIn(const Services& services, const core::Error& error) {
  std::string text = FailureText(services, error);
  if (text.size() > kFailureMostBytes) {
    text.resize(kFailureMostBytes);
    while (!text.empty() && !core::IsValidUtf8(text)) text.pop_back();
    text += "…";
  }
  ApiResponse response = Redirect("/");
  response.headers.emplace_back("Set-Cookie", ClearedStateCookie(services));
  response.headers.emplace_back(
      "Set-Cookie", services.authenticator.Cookie(
                        kFailureCookie, boost::urls::encode(text, boost::urls::unreserved_chars),
                        kFailurePath, "Lax", kFailureLifetime));
  return response;
}

// The failure kept for the sign-in page, if any (and only if it reads as text).
std::optional<std::string> KeptFailure(const ApiRequest& request) {
  auto kept = RequestCookie(request, kFailureCookie);
  if (!kept || kept->size() > 3 * kFailureMostBytes + 16) return std::nullopt;
  auto encoded = boost::urls::make_pct_string_view(*kept);
  if (!encoded) return std::nullopt;
  std::string text;
  encoded->decode({}, boost::urls::string_token::assign_to(text));
  if (text.empty() || !core::IsValidUtf8(text)) return std::nullopt;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
  }
  return text;
}

core::Result<app::auth::SingleSignOn*> Configured(Context& context) {
  if (context.services.single_sign_on == nullptr) {
    return core::Error::NotFound("signing in through an identity provider is not set up here");
  }
  return context.services.single_sign_on;
}

std::string QueryOr(const Context& context, std::string_view name) {
  return std::string(context.Query(name).value_or(""));
}

}  // namespace

core::Result<ApiResponse> ListSignInMethods(Context& context) {
  Services& services = context.services;
  bj::array providers;
  if (services.single_sign_on != nullptr) {
    providers.push_back(
        bj::object{{"id", "oidc"}, {"name", services.single_sign_on->name}, {"start", kStartPath}});
  }
  bj::object body{{"password", services.password_sign_in}, {"providers", std::move(providers)}};
  std::optional<std::string> failure = KeptFailure(context.request);
  if (failure) body["failure"] = *failure;
  ApiResponse response = ApiResponse::Json(body);
  response.headers.emplace_back("Cache-Control", "no-store");
  if (!RequestCookie(context.request, kFailureCookie)) return response;
  // Said once: the next visit to the sign-in page starts clean.
  response.headers.emplace_back(
      "Set-Cookie", services.authenticator.Cookie(kFailureCookie, "", kFailurePath, "Lax",
                                                  std::chrono::seconds(0)));
  return response;
}

core::Result<ApiResponse> StartProviderSignIn(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::auth::SingleSignOn * single_sign_on, Configured(context));
  Services& services = context.services;
  if (auto admitted = services.authenticator.AdmitProviderSignIn(context.request.client_address);
      !admitted) {
    return FailedSignIn(services, admitted.error());
  }
  std::string return_to = QueryOr(context, "return_to");
  ApiResponse response;
  response.off_loop = [single_sign_on, return_to = std::move(return_to), &services]() -> LoopStep {
    auto begun = std::make_shared<core::Result<app::auth::AuthorizationRequest>>(
        single_sign_on->provider->Begin());
    return [begun, return_to, &services]() -> core::Result<ApiResponse> {
      if (!*begun) return FailedSignIn(services, begun->error());
      auto started =
          // Copied, not moved: a busy database runs this step again.
          app::auth::KeepSignIn(services.store, services.clock, **begun, return_to);
      if (!started) {
        if (started.error().busy()) return started.error();  // Run again after a pause.
        return FailedSignIn(services, started.error());
      }
      ApiResponse answer = Redirect(started->provider_url);
      answer.headers.emplace_back(
          "Set-Cookie",
          services.authenticator.Cookie(
              kOidcStateCookie, started->state, kStatePath, "Lax",
              std::chrono::duration_cast<std::chrono::seconds>(app::auth::kSignInWindow)));
      return answer;
    };
  };
  return response;
}

core::Result<ApiResponse> FinishProviderSignIn(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::auth::SingleSignOn * single_sign_on, Configured(context));
  Services& services = context.services;
  app::auth::ProviderAnswer answer;
  answer.state = QueryOr(context, "state");
  answer.cookie_state = std::string(RequestCookie(context.request, kOidcStateCookie).value_or(""));
  answer.code = QueryOr(context, "code");
  answer.error = QueryOr(context, "error");
  answer.error_description = QueryOr(context, "error_description");
  auto pending = app::auth::TakeSignIn(services.store, services.clock, answer);
  if (!pending) {
    // Locked by another writer: nothing was taken, so the request may run again.
    if (pending.error().busy()) return pending.error();
    return FailedSignIn(services, pending.error());
  }
  auto kept = std::make_shared<const core::PendingSignIn>(std::move(*pending));
  ApiResponse response;
  response.off_loop = [single_sign_on, kept, answer = std::move(answer), &services]() -> LoopStep {
    auto claims = std::make_shared<core::Result<formats::oidc::IdTokenClaims>>(
        app::auth::RedeemSignIn(*single_sign_on->provider, answer, *kept));
    return [single_sign_on, kept, claims, &services]() -> core::Result<ApiResponse> {
      // From here the sign-in is used up: any failure is told, never run again.
      if (!*claims) return FailedSignIn(services, claims->error());
      auto user = app::auth::SignInWithIdentity(services.store, **claims, single_sign_on->policy);
      if (!user) return FailedSignIn(services, user.error());
      auto signed_in = services.authenticator.StartSession(*user);
      if (!signed_in) return FailedSignIn(services, signed_in.error());
      ApiResponse done = Redirect(kept->return_to);
      auto max_age = std::chrono::duration_cast<std::chrono::seconds>(signed_in->expires_at -
                                                                      services.clock.Now());
      done.headers.emplace_back("Set-Cookie", ClearedStateCookie(services));
      done.headers.emplace_back(
          "Set-Cookie", services.authenticator.SessionCookie(signed_in->session_token, max_age));
      return done;
    };
  };
  return response;
}

}  // namespace debrief::http::handlers
