#include "ingest/markdown_postmortem.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "ingest/action_owner.h"
#include "ingest/front_matter.h"
#include "ingest/plain_text.h"
#include "ingest/postmortem_clock.h"
#include "ingest/postmortem_timeline.h"
#include "ingest/postmortem_words.h"
#include "markdown/bounded_parse.h"
#include "markdown/cmark_text.h"

namespace debrief::ingest {

using markdown::TextOf;
using markdown::TypeOf;
namespace {

std::string Trimmed(std::string_view text) { return std::string(TrimSpace(text)); }

// Reads the blocks of a document's body into a Postmortem, section by section.
class Reader {
 public:
  Reader(Postmortem& postmortem, int first_line, PostmortemTimeline& timeline)
      : postmortem_(postmortem), first_line_(first_line), timeline_(timeline) {}

  void Block(cmark_node* node);
  // At the end of the document: the last section ends, and the opening paragraphs are the
  // summary when no section gave one.
  void Finish();

 private:
  int LineOf(cmark_node* node) const { return first_line_ - 1 + cmark_node_get_start_line(node); }
  void Heading(cmark_node* node);
  // The section being read ends: a factors section's prose becomes its factor.
  void EndSection();
  void TimelineBlock(cmark_node* node);
  void ListItems(cmark_node* list, bool nested = false);
  void Table(cmark_node* table, bool for_timeline);
  std::vector<std::string> Cells(cmark_node* row) const;
  void Item(cmark_node* item, const std::string& text);
  void Prose(cmark_node* node);
  std::string Markdown(cmark_node* node) const;

