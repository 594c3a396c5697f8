// What the Markdown readers take from cmark-gfm's tree: a node's plain text and its type.
#pragma once

#include <cmark-gfm.h>

#include <string>

namespace debrief::markdown {

// The plain text of a node: emphasis, code and links kept as their words, line breaks as "\n".
void AppendText(cmark_node* node, std::string& out);
std::string TextOf(cmark_node* node);
// The node's type as cmark-gfm names it ("table", "table_row", ...), or empty.
std::string TypeOf(cmark_node* node);

}  // namespace debrief::markdown
