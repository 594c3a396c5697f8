// Markdown people write, as exports render it: parsed within the markup budget, turned into
// safe HTML and into Markdown with demoted headings.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "render/markdown_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string html = render::SafeHtml(text, 3);
  // Raw HTML never passes through: every tag in the output is one the renderer wrote.
  if (html.find("<script") != std::string::npos) __builtin_trap();
  render::SafeMarkdown(text, 3);
  render::HtmlText(text, true);
  render::LinkOrText(text);
  return 0;
}
