// Discovery documents as providers publish them (the shapes of Keycloak's, Entra ID's and
// Okta's, trimmed), and the ones a sign-in must not go on with.
#include "formats/oidc/discovery.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace debrief::formats::oidc {
namespace {

namespace bj = boost::json;

constexpr char kIssuer[] = "https://login.example.com/realms/sre";

bj::object Document() {
  return {{"issuer", kIssuer},
          {"authorization_endpoint", std::string(kIssuer) + "/protocol/openid-connect/auth"},
          {"token_endpoint", std::string(kIssuer) + "/protocol/openid-connect/token"},
          {"jwks_uri", std::string(kIssuer) + "/protocol/openid-connect/certs"},
          {"userinfo_endpoint", std::string(kIssuer) + "/protocol/openid-connect/userinfo"},
          {"end_session_endpoint", std::string(kIssuer) + "/protocol/openid-connect/logout"},
          {"response_types_supported", bj::array{"code", "none", "id_token", "code id_token"}},
          {"id_token_signing_alg_values_supported", bj::array{"PS384", "ES384", "RS256", "HS256"}},
          {"code_challenge_methods_supported", bj::array{"plain", "S256"}},
          {"token_endpoint_auth_methods_supported",
           bj::array{"private_key_jwt", "client_secret_basic", "client_secret_post"}}};
}

std::string Refusal(const bj::object& document, std::string_view issuer = kIssuer) {
  auto parsed = ParseDiscovery(bj::serialize(document), issuer);
  if (parsed) return "accepted";
  EXPECT_EQ(parsed.error().code(), core::ErrorCode::kInvalidArgument);
  return parsed.error().message();
}

TEST(DiscoveryTest, ReadsWhatASignInNeeds) {
  auto metadata = ParseDiscovery(bj::serialize(Document()), kIssuer);
  ASSERT_TRUE(metadata) << metadata.error().message();
  EXPECT_EQ(metadata->issuer, kIssuer);
  EXPECT_EQ(metadata->jwks_uri, std::string(kIssuer) + "/protocol/openid-connect/certs");
  EXPECT_EQ(metadata->end_session_endpoint,
            std::string(kIssuer) + "/protocol/openid-connect/logout");
  EXPECT_EQ(metadata->token_endpoint_auth_method, "client_secret_basic");
  // The least a provider may say: defaults stand for the lists it leaves out.
  bj::object least{{"issuer", kIssuer},
                   {"authorization_endpoint", "https://login.example.com/authorize"},
                   {"token_endpoint", "https://login.example.com/token"},
                   {"jwks_uri", "https://login.example.com/keys"}};
  auto minimal = ParseDiscovery(bj::serialize(least), kIssuer);
  ASSERT_TRUE(minimal) << minimal.error().message();
  EXPECT_TRUE(minimal->userinfo_endpoint.empty());
  EXPECT_EQ(minimal->token_endpoint_auth_method, "client_secret_basic");
  least["token_endpoint_auth_methods_supported"] = bj::array{"client_secret_post"};
  EXPECT_EQ(ParseDiscovery(bj::serialize(least), kIssuer)->token_endpoint_auth_method,
            "client_secret_post");
}

TEST(DiscoveryTest, TheIssuerMustBeTheOneConfiguredExactly) {
  EXPECT_NE(Refusal(Document(), std::string(kIssuer) + "/").find("must be identical"),
            std::string::npos);
  bj::object other = Document();
  other["issuer"] = "https://evil.example.net/realms/sre";
  EXPECT_NE(Refusal(other).find("another issuer"), std::string::npos);
  EXPECT_EQ(Refusal(other).find("evil"), std::string::npos)
      << "the document's words are not repeated";
  other.erase("issuer");
  EXPECT_NE(Refusal(other), "accepted");
}

TEST(DiscoveryTest, EndpointsMustBeHttpsOrOnThisMachine) {
  for (const char* endpoint : {"authorization_endpoint", "token_endpoint", "jwks_uri",
                               "userinfo_endpoint", "end_session_endpoint"}) {
    bj::object document = Document();
    document[endpoint] = "http://login.example.com/x";
    EXPECT_NE(Refusal(document).find(endpoint), std::string::npos) << endpoint;
    document[endpoint] = "javascript:alert(1)";
    EXPECT_NE(Refusal(document), "accepted") << endpoint;
  }
  {
    bj::object local = Document();
    local["token_endpoint"] = "http://127.0.0.1:8080/token";
    EXPECT_NE(Refusal(local).find("token_endpoint"), std::string::npos)
        << "an HTTPS issuer cannot send the client secret to a local service";
  }
  EXPECT_TRUE(IsSecureOrLoopback("http://127.0.0.1:9011/auth"));
  EXPECT_TRUE(IsSecureOrLoopback("http://localhost:9011/auth"));
  EXPECT_TRUE(IsSecureOrLoopback("http://[::1]:9011/auth"));
  EXPECT_FALSE(IsSecureOrLoopback("http://127.example.com/auth"));
  EXPECT_FALSE(IsSecureOrLoopback("http://127.0.0.1.nip.io/auth"));
  EXPECT_FALSE(IsSecureOrLoopback("http://localhost.example.net/auth"));
  EXPECT_TRUE(IsSecureOrLoopback("http://127.1.2.3/auth"));
  EXPECT_FALSE(IsSecureOrLoopback("http://10.0.0.5/auth"));
  EXPECT_FALSE(IsSecureOrLoopback("https:///auth"));
  EXPECT_FALSE(IsSecureOrLoopback("/relative/auth"));
  for (const char* required : {"authorization_endpoint", "token_endpoint", "jwks_uri"}) {
    bj::object document = Document();
    document.erase(required);
    EXPECT_NE(Refusal(document).find(std::string("has no ") + required), std::string::npos);
  }
}

TEST(DiscoveryTest, TheFlowAlgorithmsAndPkceMustBeOnOffer) {
  bj::object implicit = Document();
  implicit["response_types_supported"] = bj::array{"id_token", "token id_token"};
  EXPECT_NE(Refusal(implicit).find("authorization code flow"), std::string::npos);
  bj::object symmetric = Document();
  symmetric["id_token_signing_alg_values_supported"] = bj::array{"HS256", "none"};
  EXPECT_NE(Refusal(symmetric).find("no algorithm"), std::string::npos);
  bj::object plain = Document();
  plain["code_challenge_methods_supported"] = bj::array{"plain"};
  EXPECT_NE(Refusal(plain).find("S256"), std::string::npos);
  bj::object private_key_only = Document();
  private_key_only["token_endpoint_auth_methods_supported"] = bj::array{"private_key_jwt"};
  EXPECT_NE(Refusal(private_key_only).find("client secret"), std::string::npos);
}

TEST(DiscoveryTest, WhatIsNotADocumentIsRefused) {
  for (const char* text : {"", "null", "[]", "{\"issuer\": 7}", "<html>Sign in</html>"}) {
    auto parsed = ParseDiscovery(text, kIssuer);
    EXPECT_FALSE(parsed) << text;
  }
}

}  // namespace
}  // namespace debrief::formats::oidc
