// An OpenID Connect ID token checked as OpenID Connect Core 1.0 (section 3.1.3.7) asks: a JWS in
// compact form, signed with an asymmetric algorithm by one of the provider's keys (never "none",
// never a shared-secret algorithm a public key could be misused as), issued by the expected
// issuer for this client, not expired, not issued in the future, carrying the nonce this sign-in
// sent. Clocks may differ by up to `clock_skew` either way. The signature is cjose's to check.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "formats/oidc/key_set.h"

namespace debrief::formats::oidc {

struct IdTokenExpectations {
  std::string issuer;     // Exactly as discovery gave it.
  std::string client_id;  // Must be an audience (and the authorised party, if one is named).
  std::string nonce;      // The one this sign-in sent.
  core::Timestamp now;
  std::chrono::seconds clock_skew{60};
  std::string groups_claim = "groups";  // Where the provider lists the person's groups.
};

struct IdTokenClaims {
  std::string issuer;
  std::string subject;  // With the issuer, who the person is: never matched by email alone.
  std::optional<std::string> email;
  bool email_verified = false;
  std::optional<std::string> name;
  std::optional<std::string> preferred_username;
  std::vector<std::string> groups;
  core::Timestamp issued_at;
  core::Timestamp expires_at;
};

// Whether `text` is unpadded base64url (RFC 7515) of a length that decodes: what is handed to
// cjose, whose decoder aborts on some malformed input.
bool IsBase64Url(std::string_view text);

// The header's key id, when the token names one: a key id the set does not hold means the
// provider rotated its keys, and its key set is fetched again once before the token is refused.
std::optional<std::string> IdTokenKeyId(std::string_view token);

// The token's claims once everything above holds; otherwise kUnauthenticated saying what did not
// (nothing of the token's content is quoted back).
core::Result<IdTokenClaims> VerifyIdToken(std::string_view token, const KeySet& keys,
                                          const IdTokenExpectations& expected);

}  // namespace debrief::formats::oidc
