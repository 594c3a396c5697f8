#include "ingest/postmortem_clock.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "ingest/clock_text.h"
#include "ingest/plain_text.h"
#include "ingest/time_zone.h"

namespace debrief::ingest {
namespace {

using std::chrono::milliseconds;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool StartsWithNoCase(std::string_view text, size_t at, std::string_view word) {
  if (text.size() - std::min(at, text.size()) < word.size()) return false;
  for (size_t index = 0; index < word.size(); ++index) {
    if (Lower(text[at + index]) != Lower(word[index])) return false;
  }
  return true;
}

void SkipSpaces(std::string_view text, size_t& at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
}

// A word ends where no letter follows.
bool WordEnds(std::string_view text, size_t at) { return at >= text.size() || !IsAlpha(text[at]); }

std::optional<milliseconds> ReadTimeOfDay(std::string_view text, size_t& at);

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// "October", "Oct" or "Oct." at `at`: the month from 1.
std::optional<unsigned> ReadMonthName(std::string_view text, size_t& at) {
  for (unsigned index = 0; index < kMonths.size(); ++index) {
    std::string_view month = kMonths[index];
    for (std::string_view form : {month, month.substr(0, 3)}) {
      if (StartsWithNoCase(text, at, form) && WordEnds(text, at + form.size())) {
        at += form.size();
        if (form.size() == 3 && at < text.size() && text[at] == '.') ++at;
        return index + 1;
      }
    }
    if (month == "september" && StartsWithNoCase(text, at, "sept") && WordEnds(text, at + 4)) {
      at += 4;
      return index + 1;
    }
  }
  return std::nullopt;
}

// "Saturday", "Sat" or "Sat," and the space after it.
bool SkipWeekday(std::string_view text, size_t& at) {
  for (std::string_view day : kWeekdays) {
    for (std::string_view form : {day, day.substr(0, 3)}) {
      if (StartsWithNoCase(text, at, form) && WordEnds(text, at + form.size())) {
        size_t after = at + form.size();
        if (after < text.size() && (text[after] == ',' || text[after] == '.')) ++after;
        if (after < text.size() && text[after] != ' ') return false;
        at = after;
        SkipSpaces(text, at);
        return true;
      }
    }
  }
  return false;
}

std::optional<core::Date> MakeDate(int year, unsigned month, unsigned day) {
  std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                   std::chrono::day{day}};
  if (!date.ok()) return std::nullopt;
  return core::Date{date};
}

// One or two digits of a day of the month, with "st", "nd", "rd" or "th".
std::optional<unsigned> ReadDayOfMonth(std::string_view text, size_t& at) {
  size_t start = at;
  size_t digits = at + 1 < text.size() && IsDigit(text[at + 1]) ? 2 : 1;
  auto day = ReadDigits(text, at, digits);
  if (!day || *day < 1 || *day > 31) return (at = start, std::nullopt);
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (StartsWithNoCase(text, at, suffix) && WordEnds(text, at + 2)) {
      at += 2;
      break;
    }
  }
  if (at < text.size() && (IsDigit(text[at]) || IsAlpha(text[at]))) {
    return (at = start, std::nullopt);
  }
  return static_cast<unsigned>(*day);
}

// "-19" or "–19" after the first day of a range ("January 14-19, 2026"): the range starts then.
void SkipDayRange(std::string_view text, size_t& at) {
  size_t read = at;
  for (std::string_view dash : {"-", "\u2013"}) {
    if (text.substr(read).starts_with(dash)) {
      read += dash.size();
      if (ReadDayOfMonth(text, read)) at = read;
      return;
    }
  }
}

// ", 2025" or " 2025" after a month and day.
std::optional<int> ReadTrailingYear(std::string_view text, size_t& at) {
  size_t start = at;
  if (at < text.size() && text[at] == ',') ++at;
  SkipSpaces(text, at);
  auto year = ReadDigits(text, at, 4);
  if (!year || (at < text.size() && IsDigit(text[at]))) return (at = start, std::nullopt);
  return *year;
}

