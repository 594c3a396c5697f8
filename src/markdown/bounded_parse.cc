#include "markdown/bounded_parse.h"

#include <cmark-gfm-core-extensions.h>

#include <string>
#include <vector>

#include "markdown/cmark_text.h"

namespace debrief::markdown {
namespace {

// Characters that can open or close an inline node, each a node of its own in cmark's tree.
bool IsMarkup(char c) {
  switch (c) {
    case '[':
    case ']':
    case '*':
    case '_':
    case '~':
    case '<':
    case '>':
    case '!':
    case '`':
    case '|':
    case '&':
    case '\\':
      return true;
    default:
      return false;
  }
}

// A fence line ("```", "~~~~", indented up to three spaces): its character and length, or 0.
size_t FenceLength(std::string_view line, char& fence) {
  size_t start = 0;
  while (start < 3 && start < line.size() && line[start] == ' ') ++start;
  if (start >= line.size() || (line[start] != '`' && line[start] != '~')) return 0;
  size_t end = start;
  while (end < line.size() && line[end] == line[start]) ++end;
  if (end - start < 3) return 0;
  fence = line[start];
  return end - start;
}

// What the text costs cmark, and the text to give it: lines with more unescaped pipes than a
// table row can sensibly have get them escaped, so they read as text.
struct Prepared {
  int64_t markup = 0;
  std::string rewritten;  // Empty when the text is given as it is.
};

Prepared Prepare(std::string_view text) {
  Prepared prepared;
  char fence = 0;
  size_t fence_length = 0;
  size_t copied = 0;  // Of `text`, how much `rewritten` holds.
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    char line_fence = 0;
    size_t length = FenceLength(line, line_fence);
    if (fence_length > 0) {
      // Inside fenced code everything is one literal: only the closing fence matters.
      if (length >= fence_length && line_fence == fence) fence_length = 0;
    } else if (length > 0) {
      fence = line_fence;
      fence_length = length;
    } else {
      ++prepared.markup;
      int pipes = 0;
      for (size_t at = 0; at < line.size(); ++at) {
        if (!IsMarkup(line[at])) continue;
        ++prepared.markup;
        if (line[at] == '|' && (at == 0 || line[at - 1] != '\\')) ++pipes;
      }
      if (pipes > kMaxTableCells) {
        prepared.rewritten.append(text.substr(copied, start - copied));
        for (size_t at = 0; at < line.size(); ++at) {
          if (line[at] == '|' && (at == 0 || line[at - 1] != '\\')) prepared.rewritten += '\\';
          prepared.rewritten += line[at];
        }
        copied = end;
      }
    }
    start = end + 1;
  }
  if (copied > 0) prepared.rewritten.append(text.substr(std::min(copied, text.size())));
  return prepared;
}

cmark_node* Literal(const std::string& text) {
  cmark_node* literal = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(literal, text.c_str());
  return literal;
}

// Replaces what `node` holds by its plain text, in the first form its type can hold: text in an
// inline or a paragraph, a paragraph in a quote, an item in a list.
void KeepAsText(cmark_node* node) {
  std::string text = TextOf(node);
  while (cmark_node* child = cmark_node_first_child(node)) cmark_node_free(child);
  cmark_node* literal = Literal(text);
  if (cmark_node_append_child(node, literal)) return;
  cmark_node_free(literal);
  cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
  cmark_node_append_child(paragraph, Literal(text));
  if (cmark_node_append_child(node, paragraph)) return;
  cmark_node* item = cmark_node_new(CMARK_NODE_ITEM);
  cmark_node_append_child(item, paragraph);
  if (cmark_node_append_child(node, item)) return;
  cmark_node_free(item);  // A container of a fixed shape (a table) is left empty.
}

// Whatever lies deeper than kMaxNesting becomes the plain text of its ancestor near that depth
// (two levels short of it, so a list can hold the text in an item and a paragraph).
void LimitNesting(cmark_node* root) {
  std::vector<cmark_node*> too_deep;
  // The path from the root to the node entered, by parent links. Counting enter and exit events
  // instead goes wrong on a container with no children (an empty emphasis, an empty item): it
  // has an exit and no matching count, the depth drifts, and a node inside another one found
  // too deep is freed with it before its turn.
  std::vector<cmark_node*> path;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node* parent = cmark_node_parent(node);
    while (!path.empty() && path.back() != parent) path.pop_back();
    path.push_back(node);
    if (path.size() == static_cast<size_t>(kMaxNesting - 2) &&
        cmark_node_first_child(node) != nullptr) {
      too_deep.push_back(node);
    }
  }
  cmark_iter_free(iter);
  // Nodes at one depth are never inside one another, so each can be rewritten on its own.
  for (cmark_node* node : too_deep) KeepAsText(node);
}

}  // namespace

core::Result<Tree> Parse(std::string_view text, std::initializer_list<const char*> extensions,
                         int options) {
  if (text.size() > kMaxMarkdownBytes) {
    return core::Error::InvalidArgument(
        "Markdown longer than " + std::to_string(kMaxMarkdownBytes >> 20) + " MiB is not read");
  }
  Prepared prepared = Prepare(text);
  if (prepared.markup > kMaxMarkup) {
    return core::Error::InvalidArgument(
        "too much Markdown markup to read: " + std::to_string(prepared.markup) +
        " lines and markup characters outside code blocks, at most " + std::to_string(kMaxMarkup) +
        "; put logs and pasted output in fenced code blocks (```), or split the document");
  }
  std::string_view given = prepared.rewritten.empty() ? text : prepared.rewritten;
  cmark_gfm_core_extensions_ensure_registered();
  Tree tree;
  tree.parser_.reset(cmark_parser_new(options));
  for (const char* name : extensions) {
    if (std::string_view(name) == "autolink") continue;
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(tree.parser_.get(), extension);
    }
  }
  cmark_parser_feed(tree.parser_.get(), given.data(), given.size());
  tree.root_.reset(cmark_parser_finish(tree.parser_.get()));
  LimitNesting(tree.root_.get());
  return tree;
}

}  // namespace debrief::markdown
