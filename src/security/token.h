// Secrets handed to clients (session cookies, API tokens, CSRF tokens) and how they are stored.
// A token is 32 random bytes in URL-safe base64; the database keeps only its BLAKE2b hash, so a
// copy of the database does not let anyone sign in.
#pragma once

#include <string>
#include <string_view>

namespace debrief::security {

// A new random token. API tokens carry a "dbr_" prefix so secret scanners can recognise them.
std::string NewToken(std::string_view prefix = {});

// Hex BLAKE2b-256 of the token, for storage and lookup.
std::string HashToken(std::string_view token);

// Hex BLAKE2b-256 of any bytes: how an imported file is known again.
std::string DigestHex(std::string_view bytes);

// Standard base64 with padding (HTTP Basic credentials).
std::string Base64(std::string_view bytes);

// Compares in constant time, for secrets.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace debrief::security
