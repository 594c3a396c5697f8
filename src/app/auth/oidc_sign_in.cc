#include "app/auth/oidc_sign_in.h"

#include "formats/oidc/token_response.h"
#include "security/token.h"

namespace debrief::app::auth {
namespace {

// A path of this server: "/x", never "//host" or "/\host" (which browsers read as another
// site), nothing with a scheme or a control character.
std::string SafeReturn(std::string_view return_to) {
  if (return_to.empty() || return_to.size() > 2000 || return_to[0] != '/' ||
      (return_to.size() > 1 && (return_to[1] == '/' || return_to[1] == '\\'))) {
    return "/";
  }
  for (char c : return_to) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return "/";
  }
  return std::string(return_to);
}

}  // namespace

core::Result<StartedSignIn> KeepSignIn(store::Store& store, const core::Clock& clock,
                                       AuthorizationRequest request, std::string_view return_to) {
  core::PendingSignIn pending;
  pending.state_hash = security::HashToken(request.state);
  pending.nonce = request.nonce;
  pending.code_verifier = request.code_verifier;
  pending.return_to = SafeReturn(return_to);
  pending.created_at = clock.Now();
  DEBRIEF_RETURN_IF_ERROR(store.SavePendingSignIn(pending, clock.Now() - kSignInWindow));
  return StartedSignIn{std::move(request.url), std::move(request.state)};
}

core::Result<StartedSignIn> StartSignIn(store::Store& store, OidcProvider& provider,
                                        const core::Clock& clock, std::string_view return_to) {
  DEBRIEF_ASSIGN_OR_RETURN(AuthorizationRequest request, provider.Begin());
  return KeepSignIn(store, clock, std::move(request), return_to);
}

core::Result<core::PendingSignIn> TakeSignIn(store::Store& store, const core::Clock& clock,
                                             const ProviderAnswer& answer) {
  if (answer.state.empty() || answer.cookie_state.empty() ||
      !security::SecretsEqual(answer.state, answer.cookie_state)) {
    return core::Error::Unauthenticated(
        "this sign-in was not started in this browser; start it again");
  }
  auto pending = store.TakePendingSignIn(security::HashToken(answer.state));
  if (!pending) {
    if (pending.error().code() != core::ErrorCode::kNotFound) return pending.error();
    return core::Error::Unauthenticated(
        "this sign-in was used already or has expired; start it again");
  }
  // The provider's refusal is told only for a sign-in this browser began (and used up with it):
  // a link with error text of anyone's choosing shows nothing on debrief's page.
  if (!answer.error.empty()) {
    std::string description = formats::oidc::PrintableExcerpt(answer.error_description);
    return core::Error::Unauthenticated(
        "the identity provider did not sign you in: " +
        formats::oidc::PrintableExcerpt(answer.error) +
        (description.empty() ? std::string() : " (" + description + ")"));
  }
  if (clock.Now() - pending->created_at > kSignInWindow) {
    return core::Error::Unauthenticated("this sign-in took too long; start it again");
  }
  return std::move(*pending);
}

core::Result<formats::oidc::IdTokenClaims> RedeemSignIn(OidcProvider& provider,
                                                        const ProviderAnswer& answer,
                                                        const core::PendingSignIn& pending) {
  AuthorizationRequest request;
  request.state = answer.state;
  request.nonce = pending.nonce;
  request.code_verifier = pending.code_verifier;
  return provider.Finish(answer.code, request);
}

core::Result<CompletedSignIn> CompleteSignIn(store::Store& store, OidcProvider& provider,
                                             const core::Clock& clock, const IdentityPolicy& policy,
                                             const ProviderAnswer& answer) {
  DEBRIEF_ASSIGN_OR_RETURN(core::PendingSignIn pending, TakeSignIn(store, clock, answer));
  DEBRIEF_ASSIGN_OR_RETURN(formats::oidc::IdTokenClaims claims,
                           RedeemSignIn(provider, answer, pending));
  DEBRIEF_ASSIGN_OR_RETURN(core::User user, SignInWithIdentity(store, claims, policy));
  return CompletedSignIn{std::move(user), pending.return_to};
}

}  // namespace debrief::app::auth
