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

TEST_F(CheckerTest, PeopleFailingAreFindings) {
  EXPECT_THAT(Rules("We should have checked the logs."),
              ::testing::ElementsAre("counterfactual-should-have"));
  EXPECT_THAT(Rules("The on-call engineer failed to page the team."),
              ::testing::ElementsAre("counterfactual-failed-to"));
  EXPECT_THAT(Rules("They had simply forgotten to check."),
              ::testing::Contains("counterfactual-failed-to"));
}

TEST_F(CheckerTest, NamesComeFromTheParticipants) {
  EXPECT_THAT(Rules("Priya forgot to update the runbook."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("Priya forgot to update the runbook.", {"Priya Raman"}),
              ::testing::ElementsAre("counterfactual-failed-to"));
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
}

TEST_F(CheckerTest, ReportsByteRangesOfTheOriginalText) {
  std::string text = "Notes: “we simply forgot to check”.";
  auto findings = checker_->Check(text, {});
  ASSERT_FALSE(findings.empty());
  const Finding& finding = findings.back();
  EXPECT_EQ(text.substr(finding.begin, finding.end - finding.begin), "forgot to");
  EXPECT_TRUE(finding.quoted);
}

TEST_F(CheckerTest, SkipsCodeUrlsCommentsAndFrontMatter) {
  std::string text =
      "---\ntitle: we should have checked\n---\n"
      "Run `we should have checked` here.\n"
      "```\nhuman error\n```\n"
      "<!-- human error -->\n"
      "See https://example.com/human-error/should-have-checked\n"
      "    indented human error\n";
  EXPECT_THAT(Rules(text), ::testing::IsEmpty());
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