  Postmortem& postmortem_;
  int first_line_;
  PostmortemTimeline& timeline_;
  PostmortemPart part_ = PostmortemPart::kNarrative;
  int part_level_ = 0;
  std::string theme_;  // The latest heading inside a lessons section.
  bool seen_title_ = false;
  bool before_first_section_ = true;
  std::string intro_;  // Text between the title and the first section.
  std::string factor_prose_;
  int factor_prose_line_ = 0;
};

std::string Reader::Markdown(cmark_node* node) const {
  std::unique_ptr<char, decltype(&std::free)> rendered(
      cmark_render_commonmark(node, CMARK_OPT_DEFAULT, 0), &std::free);
  return rendered ? Trimmed(rendered.get()) : std::string();
}

void Reader::EndSection() {
  if (!factor_prose_.empty()) {
    postmortem_.factors.push_back(
        {factor_prose_line_, factor_prose_, GuessFactorCategory(factor_prose_)});
    factor_prose_.clear();
  }
}

void Reader::Finish() {
  EndSection();
  if (postmortem_.summary.empty()) postmortem_.summary = Trimmed(intro_);
}

void Reader::Heading(cmark_node* node) {
  int level = cmark_node_get_heading_level(node);
  std::string text = Trimmed(TextOf(node));
  EndSection();
  // The first top heading is the title, unless it names a section ("# Timeline" in a file
  // whose sections are all top headings): a short heading of a known part.
  bool names_section = PartOfHeading(text) != PostmortemPart::kNarrative &&
                       std::count(text.begin(), text.end(), ' ') < 4;
  if (level == 1 && !seen_title_ && !names_section) {
    seen_title_ = true;
    if (postmortem_.title.empty()) postmortem_.title = text;
    postmortem_.sections.push_back({LineOf(node), text, PostmortemPart::kSummary});
    part_ = PostmortemPart::kNarrative;
    part_level_ = 1;
    return;
  }
  before_first_section_ = false;
  PostmortemPart named = PartOfHeading(text);
  if (part_ == PostmortemPart::kTimeline && named == PostmortemPart::kNarrative) {
    // A day ("## May 12", even at the timeline's own level) or a moment ("### 08:52 PM").
    if ((level > part_level_ || FindDate(text, std::nullopt) || ReadRowStamp(text, std::nullopt)) &&
        timeline_.Heading(text, LineOf(node))) {
      postmortem_.sections.push_back({LineOf(node), text, PostmortemPart::kTimeline});
      return;
    }
  }
  if (named != PostmortemPart::kNarrative && named == part_ && level > part_level_) {
    // "### Reflections" under "## Lessons learned": a theme of the same section.
    theme_ = text;
  } else if (named != PostmortemPart::kNarrative) {
    part_ = named;
    part_level_ = level;
    theme_ = named == PostmortemPart::kLessons ? text : std::string();
  } else if (level > part_level_ && part_ != PostmortemPart::kNarrative) {
    // A sub-heading of a section keeps the section's part ("### Public endpoint" under
    // "## Action items"), and names the theme of lessons under it.
    if (part_ == PostmortemPart::kLessons) theme_ = text;
    if (part_ == PostmortemPart::kTimeline) timeline_.Heading(text, LineOf(node));
  } else {
    part_ = PostmortemPart::kNarrative;
    part_level_ = level;
  }
  if (part_ == PostmortemPart::kTimeline && named == PostmortemPart::kTimeline) {
    timeline_.Heading(text, LineOf(node));  // "Timeline (all times PST) Oct 30th 2021".
  }
  postmortem_.sections.push_back({LineOf(node), text, part_});
}

std::vector<std::string> Reader::Cells(cmark_node* row) const {
  std::vector<std::string> cells;
  for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
    cells.push_back(Trimmed(TextOf(cell)));
  }
  return cells;
}

void Reader::Table(cmark_node* table, bool for_timeline) {
  std::vector<std::string> header;
  for (cmark_node* row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
    std::vector<std::string> cells = Cells(row);
    if (cmark_gfm_extensions_get_table_row_is_header(row)) {
      header = cells;
      if (for_timeline) timeline_.TableHeader(cells);
      continue;
    }
    if (for_timeline) {
      timeline_.TableRow(cells, LineOf(row));
      continue;
    }
    if (part_ != PostmortemPart::kActionItems) {
      std::string joined;
      for (const std::string& cell : cells) joined += (joined.empty() ? "" : " \u2014 ") + cell;
      Item(row, joined);
      continue;
    }
    // Action items: the title from its column, the owner and status from theirs.
    PostmortemActionItem action;
    action.line = LineOf(row);
    for (size_t index = 0; index < cells.size() && index < header.size(); ++index) {
      std::string name = AsciiLower(header[index]);
      const std::string& cell = cells[index];
      if (ContainsAny(name, {"owner", "assignee", "who", "responsible"})) {
        action.owner = cell;
      } else if (ContainsAny(name, {"status", "state", "done"})) {
        std::string status = AsciiLower(cell);
        action.done = ContainsAny(status, {"done", "fixed", "complete", "closed", "yes"});
      } else if (ContainsAny(name, {"bug", "issue", "ticket", "link", "tracker"})) {
        action.tracker_url = cell;
      } else if (action.title.empty() &&
                 ContainsAny(name, {"action", "item", "title", "task", "description", "what"})) {
        action.title = cell;
      }
    }
    if (action.title.empty() && !cells.empty()) action.title = cells.front();
    if (!action.title.empty()) postmortem_.action_items.push_back(std::move(action));
  }
}

void Reader::Item(cmark_node* item, const std::string& text) {
  std::string trimmed = Trimmed(text);
  if (trimmed.empty()) return;
  int line = LineOf(item);
  switch (part_) {
    case PostmortemPart::kFactors:
      postmortem_.factors.push_back({line, trimmed, GuessFactorCategory(trimmed)});
      return;
    case PostmortemPart::kActionItems: {
      PostmortemActionItem action;
      action.line = line;
      action.done =
          TypeOf(item) == "tasklist" && cmark_gfm_extensions_get_tasklist_item_checked(item);
      // A check mark before the words ("✅ Add tests"): marked done by hand.
      for (std::string_view mark : {"\u2705", "\u2714\ufe0f", "\u2714", "\u2611\ufe0f", "\u2611"}) {
        if (std::string_view(trimmed).starts_with(mark)) {
          action.done = true;
          trimmed = Trimmed(std::string_view(trimmed).substr(mark.size()));
          break;
        }
      }
      OwnedItem owned = SplitOwner(trimmed);
      action.title = owned.title.empty() ? trimmed : std::move(owned.title);
      action.owner = std::move(owned.owner);
      postmortem_.action_items.push_back(std::move(action));
      return;
    }
    case PostmortemPart::kLessons:
      postmortem_.lessons.push_back({line, trimmed, theme_});
      return;
    default:
      return;
  }
}

void Reader::ListItems(cmark_node* list, bool nested) {
  for (cmark_node* item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
    if (part_ == PostmortemPart::kTimeline) {
      // An item starts its own row; one nested in a row's item without a time of its own is
      // more of that row.
      if (!nested) timeline_.Break();
      for (cmark_node* child = cmark_node_first_child(item); child;
           child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) == CMARK_NODE_LIST) {
          ListItems(child, true);
          continue;
        }
        std::string text = TextOf(child);
        size_t start = 0;
        while (start <= text.size()) {
          size_t end = text.find('\n', start);
          if (end == std::string::npos) end = text.size();
          timeline_.Line(std::string_view(text).substr(start, end - start), LineOf(child));
          start = end + 1;
        }
      }
      continue;
    }
    // Elsewhere, an item is one factor, action or lesson, its sub-list the details of it.
    std::string text;
    for (cmark_node* child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
      if (!text.empty()) text += "\n";
      if (cmark_node_get_type(child) != CMARK_NODE_LIST) {
        text += TextOf(child);
        continue;
      }
      for (cmark_node* detail = cmark_node_first_child(child); detail;
           detail = cmark_node_next(detail)) {
        text += "- " + Trimmed(TextOf(detail)) + "\n";
      }
    }
    Item(item, text);
  }
}

