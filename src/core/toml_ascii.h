// TOML text made ASCII-only before toml++ reads it. toml++ 3.3 (Debian's) classifies non-ASCII
// code points with a generated table that has holes: some characters (most of U+00A1–U+0499, for
// one) reach an unreachable branch when the parser asks whether they are whitespace, which is
// undefined behaviour on text anyone can upload. Every non-ASCII character TOML allows sits in a
// string or a comment, so debrief rewrites those into escapes before parsing and refuses the rest.
#pragma once

#include <string>
#include <string_view>

namespace debrief::core {

struct AsciiToml {
  std::string text;      // the same document with only ASCII bytes, line for line
  int problem_line = 0;  // 1-based line of the problem when `problem` is set
  std::string problem;   // why the text cannot be TOML; empty when it was rewritten

  bool ok() const { return problem.empty(); }
};

// Rewrites `toml` so that it parses to the same values with no byte above 0x7F: non-ASCII
// characters in basic strings become \u/\U escapes, literal strings holding any become basic
// strings, and in comments they become spaces. Invalid UTF-8, and non-ASCII characters outside
// strings and comments (never valid TOML 1.0), are reported instead. Newlines are kept, so line
// numbers in toml++'s own errors still point into the original.
AsciiToml ToAsciiToml(std::string_view toml);

}  // namespace debrief::core
