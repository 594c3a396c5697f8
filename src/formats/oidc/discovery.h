// What an OpenID provider says about itself at {issuer}/.well-known/openid-configuration
// (OpenID Connect Discovery 1.0), as far as a sign-in needs it. The document must name exactly
// the issuer it was fetched for (section 4.3: otherwise anyone able to answer for one URL could
// impersonate another provider), and every endpoint must be HTTPS, or HTTP on a loopback host
// (a provider on the same machine, as in the tests).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace debrief::formats::oidc {

struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string userinfo_endpoint;     // Empty when the provider has none.
  std::string end_session_endpoint;  // Empty when the provider has none (RP-initiated logout).
  // How the client authenticates at the token endpoint: client_secret_basic when the provider
  // takes it (the default the specification names), else client_secret_post.
  std::string token_endpoint_auth_method;
};

// kInvalidArgument, saying what is wrong, for a document a sign-in cannot go on with.
core::Result<ProviderMetadata> ParseDiscovery(std::string_view json,
                                              std::string_view expected_issuer);

// Whether `url` is HTTPS, or HTTP to a loopback host (localhost, 127.0.0.0/8, [::1]).
bool IsSecureOrLoopback(std::string_view url);

}  // namespace debrief::formats::oidc