void Reader::TimelineBlock(cmark_node* node) {
  cmark_node_type type = cmark_node_get_type(node);
  if (type == CMARK_NODE_LIST) {
    ListItems(node);
    timeline_.Break();
    return;
  }
  if (TypeOf(node) == "table") {
    Table(node, true);
    return;
  }
  if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK ||
      type == CMARK_NODE_THEMATIC_BREAK) {
    timeline_.Break();
    return;
  }
  if (type == CMARK_NODE_BLOCK_QUOTE) {
    timeline_.Continue(TextOf(node));  // A message quoted under its moment.
    return;
  }
  // Paragraphs and quotes: each line a row, a note, or more of the row before.
  std::string text = TextOf(node);
  int line = LineOf(node);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    timeline_.Line(std::string_view(text).substr(start, end - start), line++);
    start = end + 1;
  }
}

void Reader::Prose(cmark_node* node) {
  switch (part_) {
    case PostmortemPart::kSummary:
    case PostmortemPart::kImpact: {
      std::string& target =
          part_ == PostmortemPart::kSummary ? postmortem_.summary : postmortem_.impact;
      if (!target.empty()) target += "\n\n";
      target += Markdown(node);
      return;
    }
    case PostmortemPart::kDate:
      if (!postmortem_.date) postmortem_.date = FindDate(TextOf(node), std::nullopt);
      return;
    case PostmortemPart::kFactors:
      // The paragraphs of a factors section make one factor, as they tell one story.
      if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) {
        if (factor_prose_.empty()) factor_prose_line_ = LineOf(node);
        if (!factor_prose_.empty()) factor_prose_ += "\n\n";
        factor_prose_ += Trimmed(TextOf(node));
      }
      return;
    case PostmortemPart::kLessons:
      if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) Item(node, TextOf(node));
      return;
    case PostmortemPart::kNarrative:
      if (before_first_section_ && cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) {
        if (!intro_.empty()) intro_ += "\n\n";
        intro_ += Markdown(node);
      }
      return;
    default:
      return;
  }
}

void Reader::Block(cmark_node* node) {
  cmark_node_type type = cmark_node_get_type(node);
  if (type == CMARK_NODE_FOOTNOTE_DEFINITION) return;  // Notes on the text, not the text.
  if (type == CMARK_NODE_HEADING) {
    Heading(node);
    return;
  }
  if (part_ == PostmortemPart::kTimeline) {
    TimelineBlock(node);
    return;
  }
  if (type == CMARK_NODE_LIST) {
    ListItems(node);
    return;
  }
  if (TypeOf(node) == "table") {
    Table(node, false);
    return;
  }
  Prose(node);
}

// The day the incident happened, from what the file says before its timeline is read: a
// "Date" section, the title, a date named in the timeline's heading, front matter.
// "Unless noted otherwise, all events happened on 3 March 2021": the day of the timeline's rows,
// said before it.
bool IsDefaultDayStatement(std::string_view text) {
  std::string lower = AsciiLower(text);
  return ContainsAny(lower, {"unless noted", "unless otherwise", "unless stated", "all events",
                             "all times", "all entries", "events below", "times below"});
}

std::optional<core::Date> DocumentDay(cmark_node* root, const Postmortem& postmortem,
                                      const FrontMatter& front, DateOrder order) {
  for (cmark_node* node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING &&
        PartOfHeading(TextOf(node)) == PostmortemPart::kTimeline) {
      // The timeline's own first note counts too.
      for (cmark_node* next = cmark_node_next(node);
           next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH;
           next = cmark_node_next(next)) {
        std::string text = TextOf(next);
        if (!IsDefaultDayStatement(text) || ReadRowStamp(text, std::nullopt, order)) break;
        if (auto day = FindDate(text, std::nullopt, order)) return day;
      }
      break;
    }
    std::string text = TextOf(node);
    if (IsDefaultDayStatement(text)) {
      if (auto day = FindDate(text, std::nullopt, order)) return day;
    }
  }
  bool in_date_section = false;
  for (cmark_node* node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      std::string text = TextOf(node);
      PostmortemPart part = PartOfHeading(text);
      in_date_section = part == PostmortemPart::kDate;
      if (part == PostmortemPart::kTimeline) {
        if (auto day = FindDate(text, std::nullopt, order)) return day;
      }
    } else if (in_date_section) {
      if (auto day = FindDate(TextOf(node), std::nullopt, order)) return day;
    }
  }
  if (auto day = FindDate(postmortem.title, std::nullopt, order)) return day;
  // The first date the opening paragraphs name ("**Date:** January 14-19, 2026", "On May 31,
  // 2022, ..."), before the timeline.
  int paragraphs = 0;
  for (cmark_node* node = cmark_node_first_child(root); node && paragraphs < 6;
       node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING &&
        PartOfHeading(TextOf(node)) == PostmortemPart::kTimeline) {
      break;
    }
    if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH) continue;
    ++paragraphs;
    if (auto day = FindDate(TextOf(node), std::nullopt, order)) return day;
  }
  return FindDate(front.First({"date"}), std::nullopt, order);
}

