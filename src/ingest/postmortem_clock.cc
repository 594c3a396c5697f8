#include "ingest/postmortem_clock.h"

#include <array>
#include <cctype>
#include <utility>

#include "ingest/clock_text.h"

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
std::optional<DateRead> ReadDate(std::string_view text, size_t& at, std::optional<int> year) {
  size_t start = at;
  SkipWeekday(text, at);
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
  // 07/27/2023, 07-27-2023, 7/27/2023 (month first, as the US writes it).
  if (at < text.size() && IsDigit(text[at])) {
    size_t read = at;
    size_t month_digits = read + 1 < text.size() && IsDigit(text[read + 1]) ? 2 : 1;
    auto month = ReadDigits(text, read, month_digits);
    if (month && read < text.size() && (text[read] == '/' || text[read] == '-')) {
      char separator = text[read++];
      size_t day_digits = read + 1 < text.size() && IsDigit(text[read + 1]) ? 2 : 1;
      auto day = ReadDigits(text, read, day_digits);
      if (day && read < text.size() && text[read] == separator) {
        ++read;
        auto year_digits = ReadDigits(text, read, 4);
        if (year_digits && (read >= text.size() || !IsDigit(text[read]))) {
          if (auto date = MakeDate(*year_digits, static_cast<unsigned>(*month),
                                   static_cast<unsigned>(*day))) {
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

// "14:05", "9:05:30", "2:14 pm", "08:52 PM", "12:45PM"; "13:55 PM" is read as 13:55.
std::optional<milliseconds> ReadTimeOfDay(std::string_view text, size_t& at) {
  size_t start = at;
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

bool ReadPlaceholderTime(std::string_view text, size_t& at) {
  for (std::string_view form : {"XX:XX", "xx:xx", "??:??", "HH:MM", "hh:mm", "--:--", "TBD"}) {
    if (text.substr(at).starts_with(form)) {
      at += form.size();
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

std::optional<RowStamp> ReadRowStamp(std::string_view text, std::optional<int> year) {
  size_t at = 0;
  SkipSpaces(text, at);
  // "[08:47] text", as chat logs write it.
  bool bracket =
      at < text.size() && text[at] == '[' && at + 1 < text.size() && IsDigit(text[at + 1]);
  if (bracket) ++at;
  RowStamp stamp;
  bool found = false;
  auto take_date = [&]() {
    if (auto date = ReadDate(text, at, year)) {
      stamp.day = date->day;
      stamp.placeholder = stamp.placeholder || date->placeholder;
      stamp.day_without_year = date->without_year;
      found = true;
      // "Oct 30th, 14:00", "2019-12-04 at 00:30", "2026-03-14T10:00".
      if (at < text.size() && (text[at] == ',' || text[at] == 'T')) {
        size_t after = at + 1;
        if (text[at] == 'T' ? after < text.size() && IsDigit(text[after]) : true) at = after;
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
  } else if (ReadPlaceholderTime(text, at)) {
    stamp.placeholder = true;
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

std::optional<core::Date> FindDate(std::string_view text, std::optional<int> year) {
  for (size_t at = 0; at < text.size(); ++at) {
    if (at > 0 && (IsAlpha(text[at - 1]) || IsDigit(text[at - 1]))) continue;
    if (!IsDigit(text[at]) && !IsAlpha(text[at])) continue;
    size_t read = at;
    if (auto date = ReadDate(text, read, year); date && date->day) {
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
      // An IANA name: "Europe/Berlin", "America/New_York".
      size_t end = at;
      while (end < text.size() && (IsAlpha(text[end]) || text[end] == '/' || text[end] == '_')) {
        ++end;
      }
      std::string_view name = text.substr(at, end - at);
      if (name.find('/') != std::string_view::npos && name.back() != '/') {
        for (std::string_view area : {"Africa/", "America/", "Asia/", "Atlantic/", "Australia/",
                                      "Europe/", "Indian/", "Pacific/"}) {
          if (name.starts_with(area)) return std::string(name);
        }
      }
    }
  }
  return {};
}

}  // namespace debrief::ingest
