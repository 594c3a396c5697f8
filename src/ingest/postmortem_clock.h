// PostmortemClock: the times and dates people write in the timelines of postmortems, read in
// place at the start of a row: "14:05", "2:14 pm", "21:17 UTC", "13:14 EDT (17:14 UTC)",
// "2019-12-04 00:30", "07/27/2023 2:14 pm", "Oct 30th", "12:45 PM PST Saturday Oct 30th",
// placeholders ("XX:XX", "2023-MM-DD"), and the separator before the row's text ("-", ":", "|").
// Also: a date or a zone named anywhere in a heading or a note ("All times in PST").
//
// Zone abbreviations name their region's local time with its daylight saving (America/Los_Angeles
// for PST and PDT alike): writers use them loosely, and the clock on their wall is what they
// wrote down.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "ingest/time_zone.h"

namespace debrief::ingest {

// How a document writes numeric dates whose order no day past 12 gives away: "03/04/2021" is
// 4 March where the same document writes 27/07/2021, else 3 April (the US order).
enum class DateOrder { kMonthFirst, kDayFirst };
// The order `text` (a whole document) writes its numeric dates in, by the dates that say.
DateOrder NumericDateOrder(std::string_view text);

struct RowStamp {
  std::optional<core::Date> day;
  std::optional<std::chrono::milliseconds> time;  // Of the day.
  std::string zone;               // As named by the row ("UTC", "PST", "+02:00"); empty: none.
  bool placeholder = false;       // A time or date left to fill in ("XX:XX", "2023-MM-DD").
  bool day_unknown = false;       // The date is one: "2023-MM-DD".
  bool time_unknown = false;      // The time is one: "??:??", "--:--", "TBD", "HH:mm".
  bool template_time = false;     // Of a template's blank row: "HH:MM", "XX:XX".
  bool day_without_year = false;  // "Oct 30th": `day` has the year it was given as a hint.
  size_t length = 0;              // Bytes of the text the stamp took, with the separator after it.
};

// The stamp at the start of `text`, if it starts with one; `year` completes dates written
// without one.
std::optional<RowStamp> ReadRowStamp(std::string_view text, std::optional<int> year,
                                     DateOrder order = DateOrder::kMonthFirst);

// The first date written anywhere in `text` (a heading, a title, a note), in any of the forms
// above; `year` completes one written without a year.
std::optional<core::Date> FindDate(std::string_view text, std::optional<int> year,
                                   DateOrder order = DateOrder::kMonthFirst);

// The zone a note such as "All times in UTC" or "(all times PST)" names: an abbreviation or an
// IANA name. Empty: none.
std::string FindZone(std::string_view text);

// The zone a sentence of `text` states for times, as a note or in passing: "All times below are
// Pacific time", "at 14:05 UTC", "Central European Summer Time", "times are in Berlin", "Berlin
// time" (any place the tz database names a zone after). Empty: none.
std::string FindZoneStatement(std::string_view text);

// The IANA name (or "UTC", or an offset) an abbreviation stands for; empty when unknown.
std::string ZoneName(std::string_view abbreviation);

// The zone a name found in a document stands for: an abbreviation ("PST"), an IANA name or
// link, "UTC" or an offset; none when it names no zone.
std::optional<TimeZone> ZoneNamed(std::string_view named);

}  // namespace debrief::ingest
