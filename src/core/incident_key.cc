#include "core/incident_key.h"

#include <charconv>
#include <cstdio>

namespace debrief::core {

std::string FormatIncidentKey(IncidentKey key) {
  char buffer[48];
  int length = std::snprintf(buffer, sizeof buffer, "INC-%04d-%04lld", key.year,
                             static_cast<long long>(key.number));
  return std::string(buffer, static_cast<size_t>(length));
}

std::optional<IncidentKey> ParseIncidentKey(std::string_view text) {
  if (!text.starts_with("INC-") || text.size() < 13 || text[8] != '-') return std::nullopt;
  IncidentKey key;
  auto year_end = text.data() + 8;
  auto [year_ptr, year_error] = std::from_chars(text.data() + 4, year_end, key.year);
  if (year_error != std::errc() || year_ptr != year_end) return std::nullopt;
  std::string_view number = text.substr(9);
  if (number.size() < 4 || number.size() > 12) return std::nullopt;
  auto [number_ptr, number_error] =
      std::from_chars(number.data(), number.data() + number.size(), key.number);
  if (number_error != std::errc() || number_ptr != number.data() + number.size() ||
      key.number <= 0) {
    return std::nullopt;
  }
  return key;
}

}  // namespace debrief::core
