#include "markdown/bounded_parse.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "markdown/cmark_text.h"

namespace debrief::markdown {
namespace {

std::string Repeated(std::string_view piece, int times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

int Depth(cmark_node* root) {
  int depth = 0;
  int deepest = 0;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event == CMARK_EVENT_ENTER && cmark_node_first_child(node))
      deepest = std::max(deepest, ++depth);
    if (event == CMARK_EVENT_EXIT) --depth;
  }
  cmark_iter_free(iter);
  return deepest;
}

int Count(cmark_node* root, std::string_view type) {
  int count = 0;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event == CMARK_EVENT_ENTER && TypeOf(cmark_iter_get_node(iter)) == type) ++count;
  }
  cmark_iter_free(iter);
  return count;
}

std::string Html(const Tree& tree) {
  char* html = cmark_render_html(tree.root(), CMARK_OPT_DEFAULT, tree.extensions());
  std::string out = html;
  std::free(html);
  return out;
}

TEST(BoundedParse, ReadsAnOrdinaryDocument) {
  auto tree = Parse("# Outage\n\n| Time | What |\n|---|---|\n| 10:02 | *paged* |\n", {"table"});
  ASSERT_TRUE(tree) << tree.error().message();
  EXPECT_EQ(Count(tree->root(), "table"), 1);
  EXPECT_EQ(Count(tree->root(), "emph"), 1);
  EXPECT_EQ(TextOf(tree->root()), "OutageTimeWhat10:02paged");
}

// Every bracket of "[[[[..." is a node of its own: 4 MB of them took a gigabyte.
TEST(BoundedParse, RefusesMoreMarkupThanAnyPersonWrites) {
  for (const std::string& hostile : {std::string(300'000, '*') + "x" + std::string(300'000, '*'),
                                     std::string(200'000, '['), Repeated("a\n", 70'000)}) {
    auto tree = Parse(hostile, {"table"});
    ASSERT_FALSE(tree);
    EXPECT_NE(tree.error().message().find("too much Markdown markup"), std::string::npos)
        << tree.error().message();
  }
}

// A log pasted into a fence is one literal, whatever characters it holds.
TEST(BoundedParse, FencedCodeCostsNothing) {
  std::string log = "```\n" + Repeated("[ERROR] *** queue_depth > limit | retrying\n", 20'000) +
                    "```\n\nAfter the fence.\n";
  auto tree = Parse(log, {"table"});
  ASSERT_TRUE(tree) << tree.error().message();
  EXPECT_EQ(Count(tree->root(), "code_block"), 1);
}

TEST(BoundedParse, NestingDeeperThanTheLimitIsKeptAsText) {
  for (const std::string& deep :
       {std::string(20'000, '*') + "x" + std::string(20'000, '*'), std::string(20'000, '>') + "x",
        Repeated("[", 5'000) + "x" + Repeated("](y)", 5'000),
        "a" + Repeated("~", 3'000) + "x" + Repeated("~", 3'000)}) {
    auto tree = Parse(deep, {"strikethrough"});
    ASSERT_TRUE(tree) << tree.error().message();
    EXPECT_LE(Depth(tree->root()), kMaxNesting);
    EXPECT_NE(TextOf(tree->root()).find('x'), std::string::npos) << deep.substr(0, 3);
  }
  // A nested list keeps its items' words below the limit too.
  std::string list;
  for (int level = 0; level < 60; ++level) list += std::string(level * 2, ' ') + "- item\n";
  auto tree = Parse(list, {});
  ASSERT_TRUE(tree);
  EXPECT_LE(Depth(tree->root()), kMaxNesting);
  EXPECT_EQ(TextOf(tree->root()).find("item"), 0u);
}

// cmark-gfm's table extension is quadratic in a row's cells.
TEST(BoundedParse, ARowWithMoreCellsThanATableHoldsIsText) {
  std::string wide = Repeated("|a", 5'000) + "|\n" + Repeated("|-", 5'000) + "|\n";
  auto tree = Parse(wide, {"table"});
  ASSERT_TRUE(tree) << tree.error().message();
  EXPECT_EQ(Count(tree->root(), "table"), 0);
  EXPECT_NE(TextOf(tree->root()).find("|a|a"), std::string::npos);
  std::string fine = Repeated("|a", 20) + "|\n" + Repeated("|-", 20) + "|\n";
  auto table = Parse(fine, {"table"});
  ASSERT_TRUE(table);
  EXPECT_EQ(Count(table->root(), "table"), 1);
}

TEST(BoundedParse, RefusesTextLongerThanTheLimit) {
  auto tree = Parse(std::string(kMaxMarkdownBytes + 1, 'a'), {});
  ASSERT_FALSE(tree);
}

// The autolink extension is quadratic in address-like words ("www.a_www.a_..."): never used.
TEST(BoundedParse, NeverAttachesTheAutolinkExtension) {
  auto tree = Parse(Repeated("www.a_", 20'000), {"autolink"});
  ASSERT_TRUE(tree);
  EXPECT_EQ(Count(tree->root(), "link"), 0);
}

TEST(LinkBareAddresses, LinksWebAddressesInText) {
  auto tree = Parse(
      "See https://grafana.example.com/d/x?from=1&to=2. Also (http://wiki.example.com/a_(b)), "
      "`https://in.code/` and [a link](https://linked.example.com) stay.",
      {});
  ASSERT_TRUE(tree);
  LinkBareAddresses(tree->root());
  EXPECT_EQ(Html(*tree),
            "<p>See <a href=\"https://grafana.example.com/d/x?from=1&amp;to=2\">"
            "https://grafana.example.com/d/x?from=1&amp;to=2</a>. Also (<a "
            "href=\"http://wiki.example.com/a_(b)\">http://wiki.example.com/a_(b)</a>), "
            "<code>https://in.code/</code> and <a href=\"https://linked.example.com\">a link</a> "
            "stay.</p>\n");
}

TEST(LinkBareAddresses, LeavesWhatIsNotAnAddress) {
  auto tree = Parse("xhttps://glued.example.com, https:// and javascript:alert(1)", {});
  ASSERT_TRUE(tree);
  LinkBareAddresses(tree->root());
  EXPECT_EQ(Count(tree->root(), "link"), 0);
}

}  // namespace
}  // namespace debrief::markdown
