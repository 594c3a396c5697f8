// HMAC-SHA256, for signing webhook deliveries so receivers can tell they came from debrief.
#pragma once

#include <string>
#include <string_view>

namespace debrief::security {

// The HMAC-SHA256 of `message` under `key`, as 64 lower-case hex digits.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace debrief::security
