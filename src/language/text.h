// Text as the checker sees it: Markdown with its code, URLs, comments and front matter masked
// out (offsets kept), then sentences of tokens, each with its byte range in the original text
// and a folded (lower-case, typographic quotes straightened) form for matching.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace debrief::language {

struct Token {
  size_t begin = 0;  // Byte offsets into the original text.
  size_t end = 0;
  std::string folded;
  bool is_word = false;
  bool in_heading = false;  // On a Markdown heading line ("# Root Cause Analysis").
  bool in_quote = false;    // Inside a quotation ("> ..." or "...").
};

// Replaces what is not prose with spaces, keeping every byte offset and line break: fenced and
// indented code, inline code, URLs, HTML comments, TOML/YAML front matter.
std::string MaskMarkdown(std::string_view text);

// Splits text into tokens: words (letters, digits, inner apostrophes and hyphens) and single
// punctuation marks. "Bob's" is "bob" and "'s"; "should've" is "should" and "have".
std::vector<Token> Tokenize(std::string_view text);

// Folds one word for matching: ASCII and Latin-1 letters lower-cased, curly apostrophes straight.
std::string Fold(std::string_view word);

}  // namespace debrief::language
