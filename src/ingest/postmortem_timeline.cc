#include "ingest/postmortem_timeline.h"
#include "ingest/plain_text.h"

#include <algorithm>
#include <cctype>

namespace debrief::ingest {
namespace {

using std::chrono::milliseconds;

constexpr auto kMidnightJump = std::chrono::hours(8);

// Words of a note about the timeline's times rather than an event: "(all times UTC)",
// "All times approximate", "Saturday".
bool IsNoteText(std::string_view text) {
  std::string lower = AsciiLower(TrimSpace(text));
  if (lower.empty()) return true;
  for (std::string_view sign : {"all times", "times are", "times in", "time zone", "timezone"}) {
    if (lower.find(sign) != std::string::npos) return true;
  }
  for (std::string_view weekday :
       {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    if (lower == weekday) return true;
  }
  return false;
}

std::optional<TimeZone> ZoneFor(std::string_view named) {
  if (named.empty()) return std::nullopt;
  std::string name = ZoneName(named);
  if (name.empty()) name = std::string(named);  // An offset or an IANA name.
  auto zone = TimeZone::Parse(name);
  if (!zone) return std::nullopt;
  return *zone;
}

}  // namespace

PostmortemTimeline::PostmortemTimeline(std::optional<core::Date> document_day, TimeZone zone)
    : document_day_(document_day), zone_(std::move(zone)) {}

std::optional<int> PostmortemTimeline::Year() const {
  // The document's year first: a row dated back into last year ("12-05" in a March review)
  // must not carry the rows after it there.
  std::optional<core::Date> day = document_day_ ? document_day_ : day_;
  if (!day) return std::nullopt;
  return static_cast<int>(std::chrono::year_month_day(*day).year());
}

void PostmortemTimeline::Note(std::string_view text) {
  if (auto zone = ZoneFor(FindZone(text))) zone_ = *zone;
}

bool PostmortemTimeline::Heading(std::string_view text, int line) {
  open_row_ = false;
  Note(text);
  auto stamp = ReadRowStamp(text, Year());
  if (stamp && (stamp->time || stamp->placeholder)) {
    AddRow(*stamp, TrimSpace(text.substr(0, stamp->length)),
           std::string(TrimSpace(text.substr(stamp->length))), line);
    return true;
  }
  if (auto day = FindDate(text, Year())) {
    day_ = day;
    last_time_.reset();
    return true;
  }
  return false;
}

void PostmortemTimeline::Line(std::string_view text, int line) {
  text = TrimSpace(text);
  if (text.empty()) return;
  auto stamp = ReadRowStamp(text, Year());
  std::string_view rest = stamp ? TrimSpace(text.substr(stamp->length)) : text;
  if (stamp && !stamp->time && !stamp->placeholder && !rest.empty() && IsNoteText(rest)) {
    // "2015-10-21 (all times UTC)": the day, and maybe the zone, of the rows that follow.
    if (stamp->day) {
      day_ = stamp->day;
      last_time_.reset();
    }
    if (auto zone = ZoneFor(stamp->zone)) zone_ = *zone;
    Note(rest);
    open_row_ = false;
    return;
  }
  if (stamp) {
    AddRow(*stamp, TrimSpace(text.substr(0, stamp->length)), std::string(rest), line);
    return;
  }
  // A note: "All times in EEST", "(UTC)"; a zone named in a longer line is part of a story.
  if (IsNoteText(text) || (text.size() < 40 && !FindZone(text).empty())) {
    Note(text);
    if (auto day = FindDate(text, Year()); day && text.size() < 200) {
      day_ = day;
      last_time_.reset();
    }
    open_row_ = false;
    return;
  }
  if (open_row_) {
    Continue(text);
    return;
  }
  unread_lines_.emplace_back(line, std::string(text));
}

std::vector<PostmortemRow> PostmortemTimeline::TakeRows() {
  std::erase_if(rows_, [](const PostmortemRow& row) { return row.date_only && row.text.empty(); });
  return std::move(rows_);
}

void PostmortemTimeline::Continue(std::string_view text) {
  text = TrimSpace(text);
  if (text.empty() || rows_.empty() || !open_row_) return;
  std::string& row_text = rows_.back().text;
  if (!row_text.empty()) row_text += "\n";
  row_text += text;
}

void PostmortemTimeline::TableHeader(const std::vector<std::string>& cells) {
  open_row_ = false;
  time_column_ = 0;
  date_column_.reset();
  text_column_.reset();
  std::optional<size_t> time_column;
  for (size_t index = 0; index < cells.size(); ++index) {
    std::string name = AsciiLower(cells[index]);
    Note(cells[index]);
    bool is_time = name.find("time") != std::string::npos || name.find("when") != std::string::npos;
    bool is_date = name.find("date") != std::string::npos || name == "day";
    if (is_time && !time_column) {
      time_column = index;
    } else if (is_date && !is_time && !date_column_) {
      date_column_ = index;
    } else if (!text_column_ && (name.find("event") != std::string::npos ||
                                 name.find("description") != std::string::npos ||
                                 name.find("what") != std::string::npos ||
                                 name.find("action") != std::string::npos ||
                                 name.find("detail") != std::string::npos)) {
      text_column_ = index;
    }
  }
  if (time_column) {
    time_column_ = *time_column;
  } else if (date_column_) {
    time_column_ = *date_column_;  // "Date" alone: it may hold times too ("2019-12-04 00:30").
    date_column_.reset();
  }
}

void PostmortemTimeline::TableRow(const std::vector<std::string>& cells, int line) {
  if (cells.empty()) return;
  open_row_ = false;
  std::string when = time_column_ < cells.size() ? cells[time_column_] : cells.front();
  if (date_column_ && *date_column_ < cells.size()) when = cells[*date_column_] + " " + when;
  std::string text;
  if (text_column_ && *text_column_ < cells.size()) {
    text = cells[*text_column_];
  } else {
    for (size_t index = 0; index < cells.size(); ++index) {
      if (index == time_column_ || (date_column_ && index == *date_column_)) continue;
      if (TrimSpace(cells[index]).empty()) continue;
      if (!text.empty()) text += " \u2014 ";
      text += TrimSpace(cells[index]);
    }
  }
  auto stamp = ReadRowStamp(when, Year());
  if (!stamp) {
    if (TrimSpace(when).empty() && !rows_.empty() && !TrimSpace(text).empty()) {
      open_row_ = true;  // A row with no time continues the one above.
      Continue(text);
      open_row_ = false;
      return;
    }
    std::string joined;
    for (const std::string& cell : cells) joined += (joined.empty() ? "" : " | ") + cell;
    unread_lines_.emplace_back(line, std::move(joined));
    return;
  }
  std::string_view rest = TrimSpace(std::string_view(when).substr(stamp->length));
  if (!rest.empty()) text = std::string(rest) + (text.empty() ? "" : " \u2014 " + text);
  AddRow(*stamp, TrimSpace(std::string_view(when).substr(0, stamp->length)), std::move(text), line);
  open_row_ = false;
}

void PostmortemTimeline::AddRow(const RowStamp& stamp, std::string_view time_text, std::string text,
                                int line) {
  PostmortemRow row;
  row.line = line;
  row.text = std::move(text);
  row.time_text = std::string(time_text);
  while (!row.time_text.empty() &&
         std::string_view(":-|\u2013\u2014,~= ").find(row.time_text.back()) != std::string::npos) {
    row.time_text.pop_back();
  }
  row.placeholder = stamp.placeholder;
  std::optional<core::Date> stamp_day = stamp.day;
  if (stamp_day && stamp.day_without_year && document_day_ &&
      *stamp_day > *document_day_ + std::chrono::days(60)) {
    // "12-05" in a review of March: the December before.
    auto date = std::chrono::year_month_day(*stamp_day) - std::chrono::years(1);
    if (date.ok()) stamp_day = core::Date(date);
  }
  if (stamp_day) {
    day_ = stamp_day;
    if (!stamp.time) last_time_.reset();
  }
  std::optional<core::Date> day = day_ ? day_ : document_day_;
  if (stamp.time && day && !stamp_day && last_time_ && *stamp.time + kMidnightJump < *last_time_) {
    day = *day + std::chrono::days(1);  // Past midnight.
    day_ = day;
  }
  TimeZone zone = zone_;
  if (auto named = ZoneFor(stamp.zone)) zone = *named;
  if (stamp.placeholder) {
    row.unplaced_reason = "a placeholder time";
  } else if (stamp.day_without_year && !stamp_day) {
    row.unplaced_reason = "a date without a year, in a file that gives none";
  } else if (!day) {
    row.unplaced_reason = "a time without a day: the file names no date";
  } else if (stamp.time) {
    row.at = zone.ToUtc(*day, *stamp.time);
    last_time_ = stamp.time;
  } else {
    row.at = zone.ToUtc(*day, milliseconds(0));
    row.date_only = true;
  }
  rows_.push_back(std::move(row));
  open_row_ = true;
}

}  // namespace debrief::ingest
