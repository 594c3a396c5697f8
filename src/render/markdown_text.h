// People's text inside a Markdown document debrief writes (an export). Two kinds of field:
// - plain fields (titles, entries, factors): what was typed is what is shown, so Markdown's
//   special characters are escaped ("<service>" stays "<service>", "*" stays "*");
// - Markdown fields (summary, impact, narratives, lesson bodies, action descriptions): their
//   formatting is kept, but raw HTML becomes the literal text that was typed, links that are not
//   http(s) become their text, and images become links (or their text), so a document never
//   loads or runs anything from elsewhere.
// Web addresses from link fields are written as links only when core::IsSafeLink holds.
#pragma once

#include <string>
#include <string_view>

namespace debrief::render {

// `text` as Markdown that shows it literally, on one line (line breaks become spaces): for table
// cells, headings and list items.
std::string EscapeInline(std::string_view text);

// `text` as Markdown that shows it literally, its line breaks kept as hard breaks: for
// paragraphs of plain fields.
std::string EscapeBlock(std::string_view text);

// A Markdown field made safe to embed (see above), as CommonMark, its headings at `heading_level`
// or deeper. A field with more markup than markdown::Parse reads is shown as its text.
std::string SafeMarkdown(std::string_view markdown, int heading_level);

// The same field as HTML, with bare http(s) addresses linked.
std::string SafeHtml(std::string_view markdown, int heading_level);

// Plain text as HTML: escaped, its line breaks kept as <br /> or made spaces.
std::string HtmlText(std::string_view text, bool keep_line_breaks);

// A web address from a link field: a Markdown link when it is safe, else its escaped text.
std::string LinkOrText(std::string_view url);

}  // namespace debrief::render
