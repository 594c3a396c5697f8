#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace debrief::core {
namespace {

// Reads exactly `width` decimal digits at `position`.
std::optional<int> ReadDigits(std::string_view text, size_t position, size_t width) {
  if (position + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t index = position; index < position + width; ++index) {
    char c = text[index];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<std::chrono::year_month_day> ReadDate(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = ReadDigits(text, 0, 4);
  auto month = ReadDigits(text, 5, 2);
  auto day = ReadDigits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(*year),
                                   std::chrono::month(static_cast<unsigned>(*month)),
                                   std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Timestamp> ParseRfc3339(std::string_view text) {
  auto date = ReadDate(text);
  if (!date || text.size() < 20) return std::nullopt;
  char separator = text[10];
  if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;
  if (text[13] != ':' || text[16] != ':') return std::nullopt;
  auto hour = ReadDigits(text, 11, 2);
  auto minute = ReadDigits(text, 14, 2);
  auto second = ReadDigits(text, 17, 2);
  // A leap second (60) is not representable in sys_time; reject rather than silently shift.
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  size_t position = 19;
  int millis = 0;
  if (position < text.size() && text[position] == '.') {
    ++position;
    size_t digits = 0;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      // Digits past the third are truncated: debrief keeps millisecond precision.
      if (digits < 3) millis = millis * 10 + (text[position] - '0');
      ++digits;
      ++position;
    }
    if (digits == 0) return std::nullopt;
    for (size_t pad = digits; pad < 3; ++pad) millis *= 10;
  }
  if (position >= text.size()) return std::nullopt;
  int offset_minutes = 0;
  char zone = text[position];
  if (zone == 'Z' || zone == 'z') {
    ++position;
  } else if (zone == '+' || zone == '-') {
    auto offset_hour = ReadDigits(text, position + 1, 2);
    if (!offset_hour || position + 3 >= text.size() || text[position + 3] != ':') {
      return std::nullopt;
    }
    auto offset_minute = ReadDigits(text, position + 4, 2);
    if (!offset_minute || *offset_hour > 23 || *offset_minute > 59) return std::nullopt;
    offset_minutes = (*offset_hour * 60 + *offset_minute) * (zone == '-' ? -1 : 1);
    position += 6;
  } else {
    return std::nullopt;
  }
  if (position != text.size()) return std::nullopt;
  using namespace std::chrono;
  return Timestamp(sys_days(*date).time_since_epoch() + hours(*hour) + minutes(*minute) +
                   seconds(*second) + milliseconds(millis) - minutes(offset_minutes));
}

namespace {

// Writes `value` as `width` zero-padded digits. Formatting times is on the hot path of every
// JSON response, so this avoids snprintf.
char* PutDigits(char* out, int value, int width) {
  for (int index = width - 1; index >= 0; --index) {
    out[index] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

}  // namespace

std::string FormatRfc3339(Timestamp instant) {
  using namespace std::chrono;
  sys_days day = floor<days>(instant);
  year_month_day date(day);
  hh_mm_ss<milliseconds> time(instant - day);
  int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) return "0000-01-01T00:00:00Z";
  char buffer[32];
  char* out = PutDigits(buffer, year, 4);
  *out++ = '-';
  out = PutDigits(out, static_cast<int>(static_cast<unsigned>(date.month())), 2);
  *out++ = '-';
  out = PutDigits(out, static_cast<int>(static_cast<unsigned>(date.day())), 2);
  *out++ = 'T';
  out = PutDigits(out, static_cast<int>(time.hours().count()), 2);
  *out++ = ':';
  out = PutDigits(out, static_cast<int>(time.minutes().count()), 2);
  *out++ = ':';
  out = PutDigits(out, static_cast<int>(time.seconds().count()), 2);
  if (auto millis = time.subseconds().count(); millis != 0) {
    *out++ = '.';
    out = PutDigits(out, static_cast<int>(millis), 3);
  }
  *out++ = 'Z';
  return std::string(buffer, out);
}

int64_t ToEpochMillis(Timestamp instant) { return instant.time_since_epoch().count(); }

Timestamp FromEpochMillis(int64_t millis) { return Timestamp(Duration(millis)); }

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  auto date = ReadDate(text);
  if (!date) return std::nullopt;
  return Date(*date);
}

std::string FormatDate(Date date) {
  std::chrono::year_month_day parts(date);
  char buffer[16];
  int length =
      std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(parts.year()),
                    static_cast<unsigned>(parts.month()), static_cast<unsigned>(parts.day()));
  return std::string(buffer, static_cast<size_t>(length));
}

}  // namespace debrief::core
