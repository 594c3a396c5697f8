#include "security/password.h"

#include <sodium.h>

namespace debrief::security {

core::Result<void> InitializeCrypto() {
  if (sodium_init() < 0) return core::Error::Internal("libsodium failed to initialise");
  return core::Ok();
}

core::Result<std::string> HashPassword(std::string_view password) {
  if (password.size() < kMinimumPasswordLength) {
    return core::Error::InvalidArgument(
        "a password needs at least " + std::to_string(kMinimumPasswordLength) + " characters",
        "password");
  }
  if (password.size() > 1024) {
    return core::Error::InvalidArgument("a password can be at most 1024 characters", "password");
  }
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return core::Error::Unavailable("not enough memory to hash the password");
  }
  return std::string(hash);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace debrief::security