struct DateRead {
  std::optional<core::Date> day;
  bool placeholder = false;
  bool without_year = false;
};

bool IsPlaceholderLetter(char c) {
  return c == 'M' || c == 'D' || c == 'X' || c == 'x' || c == '?' || c == 'Y';
}

// A date at `at` in one of the forms people write; moves past it.
std::optional<DateRead> ReadDate(std::string_view text, size_t& at, std::optional<int> year,
                                 DateOrder order) {
  size_t start = at;
  SkipWeekday(text, at);
  // A date with its month or day left blank: "2022-05-??", "2021/22-??-??", "2023-XX-XX".
  if (at + 7 <= text.size() && IsDigit(text[at]) && IsDigit(text[at + 1]) &&
      IsDigit(text[at + 2]) && IsDigit(text[at + 3]) &&
      (text[at + 4] == '-' || text[at + 4] == '/')) {
    size_t end = at + 5;
    bool blank = false;
    while (end < text.size() && (IsDigit(text[end]) || text[end] == '-' || text[end] == '/' ||
                                 text[end] == '?' || text[end] == 'X' || text[end] == 'x')) {
      blank = blank || text[end] == '?' || text[end] == 'X' || text[end] == 'x';
      ++end;
    }
    if (blank && (end >= text.size() || !IsAlpha(text[end]))) {
      at = end;
      return DateRead{std::nullopt, true, false};
    }
  }
  // 2019-12-04, 2019/12/04, and a placeholder such as 2023-MM-DD.
  if (at + 10 <= text.size() && IsDigit(text[at]) && IsDigit(text[at + 3]) &&
      (text[at + 4] == '-' || text[at + 4] == '/') && text[at + 7] == text[at + 4]) {
    size_t read = at;
    auto year_digits = ReadDigits(text, read, 4);
    ++read;
    if (year_digits && IsPlaceholderLetter(text[read]) && IsPlaceholderLetter(text[read + 1])) {
      at = read + 5;
      while (at < text.size() && IsPlaceholderLetter(text[at])) ++at;
      return DateRead{std::nullopt, true, false};
    }
    auto month = ReadDigits(text, read, 2);
    ++read;
    auto day = ReadDigits(text, read, 2);
    if (year_digits && month && day && (read >= text.size() || !IsDigit(text[read]))) {
      if (auto date =
              MakeDate(*year_digits, static_cast<unsigned>(*month), static_cast<unsigned>(*day))) {
        at = read;
        return DateRead{date};
      }
    }
  }
  // 07/27/2023, 27/07/2023, 27.07.2023, 7-27-2023: month first as the US writes it; day first
  // where the first number is past 12, where dots separate them (as much of Europe writes it),
  // or where the document writes its other dates so (`order`).
  if (at < text.size() && IsDigit(text[at])) {
    size_t read = at;
    size_t first_digits = read + 1 < text.size() && IsDigit(text[read + 1]) ? 2 : 1;
    auto first = ReadDigits(text, read, first_digits);
    if (first && read < text.size() &&
        (text[read] == '/' || text[read] == '-' || text[read] == '.')) {
      char separator = text[read++];
      size_t second_digits = read + 1 < text.size() && IsDigit(text[read + 1]) ? 2 : 1;
      auto second = ReadDigits(text, read, second_digits);
      if (second && read < text.size() && text[read] == separator) {
        ++read;
        auto year_digits = ReadDigits(text, read, 4);
        if (year_digits && (read >= text.size() || !IsDigit(text[read]))) {
          bool day_first =
              *first > 12 || (*second <= 12 && (separator == '.' || order == DateOrder::kDayFirst));
          int month = day_first ? *second : *first;
          int day = day_first ? *first : *second;
          if (auto date = MakeDate(*year_digits, static_cast<unsigned>(month),
                                   static_cast<unsigned>(day))) {
            at = read;
            return DateRead{date};
          }
        }
      }
    }
  }
  // 03-26 17:40: month and day, when a time follows.
  if (at + 7 <= text.size() && IsDigit(text[at]) && IsDigit(text[at + 1]) && text[at + 2] == '-' &&
      IsDigit(text[at + 3]) && IsDigit(text[at + 4]) && text[at + 5] == ' ' &&
      IsDigit(text[at + 6])) {
    size_t read = at;
    auto month = ReadDigits(text, read, 2);
    ++read;
    auto day = ReadDigits(text, read, 2);
    size_t time_at = read + 1;
    if (month && day && ReadTimeOfDay(text, time_at)) {
      at = read;
      if (!year) return DateRead{std::nullopt, false, true};
      if (auto date = MakeDate(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day))) {
        return DateRead{date, false, true};
      }
    }
  }
  // Oct 30th, October 3, 2025, Oct 30th 2021.
  if (auto month = ReadMonthName(text, at)) {
    SkipSpaces(text, at);
    if (auto day = ReadDayOfMonth(text, at)) {
      SkipDayRange(text, at);
      size_t before_year = at;
      if (auto written = ReadTrailingYear(text, at)) {
        if (auto date = MakeDate(*written, *month, *day)) return DateRead{date};
      }
      at = before_year;
      if (!year) return DateRead{std::nullopt, false, true};
      if (auto date = MakeDate(*year, *month, *day)) return DateRead{date, false, true};
    }
    at = start;
    return std::nullopt;
  }
  // 30 Oct 2021, 3 October.
  if (at < text.size() && IsDigit(text[at])) {
    size_t read = at;
    if (auto day = ReadDayOfMonth(text, read)) {
      SkipSpaces(text, read);
      if (StartsWithNoCase(text, read, "of ")) read += 3;  // "9th of March 2021".
      if (read > at && read < text.size() && !IsDigit(text[read])) {
        if (auto month = ReadMonthName(text, read)) {
          size_t before_year = read;
          std::optional<int> written;
          if (read < text.size() && text[read] == ' ') {
            ++read;
            written = ReadDigits(text, read, 4);
            if (!written || (read < text.size() && IsDigit(text[read]))) {
              written.reset();
              read = before_year;
            }
          }
          at = read;
          if (written) {
            if (auto date = MakeDate(*written, *month, *day)) return DateRead{date};
          }
          if (!year) return DateRead{std::nullopt, false, true};
          if (auto date = MakeDate(*year, *month, *day)) return DateRead{date, false, true};
        }
      }
    }
  }
  at = start;
  return std::nullopt;
}

