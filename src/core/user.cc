#include "core/user.h"

namespace debrief::core {

std::string NormalizeEmail(std::string_view email) {
  std::string normalized;
  normalized.reserve(email.size());
  for (char c : email) {
    normalized += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  auto first = normalized.find_first_not_of(" \t");
  auto last = normalized.find_last_not_of(" \t");
  if (first == std::string::npos) return {};
  return normalized.substr(first, last - first + 1);
}

}  // namespace debrief::core