// The zone the document gives its times in before the timeline: its front matter's
// ("timezone: Europe/Berlin"), or a sentence above the timeline ("All times below are Pacific
// time", "the outage began at 14:05 UTC").
std::optional<TimeZone> StatedZone(cmark_node* root, const FrontMatter& front) {
  if (auto zone = ZoneNamed(front.First({"timezone", "time_zone", "tz"}))) return zone;
  for (cmark_node* node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
    bool timeline = cmark_node_get_type(node) == CMARK_NODE_HEADING &&
                    PartOfHeading(TextOf(node)) == PostmortemPart::kTimeline;
    if (timeline) break;  // The timeline's own notes are its to read.
    if (auto zone = ZoneNamed(FindZoneStatement(TextOf(node)))) return zone;
  }
  return std::nullopt;
}

std::string FileTitle(std::string_view name) {
  size_t slash = name.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  if (size_t dot = base.rfind('.'); dot != std::string_view::npos) base = base.substr(0, dot);
  std::string title(base);
  std::replace(title.begin(), title.end(), '-', ' ');
  std::replace(title.begin(), title.end(), '_', ' ');
  return title;
}

}  // namespace

std::string_view RowConfidence(const PostmortemRow& row) {
  if (!row.at) return "none";
  if (row.zone_from == "default") return "low";
  if (row.day_from == "document" || row.day_from == "after midnight") return "medium";
  return "high";
}

std::string_view ToString(PostmortemPart part) {
  switch (part) {
    case PostmortemPart::kSummary:
      return "summary";
    case PostmortemPart::kImpact:
      return "impact";
    case PostmortemPart::kTimeline:
      return "timeline";
    case PostmortemPart::kFactors:
      return "contributing factors";
    case PostmortemPart::kActionItems:
      return "action items";
    case PostmortemPart::kLessons:
      return "lessons";
    case PostmortemPart::kDate:
      return "date";
    case PostmortemPart::kNarrative:
      return "narrative";
  }
  return "narrative";
}

core::Result<Postmortem> ReadPostmortem(std::string_view name, std::string_view markdown,
                                        const PostmortemOptions& options) {
  DEBRIEF_ASSIGN_OR_RETURN(FrontMatter front, ReadFrontMatter(name, markdown));
  Postmortem postmortem;
  postmortem.title = front.First({"title"});
  postmortem.authors = front.All({"authors", "author"});
  postmortem.tags = front.All({"tags", "categories"});
  postmortem.services = front.All({"services", "service", "systems", "affected"});
  postmortem.severity = front.First({"severity", "sev", "priority"});

  // Addresses need no autolinks here: a link's words are read as its text either way.
  auto tree = markdown::Parse(front.body, {"table", "tasklist", "strikethrough"},
                              CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES);
  if (!tree) {
    return core::Error::InvalidArgument(std::string(name) + ": " + tree.error().message());
  }
  cmark_node* root = tree->root();

  if (postmortem.title.empty()) {
    for (cmark_node* node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
      if (cmark_node_get_type(node) == CMARK_NODE_HEADING &&
          cmark_node_get_heading_level(node) == 1) {
        postmortem.title = Trimmed(TextOf(node));
        break;
      }
    }
  }
  if (postmortem.title.empty()) postmortem.title = FileTitle(name);
  // "03/04/2021" is read in the order the document's other numeric dates show.
  DateOrder order = NumericDateOrder(front.body);
  postmortem.date = DocumentDay(root, postmortem, front, order);
  TimeZone zone = options.zone;
  std::optional<TimeZone> stated = StatedZone(root, front);
  if (stated) zone = *stated;

  PostmortemTimeline timeline(postmortem.date, zone, order, stated ? "document" : "default");
  Reader reader(postmortem, front.body_line, timeline);
  for (cmark_node* node = cmark_node_first_child(root); node; node = cmark_node_next(node)) {
    reader.Block(node);
  }
  reader.Finish();
  postmortem.timeline_lines_unread = timeline.unread_lines();
  postmortem.timeline = timeline.TakeRows();
  return postmortem;
}

}  // namespace debrief::ingest