std::string ReadZone(std::string_view text, size_t& at, bool right_after_time);

// "0915Z", "2130 UTC", "1445h", "0915 - ...": four digits of a 24-hour clock without a colon,
// read as a time only where nothing else could be meant: a zone or "h" right after it, or a
// separator after a time before 20:00 (a year such as "2021 - ..." is none).
std::optional<milliseconds> ReadFourDigitTime(std::string_view text, size_t& at) {
  if (at + 4 > text.size() || !IsDigit(text[at]) || !IsDigit(text[at + 1]) ||
      !IsDigit(text[at + 2]) || !IsDigit(text[at + 3]) ||
      (at + 4 < text.size() &&
       (IsDigit(text[at + 4]) || text[at + 4] == ':' || text[at + 4] == '.' ||
        text[at + 4] == '-' || text[at + 4] == '/'))) {
    return std::nullopt;
  }
  int hours = (text[at] - '0') * 10 + (text[at + 1] - '0');
  int minutes = (text[at + 2] - '0') * 10 + (text[at + 3] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  size_t after = at + 4;
  bool marked = false;
  if (after < text.size() && (text[after] == 'Z' || text[after] == 'h' || text[after] == 'H') &&
      WordEnds(text, after + 1)) {
    marked = true;
    if (text[after] != 'Z') ++after;  // "h" is part of the time; "Z" is its zone.
  } else {
    size_t zone_at = after;
    marked = !ReadZone(text, zone_at, false).empty();
  }
  if (!marked) {
    size_t separator = after;
    SkipSpaces(text, separator);
    bool separated =
        separator < text.size() &&
        std::string_view("-:|\u2013\u2014").find(text[separator]) != std::string_view::npos;
    if (!separated || hours >= 20 || separator == after) return std::nullopt;
  }
  at = after;
  return milliseconds((hours * 3600 + minutes * 60) * 1000);
}

// "14:05", "9:05:30", "2:14 pm", "08:52 PM", "12:45PM"; "13:55 PM" is read as 13:55.
std::optional<milliseconds> ReadTimeOfDay(std::string_view text, size_t& at) {
  size_t start = at;
  if (auto military = ReadFourDigitTime(text, at)) return military;
  size_t hour_digits = at + 1 < text.size() && IsDigit(text[at + 1]) ? 2 : 1;
  auto hours = ReadDigits(text, at, hour_digits);
  if (!hours || at >= text.size() || (text[at] != ':' && text[at] != '.')) {
    return (at = start, std::nullopt);
  }
  char separator = text[at++];
  auto minutes = ReadDigits(text, at, 2);
  if (!minutes || *minutes > 59) return (at = start, std::nullopt);
  int seconds = 0;
  if (at + 2 < text.size() && text[at] == separator && IsDigit(text[at + 1])) {
    ++at;
    auto read = ReadDigits(text, at, 2);
    if (!read || *read > 60) return (at = start, std::nullopt);
    seconds = *read;
    if (at < text.size() && text[at] == '.') {
      ++at;
      while (at < text.size() && IsDigit(text[at])) ++at;
    }
  }
  // "14:05:" is a time and its separator; "14:0512" or "1:2:3" are not times.
  if (at < text.size() &&
      (IsDigit(text[at]) || (text[at] == ':' && at + 1 < text.size() && IsDigit(text[at + 1])))) {
    return (at = start, std::nullopt);
  }
  // "14.05" is a time only when it is followed as times are: a dot also ends sentences.
  if (separator == '.' && at < text.size() && text[at] != ' ') return (at = start, std::nullopt);
  int hour = *hours;
  size_t meridiem = at;
  SkipSpaces(text, meridiem);
  for (std::string_view half : {"am", "pm", "a.m.", "p.m."}) {
    if (StartsWithNoCase(text, meridiem, half) && WordEnds(text, meridiem + half.size())) {
      bool pm = Lower(text[meridiem]) == 'p';
      if (hour >= 1 && hour <= 12) hour = hour % 12 + (pm ? 12 : 0);
      at = meridiem + half.size();
      break;
    }
  }
  if (hour > 23) return (at = start, std::nullopt);
  return milliseconds((hour * 3600 + *minutes * 60 + seconds) * 1000);
}

// "-2:00" or "–16:30" after the time a range starts at: the row is placed at its start.
void SkipTimeRange(std::string_view text, size_t& at) {
  for (std::string_view dash : {"-", "\u2013", " - ", " \u2013 "}) {
    if (!text.substr(at).starts_with(dash)) continue;
    size_t read = at + dash.size();
    if (ReadTimeOfDay(text, read)) at = read;
    return;
  }
}

// A time left blank: a template's mark ("HH:MM", "XX:XX"; `template_mark` is set) or a writer's
// "not known" ("??:??", "--:--", "TBD", "??").
bool ReadPlaceholderTime(std::string_view text, size_t& at, bool& template_mark) {
  for (std::string_view form : {"XX:XX", "xx:xx", "HH:MM", "HH:mm", "hh:mm", "hh:MM"}) {
    if (text.substr(at).starts_with(form)) {
      at += form.size();
      template_mark = true;
      return true;
    }
  }
  for (std::string_view form : {"??:??", "--:--", "TBD", "??"}) {
    if (text.substr(at).starts_with(form)) {
      at += form.size();
      template_mark = false;
      return true;
    }
  }
  return false;
}

struct Abbreviation {
  std::string_view name;
  std::string_view zone;
};
constexpr Abbreviation kZones[] = {
    {"UTC", "UTC"},
    {"GMT", "UTC"},
    {"Eastern", "America/New_York"},
    {"Central", "America/Chicago"},
    {"Mountain", "America/Denver"},
    {"Pacific", "America/Los_Angeles"},
    {"Z", "UTC"},
    {"PST", "America/Los_Angeles"},
    {"PDT", "America/Los_Angeles"},
    {"PT", "America/Los_Angeles"},
    {"MST", "America/Denver"},
    {"MDT", "America/Denver"},
    {"CST", "America/Chicago"},
    {"CDT", "America/Chicago"},
    {"EST", "America/New_York"},
    {"EDT", "America/New_York"},
    {"ET", "America/New_York"},
    {"BST", "Europe/London"},
    {"WET", "Europe/Lisbon"},
    {"WEST", "Europe/Lisbon"},
    {"CET", "Europe/Paris"},
    {"CEST", "Europe/Paris"},
    {"EET", "Europe/Helsinki"},
    {"EEST", "Europe/Helsinki"},
    {"MSK", "Europe/Moscow"},
    {"IST", "Asia/Kolkata"},
    {"SGT", "Asia/Singapore"},
    {"HKT", "Asia/Hong_Kong"},
    {"KST", "Asia/Seoul"},
    {"JST", "Asia/Tokyo"},
    {"AEST", "Australia/Sydney"},
    {"AEDT", "Australia/Sydney"},
    {"NZST", "Pacific/Auckland"},
    {"NZDT", "Pacific/Auckland"},
};

// An upper-case word at `at` (letters only).
std::string_view UpperWord(std::string_view text, size_t at) {
  size_t end = at;
  while (end < text.size() && std::isupper(static_cast<unsigned char>(text[end]))) ++end;
  if (end < text.size() && IsAlpha(text[end])) return {};
  return text.substr(at, end - at);
}

// "Eastern", "Pacific": the regions' local time, as North Americans name it.
std::string_view RegionWord(std::string_view text, size_t at) {
  for (std::string_view region : {"Eastern", "Central", "Mountain", "Pacific"}) {
    if (text.substr(at).starts_with(region) && WordEnds(text, at + region.size())) {
      return text.substr(at, region.size());
    }
  }
  return {};
}

// "UTC", "PST", "UTC+2", "+02:00" at `at`, after optional spaces; moves past it.
std::string ReadZone(std::string_view text, size_t& at, bool right_after_time) {
  size_t read = at;
  if (right_after_time && read < text.size() && text[read] == 'Z' && WordEnds(text, read + 1)) {
    at = read + 1;
    return "UTC";
  }
  SkipSpaces(text, read);
  bool parenthesised = read < text.size() && text[read] == '(';
  if (parenthesised) ++read;
  std::string_view word = UpperWord(text, read);
  if (word.empty()) word = RegionWord(text, read);
  std::string zone;
  if (!word.empty() && word != "Z" && !ZoneName(word).empty()) {
    zone = std::string(word);
    read += word.size();
    // "UTC+2", "UTC-05:00".
    if ((word == "UTC" || word == "GMT") && read < text.size() &&
        (text[read] == '+' || text[read] == '-')) {
      size_t offset_end = read + 1;
      while (offset_end < text.size() && (IsDigit(text[offset_end]) || text[offset_end] == ':')) {
        ++offset_end;
      }
      if (offset_end > read + 1) {
        zone = std::string(text.substr(read, offset_end - read));
        read = offset_end;
      }
    }
  } else if (read < text.size() && (text[read] == '+' || text[read] == '-') &&
             read + 3 <= text.size() && IsDigit(text[read + 1]) && IsDigit(text[read + 2])) {
    size_t offset_end = read + 3;
    if (offset_end < text.size() && text[offset_end] == ':') ++offset_end;
    size_t minute_start = offset_end;
    while (offset_end < text.size() && IsDigit(text[offset_end]) && offset_end < minute_start + 2) {
      ++offset_end;
    }
    if (offset_end == minute_start + 2) {
      zone = std::string(text.substr(read, offset_end - read));
      read = offset_end;
    }
  }
  if (zone.empty()) return {};
  if (parenthesised) {
    if (read >= text.size() || text[read] != ')') return {};
    ++read;
  }
  at = read;
  return zone;
}

// " (17:14 UTC)" or " (6:48 PDT)": the same moment in another zone, passed over.
void SkipAlternative(std::string_view text, size_t& at) {
  size_t read = at;
  SkipSpaces(text, read);
  if (read >= text.size() || text[read] != '(') return;
  size_t close = text.find(')', read);
  if (close == std::string_view::npos || close - read > 24) return;
  size_t inner = read + 1;
  if (!ReadTimeOfDay(text, inner)) return;
  at = close + 1;
}

// The separator between a stamp and its text, with the spaces around it.
void SkipSeparator(std::string_view text, size_t& at) {
  SkipSpaces(text, at);
  for (std::string_view separator : {"-", ":", "|", "~", ",", "\u2013", "\u2014", "="}) {
    if (text.substr(at).starts_with(separator)) {
      at += separator.size();
      if (separator == "-" && at < text.size() && text[at] == '-') ++at;  // "--".
      break;
    }
  }
  SkipSpaces(text, at);
}

}  // namespace

