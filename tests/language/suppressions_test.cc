#include "language/suppressions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "language/rule_pack.h"

namespace debrief::language {
namespace {

class SuppressionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = DefaultRulePack();
    ASSERT_TRUE(pack) << pack.error().message();
    checker_ = std::make_unique<Checker>(std::move(*pack));
  }
  std::vector<Finding> Check(std::string_view text,
                             std::shared_ptr<const Suppressions> suppressions = nullptr) {
    CheckOptions options;
    options.suppressions = std::move(suppressions);
    return checker_->Check(text, options);
  }
  std::unique_ptr<Checker> checker_;
};

TEST_F(SuppressionsTest, FindingsKnowTheirSentence) {
  std::string text = "The alert fired at noon. We should have checked the logs. Then it cleared.";
  auto findings = Check(text);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(text.substr(findings[0].sentence_begin,
                        findings[0].sentence_end - findings[0].sentence_begin),
            "We should have checked the logs");
}

TEST_F(SuppressionsTest, TheSentenceHashIgnoresCaseSpacingAndPunctuationButNotWords) {
  auto one = Check("We should have checked the logs.");
  auto two = Check("Earlier:  we SHOULD have checked   the logs!");
  auto other = Check("We should have checked the dashboards.");
  ASSERT_EQ(one.size(), 1u);
  ASSERT_EQ(two.size(), 1u);
  ASSERT_EQ(other.size(), 1u);
  std::string hash = SentenceHash("We should have checked the logs.", one[0]);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_NE(hash, SentenceHash("We should have checked the dashboards.", other[0]));
  // "Earlier:" is part of the sentence, so that one differs; the same words in other case and
  // spacing do not.
  auto same = Check("we SHOULD   have checked the logs");
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(hash, SentenceHash("we SHOULD   have checked the logs", same[0]));
  EXPECT_NE(hash, SentenceHash("Earlier:  we SHOULD have checked   the logs!", two[0]));
}

TEST_F(SuppressionsTest, ADismissedSentenceDrawsNoFindingOfThatRuleAgainAnywhere) {
  std::string sentence = "We should have checked the logs.";
  auto found = Check(sentence);
  ASSERT_EQ(found.size(), 1u);
  auto suppressions = std::make_shared<Suppressions>();
  suppressions->Dismiss(found[0].rule->id, SentenceHash(sentence, found[0]));
  EXPECT_THAT(Check("Intro line.\n\nWe should have CHECKED the logs! More text.", suppressions),
              ::testing::IsEmpty());
  // Another sentence with the same phrase is still reported.
  EXPECT_THAT(Check("We should have checked the graphs.", suppressions), ::testing::SizeIs(1));
  // A dismissal of another rule in the same sentence leaves this one.
  auto other = std::make_shared<Suppressions>();
  other->Dismiss("human-error", SentenceHash(sentence, found[0]));
  EXPECT_THAT(Check(sentence, other), ::testing::SizeIs(1));
}

TEST_F(SuppressionsTest, AnAllowedPhraseMustHoldTheWholeFinding) {
  auto suppressions = std::make_shared<Suppressions>();
  suppressions->Allow("", NormalisePhrase("obviously  Sam saw"));
  std::string text = "Obviously Sam saw the alert. Later Sam obviously restarted it.";
  ASSERT_EQ(Check(text).size(), 2u);
  // "obviously" outside the allowed phrase is reported still.
  auto after = Check(text, suppressions);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].begin, text.find("obviously"));
}

TEST_F(SuppressionsTest, AnAllowEntryForOneRuleLeavesTheOthers) {
  std::string text = "It was human error. We should have checked the logs.";
  auto before = Check(text);
  ASSERT_EQ(before.size(), 2u);
  auto suppressions = std::make_shared<Suppressions>();
  suppressions->Allow(before[1].rule->id, NormalisePhrase("should have"));
  suppressions->Allow("no-such-rule", NormalisePhrase("human error"));
  auto after = Check(text, suppressions);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].rule->id, before[0].rule->id);
}

TEST_F(SuppressionsTest, FindingPhraseIsTheFoldedWords) {
  std::string text = "We  SHOULD have checked.";
  auto findings = Check(text);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(FindingPhrase(text, findings[0]), "should have");
}

}  // namespace
}  // namespace debrief::language
