#include "ingest/plain_text.h"

#include <algorithm>
#include <cctype>

namespace debrief::ingest {

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
  });
  return lower;
}

std::string_view TrimSpace(std::string_view text) {
  auto is_space = [](char c) { return c > 0 && std::isspace(static_cast<unsigned char>(c)); };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace debrief::ingest