std::string ZoneName(std::string_view abbreviation) {
  for (const Abbreviation& known : kZones) {
    if (known.name == abbreviation) return std::string(known.zone);
  }
  return {};
}

std::optional<TimeZone> ZoneNamed(std::string_view named) {
  if (named.empty()) return std::nullopt;
  std::string name = ZoneName(named);
  auto zone = TimeZone::Parse(name.empty() ? named : name);
  if (!zone) return std::nullopt;
  return *zone;
}

std::optional<RowStamp> ReadRowStamp(std::string_view text, std::optional<int> year,
                                     DateOrder order) {
  size_t at = 0;
  SkipSpaces(text, at);
  // "[08:47] text", as chat logs write it.
  bool bracket =
      at < text.size() && text[at] == '[' && at + 1 < text.size() && IsDigit(text[at + 1]);
  if (bracket) ++at;
  RowStamp stamp;
  bool found = false;
  auto take_date = [&]() {
    if (auto date = ReadDate(text, at, year, order)) {
      stamp.day = date->day;
      stamp.placeholder = stamp.placeholder || date->placeholder;
      stamp.day_unknown = date->placeholder;
      stamp.day_without_year = date->without_year;
      found = true;
      // "Oct 30th, 14:00", "2019-12-04 at 00:30", "2026-03-14T10:00", "2023-01-04/11:34".
      if (at < text.size() && (text[at] == ',' || text[at] == 'T' || text[at] == '/')) {
        size_t after = at + 1;
        if (text[at] == ',' || (after < text.size() && IsDigit(text[after]))) at = after;
      }
      SkipSpaces(text, at);
      if (StartsWithNoCase(text, at, "at ")) at += 3;
      return true;
    }
    return false;
  };
  take_date();
  size_t before_time = at;
  if (auto time = ReadTimeOfDay(text, at)) {
    stamp.time = time;
    found = true;
    SkipTimeRange(text, at);
  } else if (ReadPlaceholderTime(text, at, stamp.template_time)) {
    stamp.placeholder = true;
    stamp.time_unknown = true;
    found = true;
  }
  if (!found) return std::nullopt;
  if (at != before_time || stamp.time) {
    stamp.zone = ReadZone(text, at, true);
    SkipAlternative(text, at);
    if (!stamp.day && !stamp.placeholder) {
      // "12:45 PM PST Saturday Oct 30th: ...": the day after the time.
      size_t before_day = at;
      SkipSpaces(text, at);
      if (!take_date()) at = before_day;
    }
  } else {
    stamp.zone = ReadZone(text, at, false);
  }
  if (bracket) {
    if (at >= text.size() || text[at] != ']') return std::nullopt;
    ++at;
  }
  // A stamp runs into its text through a separator or a space, never straight into a word.
  if (at > 0 && at < text.size() && (IsAlpha(text[at]) || IsDigit(text[at])) &&
      text[at - 1] != ' ' && text[at - 1] != '\t') {
    return std::nullopt;
  }
  // A footnote mark on the stamp: "2023-03-03[^3]:".
  if (text.substr(at).starts_with("[^")) {
    size_t close = text.find(']', at);
    if (close != std::string_view::npos) at = close + 1;
  }
  SkipSeparator(text, at);
  stamp.length = at;
  return stamp;
}

