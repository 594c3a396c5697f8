// The first step of signing in through an OpenID provider: the authorization code flow's request
// (OpenID Connect Core 3.1.2.1) with everything that makes its answer checkable: a `state` that
// ties the answer to this browser, a `nonce` the ID token must carry back, and PKCE (RFC 7636,
// S256), whose verifier is sent only with the code, server to server.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "formats/oidc/discovery.h"

namespace debrief::app::auth {

struct OidcClient {
  std::string client_id;
  // Where the provider sends the browser back: debrief's callback, as registered with it.
  std::string redirect_uri;
  std::vector<std::string> scopes = {"openid", "email", "profile"};
};

// What the browser is sent to, and what the server keeps until it comes back (never shown to
// anyone but the browser that started: state and nonce go with it, the verifier stays private).
struct AuthorizationRequest {
  std::string url;
  std::string state;
  std::string nonce;
  std::string code_verifier;
};

// Fresh random state, nonce and verifier (32 random bytes each), and the URL at the provider's
// authorization endpoint carrying them; a query the endpoint already has is kept. "openid" is
// asked for whatever `client.scopes` holds. kInvalidArgument for an endpoint that is not an
// absolute URL (ParseDiscovery never gives one).
core::Result<AuthorizationRequest> BeginAuthorization(
    const formats::oidc::ProviderMetadata& provider, const OidcClient& client);

}  // namespace debrief::app::auth
