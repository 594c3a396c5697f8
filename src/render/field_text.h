// How people's text enters a document debrief writes. The document's shape (headings, tables,
// lists) is written once as Markdown; each field goes through a FieldText, which either writes
// it into the Markdown (escaped, or as safe Markdown) or, for HTML, stands in a placeholder for
// HTML made from the field alone. So HTML never runs people's text through the whole document's
// parse, where every escaped character of a large timeline was a node of its own.
#pragma once

#include <string>
#include <string_view>

namespace debrief::render {

class FieldText {
 public:
  virtual ~FieldText() = default;
  // A plain field on one line (a table cell, a heading, a list item).
  virtual std::string Inline(std::string_view text) = 0;
  // A plain field whose line breaks are kept (a paragraph).
  virtual std::string Block(std::string_view text) = 0;
  // A Markdown field, on lines of its own, its headings at `heading_level` or deeper so they
  // never pass for the document's own sections.
  virtual std::string Markdown(std::string_view text, int heading_level) = 0;
  // A web address from a link field.
  virtual std::string Link(std::string_view url) = 0;
};

// Fields written into the Markdown itself (render/markdown_text.h).
class MarkdownFieldText final : public FieldText {
 public:
  std::string Inline(std::string_view text) override;
  std::string Block(std::string_view text) override;
  std::string Markdown(std::string_view text, int heading_level) override;
  std::string Link(std::string_view url) override;
};

}  // namespace debrief::render