DateOrder NumericDateOrder(std::string_view text) {
  int day_first = 0;
  int month_first = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    if (!IsDigit(text[at]) || (at > 0 && (IsDigit(text[at - 1]) || text[at - 1] == '/' ||
                                          text[at - 1] == '-' || text[at - 1] == '.'))) {
      continue;
    }
    size_t read = at;
    auto first = ReadDigits(text, read, read + 1 < text.size() && IsDigit(text[read + 1]) ? 2 : 1);
    if (!first || read >= text.size() ||
        std::string_view("/-.").find(text[read]) == std::string_view::npos) {
      continue;
    }
    char separator = text[read++];
    auto second = ReadDigits(text, read, read + 1 < text.size() && IsDigit(text[read + 1]) ? 2 : 1);
    if (!second || read >= text.size() || text[read] != separator) continue;
    ++read;
    if (!ReadDigits(text, read, 4) || (read < text.size() && IsDigit(text[read]))) continue;
    if (*first > 12 && *second <= 12) ++day_first;
    if (*second > 12 && *first <= 12) ++month_first;
  }
  return day_first > month_first ? DateOrder::kDayFirst : DateOrder::kMonthFirst;
}

std::optional<core::Date> FindDate(std::string_view text, std::optional<int> year,
                                   DateOrder order) {
  for (size_t at = 0; at < text.size(); ++at) {
    if (at > 0 && (IsAlpha(text[at - 1]) || IsDigit(text[at - 1]))) continue;
    if (!IsDigit(text[at]) && !IsAlpha(text[at])) continue;
    size_t read = at;
    if (auto date = ReadDate(text, read, year, order); date && date->day) {
      if (read >= text.size() || !IsAlpha(text[read])) return date->day;
    }
  }
  return std::nullopt;
}

