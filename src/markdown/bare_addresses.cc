#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/validation.h"
#include "markdown/bounded_parse.h"

namespace debrief::markdown {
namespace {

bool IsWordCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool StartsAddress(std::string_view text, size_t at) {
  if (at > 0 && IsWordCharacter(text[at - 1])) return false;
  std::string_view rest = text.substr(at);
  return rest.starts_with("http://") || rest.starts_with("https://");
}

// Where an address that starts at `start` ends: at a space or "<"; trailing punctuation and a
// ")" without its "(" are left out, as GFM's autolinks do.
size_t AddressEnd(std::string_view text, size_t start) {
  size_t end = start;
  while (end < text.size() && text[end] != '<' && !std::strchr(" \t\n\r\f\v", text[end])) {
    ++end;
  }
  int open = 0;
  for (size_t at = start; at < end; ++at) open += text[at] == '(' ? 1 : text[at] == ')' ? -1 : 0;
  while (end > start) {
    char last = text[end - 1];
    if (std::strchr("?!.,:*_~'\";", last)) {
      --end;
    } else if (last == ')' && open < 0) {
      --end;
      ++open;
    } else {
      break;
    }
  }
  return end;
}

cmark_node* TextNode(std::string_view text) {
  cmark_node* node = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(node, std::string(text).c_str());
  return node;
}

// Splits one text node around the addresses it holds.
void LinkIn(cmark_node* node) {
  std::string text = cmark_node_get_literal(node);
  size_t copied = 0;
  cmark_node* last = node;
  bool changed = false;
  for (size_t at = 0; at < text.size(); ++at) {
    if (text[at] != 'h' || !StartsAddress(text, at)) continue;
    size_t end = AddressEnd(text, at);
    std::string_view url = std::string_view(text).substr(at, end - at);
    if (!core::IsSafeLink(url)) continue;
    if (!changed) {
      cmark_node_set_literal(node, text.substr(0, at).c_str());
      changed = true;
    } else if (at > copied) {
      cmark_node* before = TextNode(std::string_view(text).substr(copied, at - copied));
      cmark_node_insert_after(last, before);
      last = before;
    }
    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
    cmark_node_set_url(link, std::string(url).c_str());
    cmark_node_append_child(link, TextNode(url));
    cmark_node_insert_after(last, link);
    last = link;
    copied = end;
    at = end - 1;
  }
  if (changed && copied < text.size()) {
    cmark_node_insert_after(last, TextNode(std::string_view(text).substr(copied)));
  }
}

}  // namespace

void LinkBareAddresses(cmark_node* root) {
  std::vector<cmark_node*> texts;
  int inside_links = 0;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      inside_links += event == CMARK_EVENT_ENTER ? 1 : event == CMARK_EVENT_EXIT ? -1 : 0;
    } else if (type == CMARK_NODE_TEXT && inside_links == 0) {
      const char* literal = cmark_node_get_literal(node);
      if (literal && std::strstr(literal, "http")) texts.push_back(node);
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* text : texts) LinkIn(text);
}

}  // namespace debrief::markdown
