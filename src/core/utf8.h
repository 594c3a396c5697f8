// Whether bytes are UTF-8 as the standard defines it: every request body, path, query and file
// debrief reads is checked once, where it comes in, so nothing past the edges holds invalid text.
#pragma once

#include <cstddef>
#include <string_view>

namespace debrief::core {

// Whether `text` is valid UTF-8 (no overlong forms, UTF-16 surrogates or code points past
// U+10FFFF); on failure `bad_offset` is the first bad byte.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);

// The longest start of `text` of at most `max_bytes` that does not cut a character in two.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes);

}  // namespace debrief::core
