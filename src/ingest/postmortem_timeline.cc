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
// `whole_line`: the text is a line of its own, not the words after a row's date, and may also
// state the day of the rows after it ("Unless noted, all events on March 3").
bool IsNoteText(std::string_view text, bool whole_line = false) {
  std::string lower = AsciiLower(TrimSpace(text));
  if (lower.empty()) return true;
  for (std::string_view sign : {"all times", "times are", "times in", "time zone", "timezone"}) {
    if (lower.find(sign) != std::string::npos) return true;
  }
  if (whole_line) {
    for (std::string_view sign :
         {"all events", "all entries", "unless noted", "unless otherwise", "unless stated"}) {
      if (lower.find(sign) != std::string::npos) return true;
    }
  }
  for (std::string_view weekday :
       {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    if (lower == weekday) return true;
  }
  return false;
}

// The words of a template's blank row ("Short event description", "<what happened>"): none, a
// field's name, or words in brackets.
bool IsTemplateText(std::string_view text) {
  std::string lower = AsciiLower(TrimSpace(text));
  if (lower.empty()) return true;
  if ((lower.front() == '<' && lower.back() == '>') ||
      (lower.front() == '[' && lower.back() == ']') ||
      (lower.front() == '{' && lower.back() == '}')) {
    return true;
  }
  // A field's name: "Short event description", "Describe what happened".
  if (std::count(lower.begin(), lower.end(), ' ') > 3) return false;
  for (std::string_view field :
       {"description", "describe", "what happened", "placeholder", "lorem"}) {
    if (lower.find(field) != std::string::npos) return true;
  }
  return false;
}

// "{{ 06:10 }}", a template's placeholder filled in: the braces go, the words stay.
std::string WithoutTemplateBraces(std::string_view text) {
  std::string plain(text);
  if (plain.find("{{") == std::string::npos || plain.find("}}") == std::string::npos) return plain;
  for (std::string_view brace : {"{{", "}}"}) {
    for (size_t at = plain.find(brace); at != std::string::npos; at = plain.find(brace, at)) {
      plain.erase(at, brace.size());
    }
  }
  return std::string(TrimSpace(plain));
}

}  // namespace

PostmortemTimeline::PostmortemTimeline(std::optional<core::Date> document_day, TimeZone zone,
                                       DateOrder order, std::string zone_from)
    : document_day_(document_day),
      order_(order),
      zone_(std::move(zone)),
      zone_from_(std::move(zone_from)) {}

std::optional<int> PostmortemTimeline::Year() const {
  if (table_year_) return table_year_;  // The table's own: "Date (2022)".
  // The document's year first: a row dated back into last year ("12-05" in a March review)
  // must not carry the rows after it there.
  std::optional<core::Date> day = document_day_ ? document_day_ : day_;
  if (!day) return std::nullopt;
  return static_cast<int>(std::chrono::year_month_day(*day).year());
}

void PostmortemTimeline::Note(std::string_view text) {
  if (auto zone = ZoneNamed(FindZone(text))) {
    zone_ = *zone;
    zone_from_ = "timeline";
  }
}

bool PostmortemTimeline::Heading(std::string_view heading, int line) {
  open_row_ = false;
  heading_stamp_.reset();
  heading_row_.reset();
  std::string plain = WithoutTemplateBraces(heading);
  std::string_view text = plain;
  Note(text);
  auto stamp = ReadRowStamp(text, Year(), order_);
  if (stamp && (stamp->time || stamp->placeholder)) {
    std::string_view time_text = TrimSpace(text.substr(0, stamp->length));
    std::string rest(TrimSpace(text.substr(stamp->length)));
    size_t rows_before = rows_.size();
    AddRow(*stamp, time_text, rest, line);
    if (rows_.size() == rows_before) return true;  // A template's blank moment.
    // Items under it without a time of their own happened then: the first is the heading's
    // own words when it has none.
    heading_stamp_ = *stamp;
    heading_stamp_->day.reset();  // Its day is now the timeline's.
    heading_time_text_ = std::string(time_text);
    heading_row_ = rows_.size() - 1;
    return true;
  }
  if (auto day = FindDate(text, Year(), order_)) {
    day_ = day;
    day_from_ = "heading";
    last_time_.reset();
    heading_stamp_ = RowStamp{};
    heading_stamp_->day = day;
    heading_time_text_ = core::FormatDate(*day);
    return true;
  }
  return false;
}

