// One OpenID provider as a sign-in uses it: its discovery document (fetched as each sign-in
// begins, so a provider that is down is said to be before the browser is sent to it; kept for
// the code exchange, an hour at most), its signing keys (kept; fetched again when a token does
// not verify with them, at most once per `key_refetch_interval`, so a provider that rotated its
// keys is followed, with or without key ids, and a stream of forged tokens costs one fetch a
// minute), and the code exchange at its token endpoint, whose ID token is checked
// (formats/oidc/id_token.h) before anyone is signed in. Thread-safe; blocking (outbound HTTP):
// never called on the event loop.
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
#include "net/http_post.h"

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
  // The discovery document, fetched again after kDiscoveryLifetime (the old one serves while
  // the provider cannot be reached), or, `now`, fetched at once with no old one to fall back on:
  // a sign-in begins only at a provider that answers, or the browser would be sent to a page
  // that does not load instead of being told.
  core::Result<formats::oidc::ProviderMetadata> Metadata(bool now = false);
  // The keys kept, fetched when there are none.
  core::Result<formats::oidc::KeySet> Keys();
  // The keys fetched anew, unless the last fetch was less than key_refetch_interval ago
  // (nullopt then).
  core::Result<std::optional<formats::oidc::KeySet>> FetchKeysAgain();
  core::Result<formats::oidc::KeySet> FetchKeys();
  core::Result<std::string> Get(const std::string& url, std::string_view what);
  net::OutboundRequest Request(std::string method, std::string url) const;

  OidcSettings settings_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::string issuer_host_;  // The one host that may be on the internal network.
  std::optional<formats::oidc::ProviderMetadata> metadata_;
  core::Timestamp metadata_fetched_{};
  std::optional<formats::oidc::KeySet> keys_;
  core::Timestamp keys_fetched_{};
};

}  // namespace debrief::app::auth
