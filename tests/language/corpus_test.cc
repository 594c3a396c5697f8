// Precision and recall of the default rules on labelled sentences (tests/testdata/language/):
// per sentence (is blame found where there is blame?) and, for the report, per category, on the
// tuning set and on the held-out sets.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "language/checker.h"
#include "support/sentence_counts.h"

namespace debrief::language {
namespace {

struct Case {
  std::set<std::string> expected;
  std::string sentence;
  int line = 0;
};

std::vector<Case> ReadCases(const std::string& name) {
  std::ifstream in(std::string(DEBRIEF_TESTDATA) + "/language/" + name);
  EXPECT_TRUE(in) << name;
  std::vector<Case> cases;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    size_t bar = line.find(" | ");
    EXPECT_NE(bar, std::string::npos) << name << ":" << number;
    Case entry;
    entry.sentence = line.substr(bar + 3);
    entry.line = number;
    std::stringstream categories(line.substr(0, bar));
    for (std::string category; std::getline(categories, category, ',');) {
      if (category != "-") entry.expected.insert(category);
    }
    cases.push_back(std::move(entry));
  }
  return cases;
}

using Counts = SentenceCounts;

// Scores a file and reports every miss, so a failing threshold says which sentences to look at.
Counts Score(const std::string& name) {
  auto pack = DefaultRulePack();
  EXPECT_TRUE(pack) << pack.error().message();
  Checker checker(std::move(*pack));
  CheckOptions options;
  options.participant_names = {"Priya Raman", "Marcus Chen", "Lena Fischer",
                               "Sam Okafor",  "Bob",         "Alice"};
  std::map<std::string, Counts> by_category;
  Counts overall;
  for (const Case& entry : ReadCases(name)) {
    std::set<std::string> found;
    for (const Finding& finding : checker.Check(entry.sentence, options))
      found.insert(finding.rule->category);
    // Per category, for the report: a category found where another was expected is not right
    // here (the categories overlap: "he ignored the warning" is both a counterfactual and a
    // judgment of disregard).
    for (const std::string& category : found) {
      bool right = entry.expected.contains(category);
      ++(right ? by_category[category].true_positives : by_category[category].false_positives);
    }
    for (const std::string& category : entry.expected) {
      if (!found.contains(category)) ++by_category[category].false_negatives;
    }
    // Overall, per sentence: blame found where there is blame, none where there is none.
    bool blameful = !entry.expected.empty();
    bool flagged = !found.empty();
    if (blameful && flagged) ++overall.true_positives;
    if (!blameful && flagged) ++overall.false_positives;
    if (blameful && !flagged) ++overall.false_negatives;
    if (blameful != flagged) {
      std::printf("%s:%d %s: %s\n", name.c_str(), entry.line, flagged ? "false alarm" : "missed",
                  entry.sentence.c_str());
    }
  }
  for (const auto& [category, counts] : by_category) {
    std::printf("%s %-18s precision %.3f recall %.3f\n", name.c_str(), category.c_str(),
                counts.Precision(), counts.Recall());
  }
  std::printf("%s %-18s precision %.3f recall %.3f\n", name.c_str(), "overall", overall.Precision(),
              overall.Recall());
  return overall;
}

// These sets were written with the first phrase rules and are rich in look-alikes built to trap
// them ("Priya's alert caught the second spike"); the learned classifier, which reads words and
// not who does what, is wrong on some of those, hence the lower precision floors.
TEST(LanguageCorpus, TuningSetMeetsPrecisionAndRecall) {
  Counts counts = Score("tuning.txt");
  EXPECT_GE(counts.Precision(), 0.91);
  EXPECT_GE(counts.Recall(), 0.92);
}

TEST(LanguageCorpus, HeldOutSetMeetsPrecisionAndRecall) {
  Counts counts = Score("holdout.txt");
  EXPECT_GE(counts.Precision(), 0.95);
  EXPECT_GE(counts.Recall(), 0.90);
}

TEST(LanguageCorpus, SecondHeldOutSetMeetsPrecisionAndRecall) {
  Counts counts = Score("holdout2.txt");
  EXPECT_GE(counts.Precision(), 0.92);
  EXPECT_GE(counts.Recall(), 0.95);
}

}  // namespace
}  // namespace debrief::language
