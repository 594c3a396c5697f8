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

namespace debrief::ingest {

struct RowStamp {
  std::optional<core::Date> day;
  std::optional<std::chrono::milliseconds> time;  // Of the day.
  std::string zone;               // As named by the row ("UTC", "PST", "+02:00"); empty: none.
  bool placeholder = false;       // A time or date left to fill in ("XX:XX", "2023-MM-DD").
  bool day_without_year = false;  // "Oct 30th": `day` has the year it was given as a hint.
  size_t length = 0;              // Bytes of the text the stamp took, with the separator after it.
};

// The stamp at the start of `text`, if it starts with one; `year` completes dates written
// without one.
std::optional<RowStamp> ReadRowStamp(std::string_view text, std::optional<int> year);

// The first date written anywhere in `text` (a heading, a title, a note), in any of the forms
// above; `year` completes one written without a year.
std::optional<core::Date> FindDate(std::string_view text, std::optional<int> year);

// The zone a note such as "All times in UTC" or "(all times PST)" names: an abbreviation or an
// IANA name. Empty: none.
std::string FindZone(std::string_view text);

// The IANA name (or "UTC", or an offset) an abbreviation stands for; empty when unknown.
std::string ZoneName(std::string_view abbreviation);

}  // namespace debrief::ingest