std::string FindZone(std::string_view text) {
  for (size_t at = 0; at < text.size(); ++at) {
    if (at > 0 && (IsAlpha(text[at - 1]) || text[at - 1] == '/')) continue;
    if (std::isupper(static_cast<unsigned char>(text[at]))) {
      std::string_view word = UpperWord(text, at);
      if (word.size() >= 2 && !ZoneName(word).empty()) return std::string(word);
      size_t end = at;
      while (end < text.size() && (IsAlpha(text[end]) || text[end] == '/' || text[end] == '_')) {
        ++end;
      }
      std::string_view name = text.substr(at, end - at);
      // An IANA name: "Europe/Berlin", "America/New_York", "US/Pacific" (as the tz database
      // knows it, links too).
      if (name.find('/') != std::string_view::npos && IsZoneName(name)) return std::string(name);
    }
  }
  return {};
}

namespace {

// Zones by the names people spell out; longer names first, as "Central European Time" is no
// "Central" time.
struct LongName {
  std::string_view words;  // Lower case.
  std::string_view zone;
};
constexpr LongName kLongNames[] = {
    {"coordinated universal time", "UTC"},
    {"greenwich mean time", "UTC"},
    {"central european summer time", "Europe/Paris"},
    {"central european time", "Europe/Paris"},
    {"eastern european summer time", "Europe/Helsinki"},
    {"eastern european time", "Europe/Helsinki"},
    {"western european summer time", "Europe/Lisbon"},
    {"western european time", "Europe/Lisbon"},
    {"british summer time", "Europe/London"},
    {"irish standard time", "Europe/Dublin"},
    {"india standard time", "Asia/Kolkata"},
    {"indian standard time", "Asia/Kolkata"},
    {"japan standard time", "Asia/Tokyo"},
    {"australian eastern", "Australia/Sydney"},
    {"pacific", "America/Los_Angeles"},
    {"eastern", "America/New_York"},
    {"central", "America/Chicago"},
    {"mountain", "America/Denver"},
};

bool SaysTime(std::string_view lower, size_t at) {
  return lower.substr(at).starts_with(" time") || lower.substr(at).starts_with(" standard time") ||
         lower.substr(at).starts_with(" daylight time") ||
         lower.substr(at).starts_with(" local time");
}

}  // namespace

