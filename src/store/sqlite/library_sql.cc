#include "store/sqlite/library_sql.h"

#include <algorithm>
#include <cstdlib>

namespace debrief::store::sqlite::library_sql {

std::string ForTable(std::string_view sql, bool anonymised) {
  std::string text(sql);
  std::string_view table = anonymised ? "library_anonymised_text" : "library_text";
  for (size_t at = text.find("{table}"); at != std::string::npos; at = text.find("{table}")) {
    text.replace(at, 7, table);
  }
  return text;
}

void BindOptionalTime(Statement& statement, int index,
                      const std::optional<core::Timestamp>& value) {
  if (value) {
    statement.Bind(index, core::ToEpochMillis(*value));
  } else {
    statement.BindNull(index);
  }
}

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

search::LibraryPostings::Sections SectionsOf(const LibraryText& text) {
  return {text.title,     text.summary, text.accounts, text.timeline,
          text.decisions, text.factors, text.lessons,  text.actions};
}

// The first `characters` characters of UTF-8 text.
std::string_view Utf8Prefix(std::string_view text, size_t characters) {
  size_t seen = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    bool starts_character = (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
    if (starts_character && seen++ == characters) return text.substr(0, at);
  }
  return text;
}

core::Date DayOf(core::Timestamp instant) { return std::chrono::floor<std::chrono::days>(instant); }

int32_t DayNumber(core::Date day) { return static_cast<int32_t>(day.time_since_epoch().count()); }

// The day's place in a common year (0-364; 29 February counts as 1 March), so month-days of any
// two years compare.
int DayInYear(std::chrono::year_month_day day) {
  std::chrono::sys_days start{std::chrono::year{2001} / 1 / 1};
  return static_cast<int>(
      (std::chrono::sys_days{std::chrono::year{2001} / day.month() / day.day()} - start).count());
}

// Days between two month-days, the shorter way round the year.
int DaysApart(int a, int b) {
  int apart = std::abs(a - b);
  return std::min(apart, 365 - apart);
}

}  // namespace debrief::store::sqlite::library_sql
