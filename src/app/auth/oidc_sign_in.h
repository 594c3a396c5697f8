// Signing in through the identity provider from start to end, as the HTTP edge drives it:
// StartSignIn keeps what the return must match (the state's hash, the nonce, the PKCE verifier)
// and says where to send the browser, which keeps the state in a cookie; CompleteSignIn takes
// the provider's answer at the callback, checks it belongs to this browser's sign-in (the state
// in the query and in the cookie, the same, begun less than `kSignInWindow` ago and not used
// before), redeems the code, verifies the ID token and finds or creates the user.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "app/auth/identity_sign_in.h"
#include "app/auth/oidc_provider.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::app::auth {

// How long a person may take at the provider before the sign-in must start again.
inline constexpr std::chrono::minutes kSignInWindow{10};

struct StartedSignIn {
  std::string provider_url;  // Where the browser goes.
  std::string state;         // Goes into the browser's cookie; only its hash is stored.
};

// `return_to` is a path of debrief to land on afterwards; anything else lands on "/".
// StartSignIn is OidcProvider::Begin (the provider's round trips: off the event loop) and then
// KeepSignIn (the database), which the HTTP edge runs apart.
core::Result<StartedSignIn> KeepSignIn(store::Store& store, const core::Clock& clock,
                                       AuthorizationRequest request, std::string_view return_to);
core::Result<StartedSignIn> StartSignIn(store::Store& store, OidcProvider& provider,
                                        const core::Clock& clock, std::string_view return_to);

// What came back to the callback.
struct ProviderAnswer {
  std::string state;         // From the query.
  std::string cookie_state;  // From this browser's cookie.
  std::string code;
  std::string error;  // The provider's error (the person declined, the provider failed).
  std::string error_description;
};

struct CompletedSignIn {
  core::User user;
  std::string return_to;
};

// kUnauthenticated (nothing signed in) with a reason fit to show the person for every answer
// that is not a good one; kPermissionDenied from SignInWithIdentity; kUnavailable when the
// provider cannot be reached. It is three steps the HTTP edge runs apart: TakeSignIn (the
// database: the state checked, the pending sign-in taken once), RedeemSignIn (the provider's
// round trips, off the event loop) and SignInWithIdentity (the database).
core::Result<core::PendingSignIn> TakeSignIn(store::Store& store, const core::Clock& clock,
                                             const ProviderAnswer& answer);
core::Result<formats::oidc::IdTokenClaims> RedeemSignIn(OidcProvider& provider,
                                                        const ProviderAnswer& answer,
                                                        const core::PendingSignIn& pending);
core::Result<CompletedSignIn> CompleteSignIn(store::Store& store, OidcProvider& provider,
                                             const core::Clock& clock, const IdentityPolicy& policy,
                                             const ProviderAnswer& answer);

}  // namespace debrief::app::auth
