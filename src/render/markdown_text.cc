#include "render/markdown_text.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

#include "core/validation.h"
#include "markdown/bounded_parse.h"

namespace debrief::render {
namespace {

// Characters that mean something to Markdown wherever they stand; CommonMark lets any ASCII
// punctuation be escaped with a backslash.
bool NeedsEscape(char c) {
  switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '{':
    case '}':
    case '[':
    case ']':
    case '<':
    case '>':
    case '#':
    case '|':
    case '~':
    case '&':
    case '!':
      return true;
    default:
      return false;
  }
}

// One line of plain text, escaped; a line that would start a list or a setext heading underline
// gets its first marker escaped too.
void AppendEscapedLine(std::string& out, std::string_view line) {
  size_t start = 0;
  while (start < line.size() && line[start] == ' ') ++start;
  if (start < line.size() && (line[start] == '-' || line[start] == '+' || line[start] == '=')) {
    out.append(line.substr(0, start));
    out += '\\';
    line.remove_prefix(start);
    start = 0;
  } else {
    size_t digits = start;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    if (digits > start && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
      out.append(line.substr(0, digits));
      out += '\\';
      line.remove_prefix(digits);
    }
  }
  for (char c : line) {
    if (NeedsEscape(c)) out += '\\';
    out += c;
  }
}

// A node holding `literal` as text, in place of `node` (which is freed).
void ReplaceWithText(cmark_node* node, const char* literal) {
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(text, literal ? literal : "");
  cmark_node_replace(node, text);
  cmark_node_free(node);
}

// Moves the children of `node` in front of it, then removes and frees it.
void Unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
  cmark_node_free(node);
}

void MakeSafe(cmark_node* root) {
  std::vector<cmark_node*> unsafe;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        unsafe.push_back(node);
        break;
      default:
        break;
    }
  }
  cmark_iter_free(iter);
  // Innermost first, so a node is never freed before a node inside it is handled.
  for (auto node = unsafe.rbegin(); node != unsafe.rend(); ++node) {
    const char* url = cmark_node_get_url(*node);
    switch (cmark_node_get_type(*node)) {
      case CMARK_NODE_HTML_INLINE:
        ReplaceWithText(*node, cmark_node_get_literal(*node));
        break;
      case CMARK_NODE_HTML_BLOCK: {
        // A block of markup reads best as what it is: code, shown as typed.
        cmark_node* code = cmark_node_new(CMARK_NODE_CODE_BLOCK);
        const char* literal = cmark_node_get_literal(*node);
        cmark_node_set_literal(code, literal ? literal : "");
        cmark_node_replace(*node, code);
        cmark_node_free(*node);
        break;
      }
      case CMARK_NODE_LINK:
        if (url == nullptr || !core::IsSafeLink(url)) Unwrap(*node);
        break;
      case CMARK_NODE_IMAGE: {
        // Never loaded: a safe image becomes a link to it with its description as the text.
        if (url != nullptr && core::IsSafeLink(url)) {
          cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
          cmark_node_set_url(link, url);
          while (cmark_node* child = cmark_node_first_child(*node))
            cmark_node_append_child(link, child);
          cmark_node_replace(*node, link);
          cmark_node_free(*node);
        } else {
          Unwrap(*node);
        }
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

std::string EscapeInline(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  std::string line;
  for (char c : text) line += c == '\n' || c == '\r' ? ' ' : c;
  AppendEscapedLine(out, line);
  return out;
}

std::string EscapeBlock(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (start > 0) out += "\\\n";  // A hard line break, as the person broke the line.
    AppendEscapedLine(out, line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  while (out.ends_with("\\\n")) out.resize(out.size() - 2);
  return out;
}

namespace {

// Headings of a field start at `level`, so a narrative's "# Action items" never passes for the
// document's own section; deeper ones keep their order below it, down to level 6.
void DemoteHeadings(cmark_node* root, int level) {
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      cmark_node_set_heading_level(node,
                                   std::min(6, cmark_node_get_heading_level(node) + level - 1));
    }
  }
  cmark_iter_free(iter);
}

core::Result<markdown::Tree> SafeTree(std::string_view text, int heading_level,
                                      std::initializer_list<const char*> extensions) {
  DEBRIEF_ASSIGN_OR_RETURN(markdown::Tree tree, markdown::Parse(text, extensions));
  MakeSafe(tree.root());
  DemoteHeadings(tree.root(), heading_level);
  return tree;
}

std::string EscapeHtml(std::string_view text, bool keep_line_breaks) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\r':
        break;
      case '\n':
        out += keep_line_breaks ? "<br />\n" : " ";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string SafeMarkdown(std::string_view text, int heading_level) {
  auto tree = SafeTree(text, heading_level, {"table", "strikethrough", "tasklist"});
  // More markup than any person writes: shown as the text it is.
  if (!tree) return EscapeBlock(text);
  char* rendered = cmark_render_commonmark(tree->root(), CMARK_OPT_DEFAULT, 0);
  std::string out = rendered;
  std::free(rendered);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string SafeHtml(std::string_view text, int heading_level) {
  auto tree = SafeTree(text, heading_level, {"table", "strikethrough", "tasklist", "tagfilter"});
  if (!tree) return "<p>" + EscapeHtml(text, true) + "</p>\n";
  markdown::LinkBareAddresses(tree->root());
  char* rendered = cmark_render_html(tree->root(), CMARK_OPT_DEFAULT, tree->extensions());
  std::string out = rendered;
  std::free(rendered);
  return out;
}

std::string HtmlText(std::string_view text, bool keep_line_breaks) {
  return EscapeHtml(text, keep_line_breaks);
}

std::string LinkOrText(std::string_view url) {
  if (!core::IsSafeLink(url)) return EscapeInline(url);
  // The address as the text, escaped, and as the destination in angle brackets, which may hold
  // anything but spaces and angle brackets (IsSafeLink refused those).
  return "[" + EscapeInline(url) + "](<" + std::string(url) + ">)";
}

}  // namespace debrief::render
