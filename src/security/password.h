// Password hashing with argon2id (libsodium). Hashes are self-describing strings, so the cost
// can be raised later and old hashes still verify.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace debrief::security {

// Call once at start; fails only if libsodium cannot initialise (no entropy source).
core::Result<void> InitializeCrypto();

// Passwords shorter than this are refused: a review archive is worth protecting.
inline constexpr size_t kMinimumPasswordLength = 10;

core::Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace debrief::security
