#include "language/rule_pack.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "language/checker.h"

namespace debrief::language {
namespace {

TEST(RulePack, TheDefaultPackParsesAndCoversEveryCategory) {
  auto pack = DefaultRulePack();
  ASSERT_TRUE(pack) << pack.error().message();
  std::set<std::string> categories;
  for (const Rule& rule : pack->rules) {
    categories.insert(rule.category);
    EXPECT_FALSE(rule.message.empty()) << rule.id;
    EXPECT_FALSE(rule.suggestion.empty()) << rule.id;
  }
  EXPECT_THAT(categories, ::testing::UnorderedElementsAre(
                              "counterfactual", "hindsight", "judgmental", "human-error",
                              "person-as-culprit", "fault", "root-cause", "minimising"));
}

TEST(RulePack, ErrorsNameTheRuleAndField) {
  auto missing =
      ParseRulePack("[[rule]]\nid = \"x\"\ncategory = \"c\"\nmessage = \"m\"\n", "org.toml");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message(),
              ::testing::HasSubstr("rule x: phrases or verbs are required"));
  auto severity = ParseRulePack(
      "[[rule]]\nid = \"x\"\ncategory = \"c\"\nmessage = \"m\"\nphrases = [\"a\"]\nseverity = "
      "\"loud\"\n",
      "org.toml");
  ASSERT_FALSE(severity);
  EXPECT_THAT(severity.error().message(), ::testing::HasSubstr("severity"));
  auto syntax = ParseRulePack("[[rule]\n", "org.toml");
  ASSERT_FALSE(syntax);
  EXPECT_THAT(syntax.error().message(), ::testing::HasSubstr("org.toml: line 1"));
  auto condition = ParseRulePack(
      "[[rule]]\nid = \"x\"\ncategory = \"c\"\nmessage = \"m\"\nphrases = [\"a\"]\nwhen = "
      "[\"moon-phase\"]\n",
      "o");
  ASSERT_FALSE(condition);
}

TEST(RulePack, OrganisationsAddDisableReweightAndAllow) {
  auto base = DefaultRulePack();
  ASSERT_TRUE(base);
  auto layered = LayerRulePack(std::move(*base), R"(
[[rule]]
id = "org-heroics"
category = "judgmental"
severity = "warning"
phrases = ["hero", "heroics"]
message = "Celebrating heroics hides the conditions that needed them."
suggestion = "Describe what the situation demanded."

[overrides]
disable = ["judgmental-obviously"]
severity = { "root-cause" = "error" }
allow = ["human error budget"]
)",
                               ".debrief.toml");
  ASSERT_TRUE(layered) << layered.error().message();
  // The phrase rules alone: what the learned classifier adds is tested on its own.
  Checker checker(std::move(*layered), nullptr);
  auto rules = [&](std::string_view text) {
    std::vector<std::string> ids;
    for (const Finding& finding : checker.Check(text))
      ids.push_back(finding.rule->id + ":" + std::string(ToString(finding.rule->severity)));
    return ids;
  };
  EXPECT_THAT(rules("Marcus was the hero of the night."),
              ::testing::ElementsAre("org-heroics:warning"));
  EXPECT_THAT(rules("Obviously the disk was full."), ::testing::IsEmpty());
  EXPECT_THAT(rules("The root cause was a full disk."), ::testing::ElementsAre("root-cause:error"));
  EXPECT_THAT(rules("We track the human error budget monthly."), ::testing::IsEmpty());
  EXPECT_THAT(rules("It was human error."), ::testing::ElementsAre("human-error:error"));
}

TEST(RulePack, LearnedRulesNeedAProbabilityAndNoPhrases) {
  auto learned = ParseRulePack(
      "[[rule]]\nid = \"l\"\ncategory = \"judgmental\"\nmessage = \"m\"\nlearned = true\n"
      "min_probability = 0.9\n",
      "org.toml");
  ASSERT_TRUE(learned) << learned.error().message();
  EXPECT_TRUE(learned->rules[0].learned);
  EXPECT_DOUBLE_EQ(learned->rules[0].min_probability, 0.9);
  for (std::string_view wrong :
       {"min_probability = 0\n", "min_probability = 1.5\n", "min_probability = \"high\"\n", ""}) {
    auto parsed =
        ParseRulePack("[[rule]]\nid = \"l\"\ncategory = \"c\"\nmessage = \"m\"\nlearned = true\n" +
                          std::string(wrong),
                      "org.toml");
    ASSERT_FALSE(parsed) << wrong;
    EXPECT_THAT(parsed.error().message(), ::testing::HasSubstr("rule l: min_probability"));
  }
  auto with_phrases = ParseRulePack(
      "[[rule]]\nid = \"l\"\ncategory = \"c\"\nmessage = \"m\"\nlearned = true\n"
      "min_probability = 0.9\nphrases = [\"x\"]\n",
      "org.toml");
  ASSERT_FALSE(with_phrases);
  EXPECT_THAT(with_phrases.error().message(), ::testing::HasSubstr("no phrases"));
}

