// Bytes a browser sent as base64 (a file read with FileReader), decoded with OpenSSL.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace debrief::formats::json {

// The bytes, or an InvalidArgument naming `field` for text that is not base64.
core::Result<std::string> DecodeBase64(std::string_view text, std::string_view field);

}  // namespace debrief::formats::json
