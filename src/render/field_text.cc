#include "render/field_text.h"

#include "render/markdown_text.h"

namespace debrief::render {

std::string MarkdownFieldText::Inline(std::string_view text) { return EscapeInline(text); }

std::string MarkdownFieldText::Block(std::string_view text) { return EscapeBlock(text); }

std::string MarkdownFieldText::Markdown(std::string_view text, int heading_level) {
  return SafeMarkdown(text, heading_level);
}

std::string MarkdownFieldText::Link(std::string_view url) { return LinkOrText(url); }

}  // namespace debrief::render