void PostmortemTimeline::Line(std::string_view line_text, int line) {
  std::string plain = WithoutTemplateBraces(TrimSpace(line_text));
  std::string_view text = plain;
  if (text.empty()) return;
  auto stamp = ReadRowStamp(text, Year(), order_);
  std::string_view rest = stamp ? TrimSpace(text.substr(stamp->length)) : text;
  if (stamp && !stamp->time && !stamp->placeholder && IsNoteText(rest)) {
    // "2015-10-21 (all times UTC)", "2021-03-25:": the day, and maybe the zone, of the rows
    // that follow; items under it without a time are rows of that day.
    if (stamp->day) {
      day_ = stamp->day;
      day_from_ = "heading";
      last_time_.reset();
      heading_stamp_ = RowStamp{};
      heading_stamp_->day = stamp->day;
      heading_time_text_ = std::string(TrimSpace(text.substr(0, stamp->length)));
      heading_row_.reset();
    }
    if (auto zone = ZoneNamed(stamp->zone)) zone_ = *zone;
    Note(rest);
    open_row_ = false;
    return;
  }
  if (stamp) {
    if (stamp->time) heading_stamp_.reset();  // A moment of its own ends the heading's.
    AddRow(*stamp, TrimSpace(text.substr(0, stamp->length)), std::string(rest), line);
    return;
  }
  // A note: "All times in EEST", "(UTC)"; a zone named in a longer line is part of a story.
  if (IsNoteText(text, true) || (text.size() < 40 && !FindZone(text).empty())) {
    Note(text);
    if (auto day = FindDate(text, Year(), order_); day && text.size() < 200) {
      day_ = day;
      day_from_ = "note";
      last_time_.reset();
    }
    open_row_ = false;
    return;
  }
  if (open_row_) {
    Continue(text);
    return;
  }
  if (heading_stamp_) {
    if (heading_row_ && *heading_row_ + 1 == rows_.size()) {
      PostmortemRow& row = rows_[*heading_row_];
      if (row.text.empty()) {
        // The heading's own words: the items after it are rows of its moment.
        row.text = std::string(text);
        heading_row_.reset();
      } else {
        // Details of the story told under the heading.
        row.text += "\n" + std::string(text);
      }
      open_row_ = true;
      return;
    }
    heading_row_.reset();
    size_t rows_before = rows_.size();
    AddRow(*heading_stamp_, heading_time_text_, std::string(text), line);
    if (rows_.size() > rows_before && rows_.back().day_from == "row") {
      rows_.back().day_from = "heading";
    }
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
  heading_stamp_.reset();
  time_column_ = 0;
  date_column_.reset();
  text_column_.reset();
  table_year_.reset();
  std::optional<size_t> time_column;
  // "Day" names the date only where no column says "date" ("Day | Date | Time": the weekday).
  bool names_date = std::any_of(cells.begin(), cells.end(), [](const std::string& cell) {
    return AsciiLower(cell).find("date") != std::string::npos;
  });
  for (size_t index = 0; index < cells.size(); ++index) {
    std::string name = AsciiLower(cells[index]);
    Note(cells[index]);
    bool is_time = name.find("time") != std::string::npos ||
                   name.find("when") != std::string::npos || name.starts_with("clock");
    bool is_date =
        name.find("date") != std::string::npos ||
        (name.starts_with("day") &&
         (name.size() == 3 || !std::isalpha(static_cast<unsigned char>(name[3]))) && !names_date);
    // "Date (2022)", "Day (2023)": the year of dates the table writes without one.
    if (!table_year_) {
      for (size_t at = 0; at + 4 <= name.size(); ++at) {
        bool digits = std::all_of(name.begin() + static_cast<std::ptrdiff_t>(at),
                                  name.begin() + static_cast<std::ptrdiff_t>(at + 4),
                                  [](char c) { return c >= '0' && c <= '9'; });
        bool alone =
            (at == 0 || !std::isdigit(static_cast<unsigned char>(name[at - 1]))) &&
            (at + 4 == name.size() || !std::isdigit(static_cast<unsigned char>(name[at + 4])));
        if (digits && alone && (name.compare(at, 2, "19") == 0 || name.compare(at, 2, "20") == 0)) {
          table_year_ = std::stoi(name.substr(at, 4));
          break;
        }
      }
    }
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

bool PostmortemTimeline::FindColumns(const std::vector<std::string>& cells) {
  std::optional<size_t> time_column;
  std::optional<size_t> date_column;
  for (size_t index = 0; index < cells.size(); ++index) {
    auto stamp = ReadRowStamp(cells[index], Year(), order_);
    if (!stamp) continue;
    if (stamp->time && !time_column) {
      time_column = index;
      if (stamp->day) date_column.reset();  // "2022-06-27 13:47" in one cell.
    } else if ((stamp->day || stamp->day_without_year) && !stamp->time && !date_column &&
               !time_column) {
      date_column = index;
    }
  }
  if (!time_column) return false;
  time_column_ = *time_column;
  date_column_ = date_column;
  if (text_column_ && (*text_column_ == time_column_ || text_column_ == date_column_)) {
    text_column_.reset();
  }
  return true;
}

bool PostmortemTimeline::SplitTableRow(const std::vector<std::string>& cells, int line) {
  auto lines_of = [](const std::string& cell) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= cell.size()) {
      size_t end = cell.find('\n', start);
      if (end == std::string::npos) end = cell.size();
      std::string_view one = TrimSpace(std::string_view(cell).substr(start, end - start));
      if (!one.empty()) lines.emplace_back(one);
      start = end + 1;
    }
    return lines;
  };
  std::vector<std::string> times =
      time_column_ < cells.size() ? lines_of(cells[time_column_]) : std::vector<std::string>{};
  size_t text_index = text_column_.value_or(cells.size());
  if (!text_column_) {
    for (size_t index = 0; index < cells.size(); ++index) {
      if (index != time_column_ && index != date_column_) {
        text_index = index;
        break;
      }
    }
  }
  std::vector<std::string> texts =
      text_index < cells.size() ? lines_of(cells[text_index]) : std::vector<std::string>{};
  std::string day = date_column_ && *date_column_ < cells.size() ? cells[*date_column_] : "";
  // A time per line in the time cell, and a text per line beside it.
  if (times.size() >= 2 && times.size() == texts.size() &&
      std::all_of(times.begin(), times.end(), [&](const std::string& time) {
        return ReadRowStamp(time, Year(), order_).has_value();
      })) {
    for (size_t index = 0; index < times.size(); ++index) {
      Line((day.empty() ? "" : day + " ") + times[index] + " - " + texts[index], line);
      open_row_ = false;
    }
    return true;
  }
  // Lines in the text cell that start with their own times: the time cell, if any, is the day.
  int stamped = 0;
  for (const std::string& text : texts) {
    auto stamp = ReadRowStamp(text, Year(), order_);
    stamped += stamp && stamp->time;
  }
  if (stamped < 2) return false;
  std::string context = day.empty() && time_column_ < cells.size() ? cells[time_column_] : day;
  if (auto stamp = ReadRowStamp(context, Year(), order_); stamp && stamp->day) {
    day_ = stamp->day;
    day_from_ = "heading";
    last_time_.reset();
  }
  for (const std::string& text : texts) Line(text, line);
  open_row_ = false;
  return true;
}

void PostmortemTimeline::TableRow(const std::vector<std::string>& cells, int line) {
  if (cells.empty()) return;
  open_row_ = false;
  if (std::any_of(cells.begin(), cells.end(),
                  [](const std::string& cell) { return cell.find('\n') != std::string::npos; }) &&
      SplitTableRow(cells, line)) {
    return;
  }
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
  auto stamp = ReadRowStamp(when, Year(), order_);
  if (!stamp || (!stamp->time && !stamp->day && !stamp->placeholder)) {
    // The header named the columns wrongly, or not at all: read them by what they hold.
    size_t time_column = time_column_;
    std::optional<size_t> date_column = date_column_;
    if (FindColumns(cells) && (time_column_ != time_column || date_column_ != date_column)) {
      TableRow(cells, line);
      return;
    }
  }
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
  std::string time_text(TrimSpace(std::string_view(when).substr(0, stamp->length)));
  if (stamp->day && !stamp->time && !stamp->placeholder) {
    // "| 2019-04-03 | 09:00 postmortem held |": the day in its column, the time before the text.
    if (auto own = ReadRowStamp(text, Year(), order_); own && own->time && !own->day) {
      stamp->time = own->time;
      if (!own->zone.empty()) stamp->zone = own->zone;
      time_text += " " + std::string(TrimSpace(std::string_view(text).substr(0, own->length)));
      text = std::string(TrimSpace(std::string_view(text).substr(own->length)));
    }
  }
  AddRow(*stamp, time_text, std::move(text), line);
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
  row.day_from = day_ ? day_from_ : "document";
  if (stamp_day) {
    day_ = stamp_day;
    day_from_ = "earlier row";
    row.day_from = "row";
    if (!stamp.time) last_time_.reset();
  }
  std::optional<core::Date> day = day_ ? day_ : document_day_;
  if (stamp.time && day && !stamp_day && last_time_ && *stamp.time + kMidnightJump < *last_time_) {
    day = *day + std::chrono::days(1);  // Past midnight.
    day_ = day;
    day_from_ = "after midnight";
    row.day_from = day_from_;
  }
  TimeZone zone = zone_;
  row.zone_from = zone_from_;
  if (auto named = ZoneNamed(stamp.zone)) {
    zone = *named;
    row.zone_from = "row";
  }
  row.zone = zone.name();
  if ((stamp.template_time || stamp.day_unknown) && IsTemplateText(row.text)) {
    return;  // "HH:MM - Short event description": a template's row nobody filled in.
  }
  if (stamp.day_unknown) {
    row.unplaced_reason = "a date left to fill in";
  } else if (stamp.time_unknown) {
    // "??:?? - traffic drained": a real event whose time nobody knew; it keeps its day.
    if (day) {
      row.at = zone.ToUtc(*day, milliseconds(0));
      row.date_only = true;
      row.day = day;
    } else {
      row.unplaced_reason = "a time left to fill in, on no known day";
    }
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
    row.day = day;
  }
  if (!row.at) row.day_from.clear();
  rows_.push_back(std::move(row));
  open_row_ = true;
}

}  // namespace debrief::ingest
