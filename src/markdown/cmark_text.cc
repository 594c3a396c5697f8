#include "markdown/cmark_text.h"

#include <string_view>

namespace debrief::markdown {

namespace {

// A paragraph after other text starts on a line of its own.
void BeforeNode(cmark_node* node, std::string& out) {
  bool block = cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH && !out.empty();
  if (block && out.back() != '\n') out += '\n';
}

// Appends a leaf's text; false for a node whose children hold its text.
bool AppendLeaf(cmark_node* node, std::string& out) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      out += cmark_node_get_literal(node);
      return true;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      out += '\n';
      return true;
    case CMARK_NODE_HTML_INLINE: {
      // "<br>" is the line break of places Markdown has none (a table cell): one line each.
      std::string_view tag = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
      if (tag.size() >= 4 && (tag[1] == 'b' || tag[1] == 'B') && (tag[2] == 'r' || tag[2] == 'R') &&
          (tag[3] == '>' || tag[3] == ' ' || tag[3] == '/')) {
        out += '\n';
      }
      return true;
    }
    case CMARK_NODE_HTML_BLOCK:
      return true;
    default:
      return false;
  }
}

}  // namespace

// Walks the tree by its parent and sibling links, without recursion: emphasis nested hundreds of
// thousands deep ("***...x...***" in a hostile file) is one deep tree, and a recursive walk
// would run out of stack.
void AppendText(cmark_node* root, std::string& out) {
  cmark_node* node = root;
  while (true) {
    cmark_node* child = AppendLeaf(node, out) ? nullptr : cmark_node_first_child(node);
    if (child != nullptr) {
      BeforeNode(child, out);
      node = child;
      continue;
    }
    while (node != root && cmark_node_next(node) == nullptr) node = cmark_node_parent(node);
    if (node == root) return;
    node = cmark_node_next(node);
    BeforeNode(node, out);
  }
}

std::string TextOf(cmark_node* node) {
  std::string text;
  AppendText(node, text);
  return text;
}

std::string TypeOf(cmark_node* node) {
  const char* type = cmark_node_get_type_string(node);
  return type ? type : "";
}

}  // namespace debrief::markdown
