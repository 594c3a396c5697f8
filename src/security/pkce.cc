#include "security/pkce.h"

#include <sodium.h>

namespace debrief::security {

std::string PkceChallenge(std::string_view verifier) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()),
                     verifier.size());
  char encoded[sodium_base64_ENCODED_LEN(sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, digest, sizeof digest,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

}  // namespace debrief::security
