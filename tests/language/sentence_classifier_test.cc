#include "language/sentence_classifier.h"

#include <fasttext/fasttext.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "language/checker.h"

namespace debrief::language {
namespace {

// A model trained here on made-up words, so that what the checker does with a verdict can be
// tested apart from what the shipped model has learned: "zzpurple" judges, "zzcause" names one
// cause, "zzomit" tells an omission, "zzgreen" blames no one.
std::string ToyModel() {
  auto directory = std::filesystem::temp_directory_path();
  std::string input = (directory / ("toy-model-" + std::to_string(getpid()) + ".txt")).string();
  std::string output = (directory / ("toy-model-" + std::to_string(getpid()) + ".bin")).string();
  {
    std::ofstream out(input);
    for (int line = 0; line < 200; ++line) {
      out << "__label__judgmental zzpurple\n__label__ok zzgreen\n__label__root-cause zzcause\n"
          << "__label__counterfactual zzomit\n";
    }
  }
  fasttext::Args args;
  args.parseArgs({"fasttext", "supervised", "-input", input, "-output", "unused", "-epoch", "20",
                  "-dim", "4", "-bucket", "1000", "-thread", "1", "-seed", "1", "-verbose", "0"});
  fasttext::FastText model;
  model.train(args);
  model.saveModel(output);
  std::ifstream in(output, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(input);
  std::filesystem::remove(output);
  return bytes.str();
}

TEST(SentenceClassifier, RefusesWhatIsNotAModel) {
  EXPECT_FALSE(SentenceClassifier::Load(""));
  EXPECT_FALSE(SentenceClassifier::Load("not a model at all"));
  EXPECT_FALSE(SentenceClassifier::Load(std::string(64, '\0')));
  std::string wrong_version = ToyModel();
  wrong_version[4] = 11;  // The version after the magic number.
  auto loaded = SentenceClassifier::Load(wrong_version);
  ASSERT_FALSE(loaded);
  EXPECT_THAT(loaded.error().message(), ::testing::HasSubstr("fastText"));
}

TEST(SentenceClassifier, SaysHowLikelyASentenceBlamesAndInWhichCategory) {
  auto classifier = SentenceClassifier::Load(ToyModel());
  ASSERT_TRUE(classifier) << classifier.error().message();
  SentenceVerdict blaming = (*classifier)->Classify("the report was zzpurple today");
  EXPECT_GT(blaming.blame, 0.9);
  EXPECT_EQ(blaming.category, "judgmental");
  SentenceVerdict innocent = (*classifier)->Classify("the report was zzgreen today");
  EXPECT_LT(innocent.blame, 0.1);
  EXPECT_GE(innocent.blame, 0.0);
  // Nothing it knows: no answer rather than a guess, and no crash on an empty line.
  EXPECT_NO_THROW((*classifier)->Classify(""));
}

TEST(SentenceClassifier, TheShippedModelLoadsAndTellsBlameFromAnAccount) {
  auto classifier = SentenceClassifier::Default();
  ASSERT_NE(classifier, nullptr);
  EXPECT_GT(classifier->Classify("xname is a liability on the rotation and can't be trusted").blame,
            0.5);
  EXPECT_LT(classifier->Classify("the deploy finished at 0 and latency returned to normal").blame,
            0.5);
}

class LearnedRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = DefaultRulePack();
    ASSERT_TRUE(pack) << pack.error().message();
    // The toy model knows two words, so every sentence is mostly unknown to it; the veto is off
    // in the default pack and on here, as an organisation may set it.
    pack->learned_min_known_words = 0;
    pack->learned_veto_below = 0.01;
    pack_ = *pack;
    auto classifier = SentenceClassifier::Load(ToyModel());
    ASSERT_TRUE(classifier) << classifier.error().message();
    checker_ = std::make_unique<Checker>(std::move(*pack), *classifier);
  }
  std::vector<std::string> Rules(std::string_view text, CheckOptions options = {}) {
    std::vector<std::string> rules;
    for (const Finding& finding : checker_->Check(text, options)) rules.push_back(finding.rule->id);
    return rules;
  }
  std::unique_ptr<Checker> checker_;
  RulePack pack_;
};

TEST_F(LearnedRulesTest, ASentenceTheClassifierIsSureOfIsAHintOverTheWholeSentence) {
  std::string text = "Latency was fine. The reviewer was zzpurple from the start. It ended.";
  auto findings = checker_->Check(text);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule->id, "learned-judgmental");
  EXPECT_EQ(findings[0].rule->severity, Severity::kInfo);
  EXPECT_EQ(text.substr(findings[0].begin, findings[0].end - findings[0].begin),
            "The reviewer was zzpurple from the start");
}

TEST_F(LearnedRulesTest, BlameOfAPersonNeedsAPersonAndNoQuestion) {
  EXPECT_THAT(Rules("The whole rollout was zzpurple from the start."), ::testing::IsEmpty());
  EXPECT_THAT(Rules("Was the reviewer zzpurple from the start?"), ::testing::IsEmpty());
  EXPECT_THAT(Rules("The reviewer was zzpurple from the start."),
              ::testing::ElementsAre("learned-judgmental"));
}