TEST(RulePack, HowFarTheClassifierIsTrustedIsAPackSetting) {
  auto base = DefaultRulePack();
  ASSERT_TRUE(base);
  EXPECT_GT(base->learned_min_known_words, 0.0);
  auto layered =
      LayerRulePack(*base, "[learned]\nveto_below = 0.02\nmin_known_words = 0.5\n", "org.toml");
  ASSERT_TRUE(layered) << layered.error().message();
  EXPECT_DOUBLE_EQ(layered->learned_veto_below, 0.02);
  EXPECT_DOUBLE_EQ(layered->learned_min_known_words, 0.5);
  auto untouched = LayerRulePack(*base, "[overrides]\nallow = [\"x\"]\n", "org.toml");
  ASSERT_TRUE(untouched);
  EXPECT_EQ(untouched->learned_veto_below, base->learned_veto_below);
  EXPECT_EQ(untouched->learned_min_known_words, base->learned_min_known_words);
  for (std::string_view wrong : {"veto_below = 1\n", "veto_below = -0.1\n", "veto_below = \"x\"\n",
                                 "min_known_words = 1.5\n", "min_known_words = -1\n"}) {
    auto parsed = ParseRulePack("[learned]\n" + std::string(wrong), "org.toml");
    ASSERT_FALSE(parsed) << wrong;
    EXPECT_THAT(parsed.error().message(), ::testing::HasSubstr("[learned]"));
  }
  auto condition = ParseRulePack(
      "[[rule]]\nid = \"l\"\ncategory = \"c\"\nmessage = \"m\"\nlearned = true\n"
      "min_probability = 0.9\nwhen = [\"past\"]\n",
      "org.toml");
  ASSERT_FALSE(condition);
  EXPECT_THAT(condition.error().message(),
              ::testing::HasSubstr("person-in-clause, person-or-agentless and not-asked"));
}

TEST(RulePack, OverridesMustNameKnownRules) {
  auto base = DefaultRulePack();
  ASSERT_TRUE(base);
  auto layered = LayerRulePack(std::move(*base),
                               "[overrides]\nseverity = { \"no-such-rule\" = \"info\" }\n", "o");
  ASSERT_FALSE(layered);
  EXPECT_THAT(layered.error().message(), ::testing::HasSubstr("no-such-rule"));
}

TEST(RulePack, ReplacementsMustNameTheRulesOwnPhrases) {
  constexpr std::string_view kRule = R"(
[[rule]]
id = "org-heroics"
category = "judgmental"
phrases = ["heroic effort", "heroics"]
message = "m"
)";
  auto good =
      ParseRulePack(std::string(kRule) + "replace = { \"Heroic Effort\" = \"effort\" }\n", "o");
  ASSERT_TRUE(good) << good.error().message();
  EXPECT_EQ(good->rules[0].replacements.at("heroic effort"), "effort");

  auto unknown = ParseRulePack(std::string(kRule) + "replace = { \"hero\" = \"x\" }\n", "o");
  ASSERT_FALSE(unknown);
  EXPECT_THAT(unknown.error().message(), ::testing::HasSubstr("not one of its phrases"));
  auto not_text = ParseRulePack(std::string(kRule) + "replace = { \"heroics\" = 3 }\n", "o");
  ASSERT_FALSE(not_text);
  EXPECT_THAT(not_text.error().message(), ::testing::HasSubstr("must be strings"));
}

TEST(RulePack, TheReplacementOfAFindingIsLookedUpByItsPhrase) {
  auto pack = DefaultRulePack();
  ASSERT_TRUE(pack);
  Checker checker(std::move(*pack));
  std::string text = "OBVIOUSLY Sam missed it; the Root  Cause was DNS.";
  auto findings = checker.Check(text);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(Checker::Replacement(findings[0], text), std::optional<std::string_view>(""));
  EXPECT_EQ(Checker::Replacement(findings[1], text),
            std::optional<std::string_view>("contributing factor"));
}

}  // namespace
}  // namespace debrief::language
