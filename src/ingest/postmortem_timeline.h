// PostmortemTimeline: the rows of a postmortem's timeline as its reader meets them (a line of a
// list or paragraph, a table row, a heading), placed in time with what the text around them
// says: the day of the last day heading or note, the zone of the last note, the document's day.
// Used by ReadPostmortem; see markdown_postmortem.h for the shapes it reads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/markdown_postmortem.h"
#include "ingest/postmortem_clock.h"
#include "ingest/time_zone.h"

namespace debrief::ingest {

class PostmortemTimeline {
 public:
  // `document_day`: the day rows fall on when nothing nearer says; `zone`: of times nothing
  // names a zone for.
  // `zone_from`: where `zone` came from ("document": stated above the timeline; "default").
  PostmortemTimeline(std::optional<core::Date> document_day, TimeZone zone,
                     DateOrder order = DateOrder::kMonthFirst, std::string zone_from = "default");

  // A heading inside the timeline: a day ("### 2020-02-20", "## May 12"), a moment ("### 08:52
  // PM", whose story follows), or neither. True when it was one of the first two.
  bool Heading(std::string_view text, int line);
  // A line of a paragraph or list item: a row when it starts with a time or date, a note when it
  // only names a day or zone ("All times in UTC"), else more text for the row before it.
  void Line(std::string_view text, int line);
  // Starts a table: its header names the zone, and which column holds the time and the text.
  void TableHeader(const std::vector<std::string>& cells);
  void TableRow(const std::vector<std::string>& cells, int line);
  // Text below a moment's heading, or more of the row before.
  void Continue(std::string_view text);
  // Ends what belongs to the row before (a new list, a new paragraph).
  void Break() { open_row_ = false; }

  // The rows read; a date with no text under it ("2015-10-21" above a table) is none.
  std::vector<PostmortemRow> TakeRows();
  // Lines that read as neither row, note nor continuation: their line and text.
  const std::vector<std::pair<int, std::string>>& unread_lines() const { return unread_lines_; }

 private:
  void AddRow(const RowStamp& stamp, std::string_view time_text, std::string text, int line);
  void Note(std::string_view text);
  std::optional<int> Year() const;
  // A table row whose cells hold several rows, one per line ("10:00 x<br>11:05 y"): true when
  // it was read so.
  bool SplitTableRow(const std::vector<std::string>& cells, int line);
  // The columns of the time and the date by what the cells hold, for a header that does not
  // name them; true when a time was found.
  bool FindColumns(const std::vector<std::string>& cells);

  std::optional<core::Date> document_day_;
  DateOrder order_;
  std::optional<core::Date> day_;      // Of the last day heading, note or dated row.
  std::string day_from_ = "document";  // Where day_ came from (PostmortemRow::day_from).
  TimeZone zone_;
  std::string zone_from_;
  std::optional<std::chrono::milliseconds> last_time_;
  std::vector<PostmortemRow> rows_;
  bool open_row_ = false;  // The last row takes continuations.
  std::vector<std::pair<int, std::string>> unread_lines_;
  // The stamp of the last moment heading ("### 1:06 PM") or day ("2021-03-25:"), which items
  // without a time of their own under it take; the row the heading made, while its text is
  // empty.
  std::optional<RowStamp> heading_stamp_;
  std::string heading_time_text_;
  std::optional<size_t> heading_row_;
  // Of the current table.
  std::optional<int> table_year_;  // "Date (2022)" in its header.
  size_t time_column_ = 0;
  std::optional<size_t> date_column_;
  std::optional<size_t> text_column_;
};

}  // namespace debrief::ingest