TEST_F(LearnedRulesTest, SentencesMostlyInWordsTheModelNeverLearnedAreNotJudged) {
  RulePack strict = pack_;
  strict.learned_min_known_words = 0.9;
  auto classifier = SentenceClassifier::Load(ToyModel());
  ASSERT_TRUE(classifier);
  Checker checker(std::move(strict), *classifier);
  EXPECT_THAT(checker.Check("The reviewer was zzpurple from the start."), ::testing::IsEmpty());
}

TEST(SentenceClassifier, KnownWordsAreTheWordsItLearnedFromWhenGiven) {
  // The toy model learned only its made-up words; a vocabulary (the words of the training text
  // before quantising pruned any) says which words were learned.
  auto model_only = SentenceClassifier::Load(ToyModel());
  ASSERT_TRUE(model_only);
  EXPECT_DOUBLE_EQ((*model_only)->Classify("zzpurple reviewer").known_words, 0.5);
  auto with_vocabulary = SentenceClassifier::Load(ToyModel(), "reviewer\nzzpurple\n\nthe\n");
  ASSERT_TRUE(with_vocabulary);
  EXPECT_DOUBLE_EQ((*with_vocabulary)->Classify("zzpurple reviewer").known_words, 1.0);
  EXPECT_DOUBLE_EQ((*with_vocabulary)->Classify("zzpurple reviewer never").known_words, 2.0 / 3);
  // A word the vocabulary leaves out is unknown even where the model's dictionary has it.
  EXPECT_DOUBLE_EQ((*with_vocabulary)->Classify("zzgreen the").known_words, 0.5);
}

TEST_F(LearnedRulesTest, AnOmissionNeedsAPersonOrAPassiveThatHidesWho) {
  EXPECT_THAT(Rules("The config change was merged zzomit during the night."),
              ::testing::ElementsAre("learned-counterfactual"));
  EXPECT_THAT(Rules("The reviewer zzomit the config change during the night."),
              ::testing::ElementsAre("learned-counterfactual"));
  EXPECT_THAT(Rules("The replica lagged zzomit during the night."), ::testing::IsEmpty());
}

TEST_F(LearnedRulesTest, OneCauseIsOneHintPerTextAndNoneBesideTheRules) {
  EXPECT_THAT(Rules("It was zzcause from the very start. Then it was zzcause again all day."),
              ::testing::ElementsAre("learned-root-cause"));
  EXPECT_THAT(Rules("The root cause was a full disk. Then it was zzcause again all day."),
              ::testing::ElementsAre("root-cause"));
}

TEST_F(LearnedRulesTest, LabelsHeadingsAndFragmentsAreLeftToTheRules) {
  EXPECT_THAT(Rules("# The reviewer was zzpurple from the start\n"), ::testing::IsEmpty());
  EXPECT_THAT(Rules("Reviewer: zzpurple"), ::testing::IsEmpty());
  EXPECT_THAT(Rules("| 10:42 | the reviewer was zzpurple from the start |"), ::testing::IsEmpty());
}

TEST_F(LearnedRulesTest, TheClassifierCanBeLeftOutAndRespectsTheMinimumSeverity) {
  std::string text = "The reviewer was zzpurple from the start.";
  CheckOptions without;
  without.learned = false;
  EXPECT_THAT(Rules(text, without), ::testing::IsEmpty());
  CheckOptions warnings;
  warnings.min_severity = Severity::kWarning;
  EXPECT_THAT(Rules(text, warnings), ::testing::IsEmpty());
}

TEST_F(LearnedRulesTest, ARuleFindingInASentenceTheClassifierCallsInnocentIsDropped) {
  // "careless" is a judgment the rules know; in a zzgreen sentence the toy model is sure no one
  // is blamed, below the default pack's veto.
  EXPECT_THAT(Rules("Kofi was careless with the zzgreen settings yesterday.", {}),
              ::testing::IsEmpty());
  CheckOptions without;
  without.learned = false;
  EXPECT_THAT(Rules("Kofi was careless with the zzgreen settings yesterday.", without),
              ::testing::ElementsAre("judgmental-character"));
}

TEST_F(LearnedRulesTest, WithoutAVetoTheClassifierNeverDropsARulesFinding) {
  RulePack no_veto = pack_;
  no_veto.learned_veto_below = 0;
  auto classifier = SentenceClassifier::Load(ToyModel());
  ASSERT_TRUE(classifier);
  Checker checker(std::move(no_veto), *classifier);
  std::vector<std::string> rules;
  for (const Finding& finding :
       checker.Check("Kofi was careless with the zzgreen settings yesterday.")) {
    rules.push_back(finding.rule->id);
  }
  EXPECT_THAT(rules, ::testing::ElementsAre("judgmental-character"));
}

TEST_F(LearnedRulesTest, NoSecondFindingInASentenceARuleAlreadyFound) {
  EXPECT_THAT(Rules("The reviewer was zzpurple and careless with it."),
              ::testing::ElementsAre("judgmental-character"));
}

}  // namespace
}  // namespace debrief::language
