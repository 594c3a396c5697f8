#include "ingest/clock_text.h"

namespace debrief::ingest {

std::optional<int> ReadDigits(std::string_view text, size_t& at, size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (size_t index = 0; index < count; ++index) {
    char c = text[at + index];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  at += count;
  return value;
}

std::optional<core::Date> ReadIsoDate(std::string_view text, size_t& at) {
  size_t start = at;
  auto dash = [&]() {
    if (at >= text.size() || text[at] != '-') return false;
    ++at;
    return true;
  };
  std::optional<int> year = ReadDigits(text, at, 4);
  std::optional<int> month = year && dash() ? ReadDigits(text, at, 2) : std::nullopt;
  std::optional<int> day = month && dash() ? ReadDigits(text, at, 2) : std::nullopt;
  if (!day) {
    at = start;
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year{*year},
                                   std::chrono::month{static_cast<unsigned>(*month)},
                                   std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) {
    at = start;
    return std::nullopt;
  }
  return core::Date{date};
}

}  // namespace debrief::ingest
