#include "ingest/cmark_text.h"

namespace debrief::ingest {

void AppendText(cmark_node* node, std::string& out) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      out += cmark_node_get_literal(node);
      return;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      out += '\n';
      return;
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_HTML_BLOCK:
      return;
    default:
      break;
  }
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    bool block = cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH && !out.empty();
    if (block && out.back() != '\n') out += '\n';
    AppendText(child, out);
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

}  // namespace debrief::ingest
