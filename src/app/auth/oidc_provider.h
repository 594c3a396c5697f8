// One OpenID provider as a sign-in uses it: its discovery document (fetched on first use and kept;
// fetched again after a failure), its signing keys (kept; fetched again when a token names a key
// they lack, at most once per `key_refetch_interval`, so a provider that rotated its keys is
// followed and a stream of forged key ids costs one fetch a minute), and the code exchange at
// its token endpoint, whose ID token is checked (formats/oidc/id_token.h) before anyone is
// signed in. Thread-safe; blocking (outbound HTTP): never called on the event loop.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/auth/authorization_request.h"
#include "core/clock.h"
#include "core/result.h"
#include "formats/oidc/discovery.h"
#include "formats/oidc/id_token.h"
#include "formats/oidc/key_set.h"

namespace debrief::app::auth {

struct OidcSettings {
  std::string issuer;  // As the provider names itself, e.g. https://login.example.com/realms/x.
  std::string client_id;
  std::string client_secret;  // Never logged, never sent but to the token endpoint.
  std::string redirect_uri;
  std::vector<std::string> scopes = {"openid", "email", "profile"};
  std::string groups_claim = "groups";
  std::chrono::seconds clock_skew{60};
  std::chrono::milliseconds timeout{10'000};
  std::chrono::seconds key_refetch_interval{60};
};

class OidcProvider {
 public:
  OidcProvider(OidcSettings settings, const core::Clock& clock);

  const OidcSettings& settings() const { return settings_; }

  // Where to send the browser, and what to keep until it comes back. kUnavailable when the
  // provider cannot be reached or describes itself unusably (saying which).
  core::Result<AuthorizationRequest> Begin();

  // The provider sent the browser back with `code` for the sign-in `pending` began (its state
  // already matched by the caller): the code is redeemed with the PKCE verifier, and the ID
  // token's claims are returned once verified against the nonce sent.
  core::Result<formats::oidc::IdTokenClaims> Finish(std::string_view code,
                                                    const AuthorizationRequest& pending);

 private:
  core::Result<formats::oidc::ProviderMetadata> Metadata();
  // The keys, fetched when there are none, or again when `missing_kid` is not among them and
  // the last fetch is old enough.
  core::Result<formats::oidc::KeySet> Keys(const std::optional<std::string>& missing_kid);
  core::Result<std::string> Get(const std::string& url, std::string_view what);

  OidcSettings settings_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::optional<formats::oidc::ProviderMetadata> metadata_;
  std::optional<formats::oidc::KeySet> keys_;
  core::Timestamp keys_fetched_{};
};

}  // namespace debrief::app::auth
