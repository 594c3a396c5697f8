#include "language/text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::language {
namespace {

std::vector<std::string> Folded(std::string_view text) {
  std::vector<std::string> words;
  for (const Token& token : Tokenize(text)) words.emplace_back(token.folded);
  return words;
}

TEST(Tokenize, SplitsWordsPossessivesAndContractions) {
  EXPECT_THAT(Folded("Bob's fix didn't work; we should've waited."),
              ::testing::ElementsAre("bob", "'s", "fix", "didn't", "work", ";", "we", "should",
                                     "have", "waited", "."));
  EXPECT_THAT(Folded("on-call SRE’s pager"),
              ::testing::ElementsAre("on-call", "sre", "'s", "pager"));
}

TEST(Tokenize, KeepsByteOffsetsOfTheOriginal) {
  std::string text = "Zoë’s “fix”";
  auto tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Zoë");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "’s");
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "fix");
  EXPECT_TRUE(tokens[2].in_quote);
}

TEST(Tokenize, MarksHeadingsAndBlockQuotes) {
  auto tokens = Tokenize("# Root cause\n> human error\n\nplain");
  EXPECT_TRUE(tokens[1].in_heading);
  EXPECT_TRUE(tokens[4].in_quote);
  EXPECT_FALSE(tokens.tokens().back().in_heading);
  EXPECT_FALSE(tokens.tokens().back().in_quote);
}

TEST(Fold, LowerCasesLatinLetters) {
  EXPECT_EQ(Fold("ÅNGSTRÖM"), "ångström");
  EXPECT_EQ(Fold("It’s"), "it's");
}

TEST(Fold, FoldsEveryScriptAndComposesToNfc) {
  EXPECT_EQ(Fold("ΔΗΜΗΤΡΗΣ"), "δημητρησ");  // Case folding maps final sigma too.
  EXPECT_EQ(Fold("ОЛЬГА"), "ольга");
  EXPECT_EQ(Fold("Zoe\u0308"), "zo\u00eb");  // A combining diaeresis composes.
  EXPECT_EQ(Fold("Zo\u00eb"), "zo\u00eb");
}

TEST(Tokenize, KeepsCombiningMarksInsideWordsAndSplitsOnOtherScriptsPunctuation) {
  EXPECT_THAT(Folded("Zoe\u0308 forgot — Дмитрий’s fix"),
              ::testing::ElementsAre("zo\u00eb", "forgot", "\u2014", "дмитрий", "'s", "fix"));
}

TEST(Tokenize, ReadsMalformedUtf8AsPunctuationWithoutLosingOffsets) {
  std::string text = "we \xC3 forgot \xE2\x80 it";
  auto tokens = Tokenize(text);
  std::vector<std::string> words;
  for (const Token& token : tokens) {
    if (token.is_word) words.emplace_back(token.folded);
    EXPECT_LE(token.end, text.size());
  }
  EXPECT_THAT(words, ::testing::ElementsAre("we", "forgot", "it"));
}

TEST(MaskMarkdown, BlanksCodeAndKeepsOffsets) {
  std::string text = "a `b` c\n```\nd\n```\ne <!-- f --> g https://x.y/z h";
  std::string masked = MaskMarkdown(text);
  ASSERT_EQ(masked.size(), text.size());
  EXPECT_EQ(std::count(masked.begin(), masked.end(), '\n'),
            std::count(text.begin(), text.end(), '\n'));
  EXPECT_THAT(Folded(masked), ::testing::ElementsAre("a", "c", "e", "g", "h"));
}

TEST(MaskMarkdown, ACodeSpanEndsOnItsLine) {
  std::string text = "lone ` tick\nwords `x` stay\n`";
  EXPECT_THAT(Folded(MaskMarkdown(text)),
              ::testing::ElementsAre("lone", "`", "tick", "words", "stay", "`"));
}

// Each unmatched backtick searched to the end of the text for a line break: a million of them
// took 3 seconds and 4 MB of them minutes, on the server's one event loop.
TEST(MaskMarkdown, RunsOfBackticksAreReadOnce) {
  std::string ticks = "a " + std::string(4'000'000, '`') + "x";
  std::string masked = MaskMarkdown(ticks);
  ASSERT_EQ(masked.size(), ticks.size());
  EXPECT_THAT(Folded(masked), ::testing::ElementsAre("a", "x"));
  std::string above = "`\n" + std::string(2'000'000, 'a') + "\n`";
  EXPECT_EQ(MaskMarkdown(above).size(), above.size());
}

TEST(Tokenize, ALineOfEmphasisAloneIsAHeading) {
  auto headings = [](std::string_view text) {
    std::vector<bool> flags;
    for (const Token& token : Tokenize(text)) {
      if (token.is_word) flags.push_back(token.in_heading);
    }
    return flags;
  };
  EXPECT_THAT(headings("**What went well**\nThe page fired."),
              ::testing::ElementsAre(true, true, true, false, false, false));
  EXPECT_THAT(headings("*Timeline:*\nPaged."), ::testing::ElementsAre(true, false));
  // A label with its text, and emphasis inside a sentence, are prose.
  EXPECT_THAT(headings("**Impact:** twelve requests"), ::testing::Each(false));
  EXPECT_THAT(headings("We *did* page them"), ::testing::Each(false));
  EXPECT_THAT(headings("* a list item *with* emphasis"), ::testing::Each(false));
}

TEST(Tokenize, ALineAfterAQuotedOneContinuesTheQuotation) {
  auto quoted = [](std::string_view text) {
    std::vector<bool> flags;
    for (const Token& token : Tokenize(text)) {
      if (token.is_word) flags.push_back(token.in_quote);
    }
    return flags;
  };
  // CommonMark's lazy continuation: no ">" needed on the wrapped line.
  EXPECT_THAT(quoted("> Alex said the deploy\nwas careless\n\nWe disagreed"),
              ::testing::ElementsAre(true, true, true, true, true, true, false, false));
  // A blank line, a list item or a heading ends it.
  EXPECT_THAT(quoted("> quoted\n- item"), ::testing::ElementsAre(true, false));
  EXPECT_THAT(quoted("> quoted\n# Heading"), ::testing::ElementsAre(true, false));
}

}  // namespace
}  // namespace debrief::language
