#include "language/checker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::language {
namespace {

class CheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = DefaultRulePack();
    ASSERT_TRUE(pack) << pack.error().message();
    checker_ = std::make_unique<Checker>(std::move(*pack));
  }
  std::vector<std::string> Rules(std::string_view text, std::vector<std::string> names = {}) {
    CheckOptions options;
    options.participant_names = std::move(names);
    std::vector<std::string> rules;
    for (const Finding& finding : checker_->Check(text, options)) rules.push_back(finding.rule->id);
    return rules;
  }
  std::unique_ptr<Checker> checker_;
};

TEST_F(CheckerTest, SystemsFailingAreNotFindings) {
  EXPECT_THAT(Rules("The job failed to start."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("The pod should have 3 replicas."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("The retry could have succeeded."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("## Root Cause Analysis"), ::testing::IsEmpty());
}

TEST_F(CheckerTest, OnePhraseIsOneFindingWhereRulesOverlap) {
  // "just need to", "need to be more careful", "be more careful" and "more careful" are each some
  // rule's phrase; the reader sees one hint.
  EXPECT_THAT(Rules("Going forward we just need to be more careful with deploys."),
              ::testing::SizeIs(1));
  // Two phrases apart stay two findings, never overlapping ones.
  auto apart = checker_->Check("Everyone simply has to pay closer attention from now on.");
  for (size_t index = 1; index < apart.size(); ++index) {
    EXPECT_GE(apart[index].begin, apart[index - 1].end);
  }
  // Where they overlap, the more serious reading stands.
  auto findings = checker_->Check("Marcus should have known better than to deploy.");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].rule->severity, Severity::kInfo);
}

TEST_F(CheckerTest, PeopleFailingAreFindings) {
  EXPECT_THAT(Rules("We should have checked the logs."),
              ::testing::ElementsAre("counterfactual-should-have"));
  EXPECT_THAT(Rules("The on-call engineer failed to page the team."),
              ::testing::ElementsAre("counterfactual-failed-to"));
  EXPECT_THAT(Rules("They had simply forgotten to check."),
              ::testing::Contains("counterfactual-failed-to"));
}

TEST_F(CheckerTest, NamesComeFromTheParticipants) {
  // "Bob" is also an English word, so it names nobody unless a participant has it.
  EXPECT_THAT(Rules("Bob forgot to update the runbook."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("Bob forgot to update the runbook.", {"Bob Marsh"}),
              ::testing::ElementsAre("counterfactual-failed-to"));
  // A capitalised word that is no English word reads as a name without the participants.
  EXPECT_THAT(Rules("Priya forgot to update the runbook."),
              ::testing::ElementsAre("counterfactual-failed-to"));
  // Acronyms are not names: "API" is no one.
  EXPECT_THAT(Rules("Requests to the API failed to complete within the timeout."),
              ::testing::IsEmpty());
  EXPECT_THAT(Rules("Zoë failed to escalate.", {"Zoë Ångström"}),
              ::testing::ElementsAre("counterfactual-failed-to"));
  EXPECT_THAT(Rules("ZOË failed to escalate.", {"Zoë Ångström"}),
              ::testing::ElementsAre("counterfactual-failed-to"));
}

TEST_F(CheckerTest, TypographicApostrophesAndContractions) {
  EXPECT_THAT(Rules("It was Bob’s mistake.", {"Bob"}),
              ::testing::ElementsAre("culprit-possessive"));
  EXPECT_THAT(Rules("We should’ve rolled back."),
              ::testing::ElementsAre("counterfactual-should-have"));
  // A negated passive reads the same however the negation is written.
  for (std::string_view text : {"The rollback runbook was not read during the outage.",
                                "The rollback runbook wasn't read during the outage.",
                                "The rollback runbook wasn’t read during the outage."}) {
    EXPECT_THAT(Rules(text), ::testing::ElementsAre("counterfactual-passive-not-done")) << text;
  }
}

TEST_F(CheckerTest, ReportsByteRangesOfTheOriginalText) {
  std::string text = "Notes:\n> we simply forgot to check.";
  auto findings = checker_->Check(text, {});
  ASSERT_FALSE(findings.empty());
  const Finding& finding = findings.back();
  EXPECT_EQ(text.substr(finding.begin, finding.end - finding.begin), "forgot to");
  EXPECT_TRUE(finding.quoted);
}

// A phrase in quotation marks within a line, named as a word, or part of a title is mentioned,
// not used: nobody is blamed by it.
TEST_F(CheckerTest, APhraseMentionedIsNotAFinding) {
  EXPECT_THAT(Rules("We avoid writing “human error” in summaries."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("Please drop 'operator error' from the template."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("The draft used the word careless twice."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("Our reading group chose Beyond Human Error Thinking this month."),
              ::testing::IsEmpty());
  // Used, the same words are found.
  EXPECT_THAT(Rules("It was human error."), ::testing::ElementsAre("human-error"));
  EXPECT_THAT(Rules("The users' dashboards showed it was human error."),
              ::testing::ElementsAre("human-error"));
}

TEST_F(CheckerTest, SkipsCodeUrlsCommentsAndFrontMatter) {
  std::string text =
      "---\ntitle: we should have checked\n---\n"
      "Run `we should have checked` here.\n"
      "```\nhuman error\n```\n"
      "<!-- human error -->\n"
      "See https://example.com/human-error/should-have-checked\n"
      "\n"
      "    indented human error\n";
  EXPECT_THAT(Rules(text), ::testing::IsEmpty());
}

// Code is what CommonMark calls code: text indented four spaces inside a list item, or a
// paragraph's wrapped line, is prose and is checked; a fence inside a list item is code.
TEST_F(CheckerTest, IndentedTextIsCodeOnlyWhereCommonMarkSaysSo) {
  EXPECT_THAT(
      Rules("1. Why did the deploy fail?\n    - Bob forgot to run the migration.\n", {"Bob Marsh"}),
      ::testing::ElementsAre("counterfactual-failed-to"));
  EXPECT_THAT(Rules("The outage began when\n    human error took the site down.\n"),
              ::testing::ElementsAre("human-error"));
  EXPECT_THAT(Rules("Notes:\n\n    human error in a code block\n"), ::testing::IsEmpty());
  EXPECT_THAT(Rules("- The log:\n\n  ```\n  human error\n  ```\n- Done.\n"), ::testing::IsEmpty());
  // Without a parse (more markup than cmark-gfm is given), the lines' look decides.
  std::string marked(70'000, '*');
  EXPECT_THAT(Rules(marked + "\n\n    human error\n"), ::testing::IsEmpty());
}

TEST_F(CheckerTest, MinimumSeverityFilters) {
  CheckOptions options;
  options.min_severity = Severity::kError;
  EXPECT_TRUE(checker_->Check("The root cause was a full disk.", options).empty());
  EXPECT_EQ(checker_->Check("It was human error.", options).size(), 1u);
}

TEST_F(CheckerTest, JustAsTimeIsNotAMinimiser) {
  EXPECT_THAT(Rules("The alert fired just before the deploy."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("Just restart the pod."), ::testing::ElementsAre("judgmental-simply"));
}

TEST_F(CheckerTest, EmptyAndOddInputIsSafe) {
  EXPECT_THAT(Rules(""), ::testing::IsEmpty());
  EXPECT_THAT(Rules("```"), ::testing::IsEmpty());
  EXPECT_THAT(Rules("'s 's 've"), ::testing::IsEmpty());
  EXPECT_THAT(Rules(std::string("\xff\xfe human error", 15)),
              ::testing::ElementsAre("human-error"));
}

}  // namespace
}  // namespace debrief::language
