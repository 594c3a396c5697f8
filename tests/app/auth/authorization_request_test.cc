// The authorization request a sign-in sends the browser to: PKCE as RFC 7636 computes it, fresh
// secrets every time, and a URL that carries them and keeps the endpoint's own query.
#include "app/auth/authorization_request.h"

#include <gtest/gtest.h>
#include <boost/url/parse.hpp>

#include <set>

#include "security/pkce.h"

namespace debrief::app::auth {
namespace {

formats::oidc::ProviderMetadata Provider(std::string authorization_endpoint) {
  formats::oidc::ProviderMetadata provider;
  provider.issuer = "https://login.example.com";
  provider.authorization_endpoint = std::move(authorization_endpoint);
  return provider;
}

std::string Param(const boost::urls::url_view& url, std::string_view name) {
  auto found = url.params().find(name);
  return found == url.params().end() ? std::string("<absent>") : std::string((*found).value);
}

TEST(PkceTest, TheChallengeIsRfc7636sExample) {
  // RFC 7636, appendix B.
  EXPECT_EQ(security::PkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(AuthorizationRequestTest, CarriesStateNonceAndChallengeOfItsVerifier) {
  OidcClient client{.client_id = "debrief",
                    .redirect_uri = "https://debrief.example.com/auth/oidc/callback",
                    .scopes = {"email", "openid", "groups"}};
  auto request =
      BeginAuthorization(Provider("https://login.example.com/authorize?tenant=sre"), client);
  ASSERT_TRUE(request) << request.error().message();
  auto url = boost::urls::parse_absolute_uri(request->url);
  ASSERT_TRUE(url) << request->url;
  EXPECT_EQ(url->host(), "login.example.com");
  EXPECT_EQ(url->path(), "/authorize");
  EXPECT_EQ(Param(*url, "tenant"), "sre");
  EXPECT_EQ(Param(*url, "response_type"), "code");
  EXPECT_EQ(Param(*url, "client_id"), "debrief");
  EXPECT_EQ(Param(*url, "redirect_uri"), "https://debrief.example.com/auth/oidc/callback");
  EXPECT_EQ(Param(*url, "scope"), "openid email groups");
  EXPECT_EQ(Param(*url, "state"), request->state);
  EXPECT_EQ(Param(*url, "nonce"), request->nonce);
  EXPECT_EQ(Param(*url, "code_challenge"), security::PkceChallenge(request->code_verifier));
  EXPECT_EQ(Param(*url, "code_challenge_method"), "S256");
  EXPECT_EQ(Param(*url, "code_verifier"), "<absent>") << "the verifier never leaves the server";
  EXPECT_EQ(request->code_verifier.size(), 43u);
  EXPECT_EQ(request->code_verifier.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"),
            std::string::npos);
}

TEST(AuthorizationRequestTest, EverySignInHasSecretsOfItsOwn) {
  std::set<std::string> seen;
  for (int index = 0; index < 50; ++index) {
    auto request = BeginAuthorization(Provider("https://login.example.com/authorize"), {});
    ASSERT_TRUE(request);
    EXPECT_TRUE(seen.insert(request->state).second);
    EXPECT_TRUE(seen.insert(request->nonce).second);
    EXPECT_TRUE(seen.insert(request->code_verifier).second);
  }
}

TEST(AuthorizationRequestTest, AnEndpointThatIsNotAUrlIsAnError) {
  EXPECT_FALSE(BeginAuthorization(Provider("not a url"), {}));
  EXPECT_FALSE(BeginAuthorization(Provider(""), {}));
}

}  // namespace
}  // namespace debrief::app::auth
