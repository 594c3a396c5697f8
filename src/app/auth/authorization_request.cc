#include "app/auth/authorization_request.h"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "security/pkce.h"
#include "security/token.h"

namespace debrief::app::auth {

core::Result<AuthorizationRequest> BeginAuthorization(
    const formats::oidc::ProviderMetadata& provider, const OidcClient& client) {
  auto endpoint = boost::urls::parse_absolute_uri(provider.authorization_endpoint);
  if (!endpoint) {
    return core::Error::InvalidArgument("the provider's authorization endpoint is not a URL",
                                        "issuer");
  }
  AuthorizationRequest request;
  request.state = security::NewToken();
  request.nonce = security::NewToken();
  request.code_verifier = security::NewToken();  // 43 unreserved characters, as RFC 7636 asks.
  std::string scope = "openid";
  for (const std::string& wanted : client.scopes) {
    if (wanted != "openid" && !wanted.empty()) scope += " " + wanted;
  }
  boost::urls::url url(*endpoint);  // Its own query stays.
  auto params = url.params();
  params.append({"response_type", "code"});
  params.append({"client_id", client.client_id});
  params.append({"redirect_uri", client.redirect_uri});
  params.append({"scope", scope});
  params.append({"state", request.state});
  params.append({"nonce", request.nonce});
  params.append({"code_challenge", security::PkceChallenge(request.code_verifier)});
  params.append({"code_challenge_method", "S256"});
  request.url = std::string(url.buffer());
  return request;
}

}  // namespace debrief::app::auth