std::string FindZoneStatement(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t newline = text.find('\n', start);
    size_t dot = text.find(". ", start);
    size_t end = std::min(newline == std::string_view::npos ? text.size() : newline,
                          dot == std::string_view::npos ? text.size() : dot + 1);
    std::string_view sentence = text.substr(start, end - start);
    start = end + 1;
    std::string lower = AsciiLower(sentence);
    bool clock = false;
    for (size_t at = 1; at + 1 < lower.size() && !clock; ++at) {
      // "14:05", "2 am", "2.30 pm", "9pm".
      size_t after = lower[at] == ' ' ? at + 1 : at;
      clock = (lower[at] == ':' && IsDigit(lower[at - 1]) && IsDigit(lower[at + 1])) ||
              (IsDigit(lower[at - 1]) &&
               (lower.substr(after).starts_with("am") || lower.substr(after).starts_with("pm")) &&
               WordEnds(lower, after + 2));
    }
    bool about_times =
        clock || lower.find("time") != std::string::npos || lower.find("zone") != std::string::npos;
    if (!about_times) continue;
    // "Pacific time", "Central European Summer Time".
    for (const LongName& name : kLongNames) {
      for (size_t at = lower.find(name.words); at != std::string::npos;
           at = lower.find(name.words, at + 1)) {
        bool word_start = at == 0 || !IsAlpha(lower[at - 1]);
        bool full = name.words.ends_with("time") || SaysTime(lower, at + name.words.size());
        if (word_start && full) return std::string(name.zone);
      }
    }
    // "UTC", "PST", "Europe/Berlin".
    if (std::string zone = FindZone(sentence); !zone.empty()) return zone;
    // "Berlin time", "times in New York", "(Sydney)": a place the tz database names a zone after.
    bool times_in = lower.find("times") != std::string::npos ||
                    lower.find("time zone") != std::string::npos ||
                    lower.find("timezone") != std::string::npos;
    for (size_t at = 0; at < sentence.size(); ++at) {
      if (!std::isupper(static_cast<unsigned char>(sentence[at])) ||
          (at > 0 && IsAlpha(sentence[at - 1]))) {
        continue;
      }
      size_t words_end = at;
      for (int words = 0; words < 3; ++words) {
        size_t word_end = words_end + (words > 0 ? 1 : 0);
        if (word_end >= sentence.size() ||
            !std::isupper(static_cast<unsigned char>(sentence[word_end])))
          break;
        while (word_end < sentence.size() && IsAlpha(sentence[word_end])) ++word_end;
        std::string_view place = sentence.substr(at, word_end - at);
        std::string zone = ZoneOfPlace(place);
        if (!zone.empty()) {
          bool named_time = SaysTime(lower, word_end);
          bool placed = times_in && at >= 1 &&
                        (sentence[at - 1] == '(' || lower.substr(0, at).ends_with("in "));
          if (named_time || placed) return zone;
        }
        words_end = word_end;
        if (words_end >= sentence.size() || sentence[words_end] != ' ') break;
      }
    }
  }
  return {};
}

}  // namespace debrief::ingest
