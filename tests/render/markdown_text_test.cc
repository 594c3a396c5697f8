#include "render/markdown_text.h"

#include <cmark-gfm.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace debrief::render {
namespace {

// Markdown as a reader sees it: cmark's HTML in safe mode.
std::string Html(const std::string& markdown) {
  char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  std::string out = html;
  std::free(html);
  return out;
}

TEST(MarkdownText, PlainTextIsShownAsTyped) {
  EXPECT_EQ(Html(EscapeInline("restart <service> with *care* | [x](y) & `z`")),
            "<p>restart &lt;service&gt; with *care* | [x](y) &amp; `z`</p>\n");
  EXPECT_EQ(Html(EscapeInline("- not a list")), "<p>- not a list</p>\n");
  EXPECT_EQ(Html(EscapeInline("1. not a list either")), "<p>1. not a list either</p>\n");
  EXPECT_EQ(Html(EscapeInline("# not a heading\nsecond line")),
            "<p># not a heading second line</p>\n");
}

TEST(MarkdownText, PlainBlocksKeepTheirLineBreaks) {
  EXPECT_EQ(Html(EscapeBlock("first\n- second\n\nthird")),
            "<p>first<br />\n- second<br />\n<br />\nthird</p>\n");
}

TEST(MarkdownText, MarkdownFieldsKeepFormattingButNotRawHtml) {
  std::string safe =
      SafeMarkdown("**Bold** and a list:\n\n- one\n- two\n\nraw <service> and <b>x</b>", 3);
  std::string html = Html(safe);
  EXPECT_NE(html.find("<strong>Bold</strong>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>one</li>"), std::string::npos) << html;
  EXPECT_NE(html.find("raw &lt;service&gt; and &lt;b&gt;x&lt;/b&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("raw HTML omitted"), std::string::npos) << html;
  std::string block = Html(SafeMarkdown("<div>\n<script>alert(1)</script>\n</div>", 3));
  EXPECT_EQ(block.find("<script"), std::string::npos) << block;
  EXPECT_NE(block.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << block;
}

TEST(MarkdownText, OnlyWebLinksStayLinksAndImagesNeverLoad) {
  std::string html =
      Html(SafeMarkdown("[runbook](https://wiki.example.com/rb) [evil](javascript:alert(1)) "
                        "![graph](https://grafana.example.com/g.png) ![x](javascript:alert(1)) "
                        "![data](data:image/png;base64,AAAA)",
                        3));
  EXPECT_NE(html.find("<a href=\"https://wiki.example.com/rb\">runbook</a>"), std::string::npos)
      << html;
  EXPECT_NE(html.find(" evil "), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://grafana.example.com/g.png\">graph</a>"), std::string::npos)
      << html;
  for (const char* unsafe : {"javascript", "<img", "data:"}) {
    EXPECT_EQ(html.find(unsafe), std::string::npos) << unsafe << " in " << html;
  }
}

TEST(MarkdownText, LinkFieldsAreLinksOnlyWhenSafe) {
  EXPECT_EQ(Html(LinkOrText("https://ci.example.com/run/7?x=1&y=2")),
            "<p><a href=\"https://ci.example.com/run/7?x=1&amp;y=2\">https://ci.example.com/run/"
            "7?x=1&amp;y=2</a></p>\n");
  EXPECT_EQ(Html(LinkOrText("javascript:alert(1)")), "<p>javascript:alert(1)</p>\n");
}

}  // namespace
}  // namespace debrief::render
