// Text as the checker sees it: Markdown with its code, URLs, comments and front matter masked
// out (offsets kept), then tokens, each with its byte range in the original text and a folded
// form for matching (Unicode case-folded, NFC, typographic apostrophes straightened).
//
// The checker runs on every keystroke and over whole archives, so words are folded into one
// buffer per text rather than one string per token, and ASCII words never reach utf8proc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace debrief::language {

struct Token {
  size_t begin = 0;  // Byte offsets into the original text.
  size_t end = 0;
  std::string_view folded;  // Points into the TokenizedText that holds the token.
  bool is_word = false;
  bool in_heading = false;  // On a Markdown heading line ("# Root Cause Analysis").
  bool in_quote = false;    // Inside a quotation ("> ..." or "...").
  // Inside quotation marks within a line ("…", '…'): a term or someone's words mentioned, not
  // the writer's own; a "> " quote is not this.
  bool in_inline_quote = false;
  bool capitalised = false;  // A word whose first letter alone is upper case ("Kofi", not "API").
  // The first token of a block: after a blank line, on or after a heading, or a list item's
  // first line. No sentence runs across it, though a paragraph's lines wrap.
  bool starts_block = false;
};

// Tokens and the buffer their folded forms point into. Movable, not copyable (a copy's tokens
// would point into the original's buffer).
class TokenizedText {
 public:
  TokenizedText() = default;
  TokenizedText(TokenizedText&&) = default;
  TokenizedText& operator=(TokenizedText&&) = default;
  TokenizedText(const TokenizedText&) = delete;
  TokenizedText& operator=(const TokenizedText&) = delete;

  const std::vector<Token>& tokens() const { return tokens_; }
  auto begin() const { return tokens_.begin(); }
  auto end() const { return tokens_.end(); }
  size_t size() const { return tokens_.size(); }
  const Token& operator[](size_t index) const { return tokens_[index]; }

 private:
  friend TokenizedText Tokenize(std::string_view text);
  std::vector<Token> tokens_;
  std::vector<char> folded_;  // A vector keeps its buffer when moved; a short string would not.
};

// Replaces what is not prose with spaces, keeping every byte offset and line break: fenced and
// indented code, inline code, URLs, HTML comments, TOML/YAML front matter.
std::string MaskMarkdown(std::string_view text);

// Splits text into tokens: words (letters, marks, digits, inner apostrophes and hyphens) and
// single punctuation marks. "Bob's" is "bob" and "'s"; "should've" is "should" and "have".
TokenizedText Tokenize(std::string_view text);

// Folds one word for matching: Unicode case folding, NFC, curly apostrophes straight.
std::string Fold(std::string_view word);

}  // namespace debrief::language
