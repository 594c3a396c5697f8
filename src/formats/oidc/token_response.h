// The identity provider's answer at its token endpoint (OAuth 2.0, RFC 6749 section 5): on
// success the ID token (and an access token debrief does not use); on failure the provider's
// error code and description, shortened, for the person signing in and the operator.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace debrief::formats::oidc {

struct TokenResponse {
  std::string id_token;
  std::string token_type;
};

// At most 200 characters of what a provider said, printable ASCII only: its words reach a
// sign-in page and the log.
std::string PrintableExcerpt(std::string_view text);

// kUnauthenticated for an error answer (a code used twice, a wrong verifier or secret),
// kUnavailable for an answer that is not the token endpoint's at all.
core::Result<TokenResponse> ParseTokenResponse(int status, std::string_view body);

}  // namespace debrief::formats::oidc
