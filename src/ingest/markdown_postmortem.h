// MarkdownPostmortem: a postmortem written in Markdown from a template (a wiki page, a blog
// post, a file in a repository), read into what debrief keeps: its title and dates, summary and
// impact, the timeline, contributing factors (from "Contributing factors" and "Root cause"
// sections; debrief has no single root cause), action items, lessons, and front matter.
// Sections are found by their headings; what no heading names is left as narrative, and the
// report says which sections were read as what.
//
// Timelines come in many shapes, all read here: tables (a time or date column and a text
// column; a zone named in the header), bullet lists and paragraphs of "HH:MM - text" runs,
// per-day headings, a heading per moment with its story below, 12- and 24-hour clocks, a zone
// named once ("All times in PST") or on each row ("21:17 UTC"), rows out of order, and
// placeholder times ("XX:XX"), which are kept as text and counted. Rows without a date take the
// day of their heading, of the timeline's note, or of the document (its "Date" section, title,
// or front matter); a time that goes back by more than eight hours has passed midnight.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/result.h"
#include "core/time.h"
#include "ingest/time_zone.h"

namespace debrief::ingest {

enum class PostmortemPart {
  kSummary,
  kImpact,
  kTimeline,
  kFactors,
  kActionItems,
  kLessons,
  kDate,
  kNarrative,
};
std::string_view ToString(PostmortemPart part);

struct PostmortemRow {
  int line = 0;  // In the file.
  std::string text;
  std::string time_text;  // The stamp as written.
  // Where the row is placed; empty when it cannot be (a placeholder, or a time with no day).
  std::optional<core::Timestamp> at;
  bool date_only = false;         // Placed at the start of its day: the row gives no time.
  std::optional<core::Date> day;  // For a date-only row: its day, as the document's zone has it.
  // How it was placed, for a preview to show: the zone its time was read in, and where its day
  // and zone came from. Day: "row" (its own date), "heading" (a day heading or line above it),
  // "note" (a note such as "all events on March 3"), "earlier row" (the last dated row),
  // "after midnight" (the day after the row before, its time having gone back), "document"
  // (the file's date: a date section, the title, front matter). Zone: "row", "timeline" (a
  // note or table header in it), "document" (stated above it, or front matter), "default"
  // (none stated: the import's).
  std::string zone;
  std::string day_from;
  std::string zone_from;
  bool placeholder = false;
  std::string unplaced_reason;  // When `at` is empty.
};

struct PostmortemFactor {
  int line = 0;
  std::string text;
  core::FactorCategory category = core::FactorCategory::kOther;
};

struct PostmortemActionItem {
  int line = 0;
  std::string title;
  std::string owner;  // As written; the importer matches it to a user when it can.
  bool done = false;
  std::string tracker_url;
};

struct PostmortemLesson {
  int line = 0;
  std::string text;
  std::string theme;  // The heading it was under ("What went well").
};

struct PostmortemSection {
  int line = 0;
  std::string heading;
  PostmortemPart part = PostmortemPart::kNarrative;
};

struct Postmortem {
  std::string title;
  std::optional<core::Date> date;  // The day the incident happened, as far as the file says.
  std::string summary;             // Markdown.
  std::string impact;              // Markdown.
  std::vector<std::string> authors;
  std::vector<std::string> tags;
  std::vector<std::string> services;
  std::string severity;
  std::vector<PostmortemRow> timeline;
  // Lines of the timeline's sections that read as no row, note or continuation of a row.
  std::vector<std::pair<int, std::string>> timeline_lines_unread;  // Line, text.
  std::vector<PostmortemFactor> factors;
  std::vector<PostmortemActionItem> action_items;
  std::vector<PostmortemLesson> lessons;
  std::vector<PostmortemSection> sections;  // Every heading, and what it was read as.
};

struct PostmortemOptions {
  TimeZone zone;  // Of times no note or row gives a zone for.
};

// Reads the postmortem `markdown` from the file `name` (for errors and the title when no
// heading gives one). Fails only for front matter that does not parse.
core::Result<Postmortem> ReadPostmortem(std::string_view name, std::string_view markdown,
                                        const PostmortemOptions& options);

// How sure the placing of `row` is: "high" (its day from itself, a heading or a note, and a zone
// the file states), "medium" (its day from the document's date or a midnight passed), "low"
// (no zone stated: the import's was assumed), "none" (not placed).
std::string_view RowConfidence(const PostmortemRow& row);

// The category a contributing factor's words suggest (monitoring, capacity, ...), or kOther.
core::FactorCategory GuessFactorCategory(std::string_view text);
// The kind of timeline event a row's words suggest (an alert, a deploy, a decision, ...).
core::EventKind GuessEventKind(std::string_view text);

}  // namespace debrief::ingest
