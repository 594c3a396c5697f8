// The token endpoint's answers, good and bad, as providers send them (RFC 6749 section 5).
#include "formats/oidc/token_response.h"

#include <gtest/gtest.h>

namespace debrief::formats::oidc {
namespace {

TEST(TokenResponseTest, ReadsTheIdToken) {
  auto tokens = ParseTokenResponse(
      200, R"({"access_token":"at","token_type":"Bearer","expires_in":3600,"id_token":"a.b.c"})");
  ASSERT_TRUE(tokens) << tokens.error().message();
  EXPECT_EQ(tokens->id_token, "a.b.c");
  EXPECT_EQ(tokens->token_type, "Bearer");
}

TEST(TokenResponseTest, AProvidersRefusalIsToldShortlyAndPrintably) {
  auto refused = ParseTokenResponse(
      400, R"({"error":"invalid_grant","error_description":"grant request is invalid\u0007"})");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kUnauthenticated);
  EXPECT_EQ(refused.error().message(),
            "the identity provider refused the sign-in: invalid_grant (grant request is invalid)");
  auto long_one = ParseTokenResponse(401, "{\"error\":\"" + std::string(5000, 'x') + "\"}");
  ASSERT_FALSE(long_one);
  EXPECT_LT(long_one.error().message().size(), 300u);
  // An error field in a 200 answer is still an error.
  EXPECT_FALSE(ParseTokenResponse(200, R"({"error":"access_denied","id_token":"a.b.c"})"));
}

TEST(TokenResponseTest, WhatIsNotATokenAnswerIsUnavailableOrRefused) {
  for (const char* body : {"", "<html>502 Bad Gateway</html>", "[]", "null"}) {
    auto answer = ParseTokenResponse(502, body);
    ASSERT_FALSE(answer) << body;
    EXPECT_EQ(answer.error().code(), core::ErrorCode::kUnavailable) << body;
  }
  auto without = ParseTokenResponse(200, R"({"access_token":"at","token_type":"Bearer"})");
  ASSERT_FALSE(without);
  EXPECT_NE(without.error().message().find("no ID token"), std::string::npos);
  EXPECT_FALSE(ParseTokenResponse(200, R"({"id_token":7})"));
}

}  // namespace
}  // namespace debrief::formats::oidc
