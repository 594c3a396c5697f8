#include "language/directives.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::language {
namespace {

class DirectivesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = DefaultRulePack();
    ASSERT_TRUE(pack) << pack.error().message();
    checker_ = std::make_unique<Checker>(std::move(*pack));
  }
  // The rule ids found, each with the 1-based line it is on.
  std::vector<std::string> Found(std::string_view text) {
    std::vector<std::string> found;
    for (const Finding& finding : checker_->Check(text)) {
      size_t line =
          1 + static_cast<size_t>(std::count(
                  text.begin(), text.begin() + static_cast<std::ptrdiff_t>(finding.begin), '\n'));
      found.push_back(finding.rule->id + "@" + std::to_string(line));
    }
    return found;
  }
  std::unique_ptr<Checker> checker_;
};

TEST_F(DirectivesTest, DisableAndEnableEveryRule) {
  EXPECT_THAT(Found("It was human error.\n"
                    "<!-- debrief-disable -->\n"
                    "It was human error.\n"
                    "<!-- debrief-enable -->\n"
                    "It was human error.\n"),
              ::testing::ElementsAre("human-error@1", "human-error@5"));
}

TEST_F(DirectivesTest, DisableNamedRulesOnly) {
  EXPECT_THAT(Found("<!-- debrief-disable human-error, root-cause -->\n"
                    "It was human error. We should have checked.\n"
                    "<!-- debrief-enable human-error -->\n"
                    "It was human error.\n"),
              ::testing::ElementsAre("counterfactual-should-have@2", "human-error@4"));
}

TEST_F(DirectivesTest, EnableOneRuleAfterDisablingAll) {
  EXPECT_THAT(Found("<!-- debrief-disable -->\n"
                    "<!-- debrief-enable human-error -->\n"
                    "It was human error. We should have checked.\n"),
              ::testing::ElementsAre("human-error@3"));
}

TEST_F(DirectivesTest, DisableNextLineCoversOnlyTheNextLine) {
  EXPECT_THAT(Found("<!-- debrief-disable-next-line -->\n"
                    "It was human error.\n"
                    "It was human error.\n"),
              ::testing::ElementsAre("human-error@3"));
  EXPECT_THAT(Found("It was human error. <!-- debrief-disable-next-line human-error -->\n"
                    "It was human error. We should have checked.\n"),
              ::testing::ElementsAre("human-error@1", "counterfactual-should-have@2"));
}

TEST_F(DirectivesTest, OtherCommentsAndLookAlikesAreIgnored) {
  EXPECT_THAT(Found("<!-- debrief-disabled -->\n<!-- a note -->\nIt was human error.\n"),
              ::testing::ElementsAre("human-error@3"));
  auto directives = FindDirectives("<!-- debrief-disable-next-line a,b c -->");
  ASSERT_EQ(directives.size(), 1u);
  EXPECT_EQ(directives[0].kind, Directive::Kind::kDisableNextLine);
  EXPECT_THAT(directives[0].rules, ::testing::ElementsAre("a", "b", "c"));
  EXPECT_TRUE(FindDirectives("<!-- debrief-disable never closed").empty());
}

TEST_F(DirectivesTest, PlainTextModeHasNoDirectives) {
  CheckOptions options;
  options.markdown = false;
  EXPECT_EQ(checker_->Check("<!-- debrief-disable --> It was human error.", options).size(), 1u);
}

}  // namespace
}  // namespace debrief::language
