// Proof Key for Code Exchange (RFC 7636): a sign-in through an identity provider sends the
// challenge of a verifier only it knows and redeems the code with the verifier, so a code caught
// on its way back (a log, a browser extension) is worth nothing to whoever caught it.
#pragma once

#include <string>
#include <string_view>

namespace debrief::security {

// The S256 challenge of `verifier`: BASE64URL(SHA-256(verifier)), without padding.
std::string PkceChallenge(std::string_view verifier);

}  // namespace debrief::security
