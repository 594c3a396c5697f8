// Markdown parsed by cmark-gfm within bounds, for text from people debrief does not trust: a
// postmortem file someone imports, a narrative an export renders.
//
// cmark-gfm's work and memory grow with the markup, not with the text: every bracket, emphasis
// character or line break of a paragraph is a node of its own (about 240 bytes each: 4 MB of "["
// took 1 GB), its table extension is quadratic in a row's cells, its autolink extension in
// address-like words, and its CommonMark renderer in the depth of nesting. A postmortem written
// by people has a few thousand of each (the largest of seventy public ones: 16 KB in all), so
// the bounds below are far from any real document and close enough to keep one hostile file to
// milliseconds and megabytes:
// - markup outside fenced code (the characters that can start a node, and line breaks) is
//   counted first; a text with more is refused with a clear error, before cmark sees it;
// - a line with more cells than a table can sensibly hold is read as text, not as a table row;
// - whatever is nested deeper than kMaxNesting (block quotes, lists, emphasis, links) is kept
//   as its plain text at that depth;
// - the autolink extension is never attached: LinkBareAddresses links http(s) addresses in
//   one pass when a renderer wants them.
#pragma once

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "core/result.h"

namespace debrief::markdown {

inline constexpr size_t kMaxMarkdownBytes = size_t{8} << 20;
inline constexpr int64_t kMaxMarkup = 65'536;
inline constexpr int kMaxTableCells = 128;
inline constexpr int kMaxNesting = 32;

// A parsed document and the parser that knows its extensions (which rendering to HTML needs).
class Tree {
 public:
  Tree(Tree&&) noexcept = default;
  Tree& operator=(Tree&&) noexcept = default;
  ~Tree() = default;

  cmark_node* root() const { return root_.get(); }
  cmark_llist* extensions() const { return cmark_parser_get_syntax_extensions(parser_.get()); }

 private:
  friend core::Result<Tree> Parse(std::string_view, std::initializer_list<const char*>, int);
  struct ParserFree {
    void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
  };
  struct NodeFree {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
  };
  Tree() = default;

  std::unique_ptr<cmark_parser, ParserFree> parser_;
  std::unique_ptr<cmark_node, NodeFree> root_;
};

// Parses `text` with the named cmark-gfm extensions ("table", "strikethrough", "tasklist",
// "tagfilter"; "autolink" is ignored, see above) and cmark options. InvalidArgument when the
// text holds more markup than kMaxMarkup or is longer than kMaxMarkdownBytes.
core::Result<Tree> Parse(std::string_view text, std::initializer_list<const char*> extensions,
                         int options = CMARK_OPT_DEFAULT);

// Turns each http:// or https:// address in the text of `root` into a link to it, as GFM's
// autolink extension does for them (trailing punctuation and an unmatched ")" stay outside),
// in time linear in the text. Text inside links and code is left alone.
void LinkBareAddresses(cmark_node* root);

}  // namespace debrief::markdown
