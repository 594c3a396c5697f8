// Sentence-level precision and recall of the checker on the development corpus
// (tests/testdata/language/dev/): sentences in the style of real write-ups, labelled by
// phenomenon, written apart from the rules. The tuning files may be looked at, the rules adjusted
// to them and the learned classifier trained on them (tools/train_language_model); the held-out
// files were split off before any rule was changed for them and are only scored: for them this
// prints figures, never sentences.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "language/checker.h"
#include "support/sentence_counts.h"

namespace debrief::language {
namespace {

struct Case {
  std::string label;  // A category, or "-" for an innocent sentence.
  std::string phenomenon;
  std::string sentence;
  int line = 0;
};

struct DevFile {
  std::vector<std::string> participants;
  std::vector<Case> cases;
};

std::string Trim(std::string text) {
  size_t begin = text.find_first_not_of(' ');
  size_t end = text.find_last_not_of(' ');
  return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

DevFile ReadDevFile(const std::string& name) {
  std::ifstream in(std::string(DEBRIEF_TESTDATA) + "/language/dev/" + name);
  EXPECT_TRUE(in) << name;
  DevFile file;
  int number = 0;
  constexpr std::string_view kParticipants = "# participants:";
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.starts_with(kParticipants)) {
      std::stringstream names(line.substr(kParticipants.size()));
      for (std::string name; std::getline(names, name, ',');) {
        file.participants.push_back(Trim(name));
      }
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    Case entry;
    std::stringstream fields(line);
    std::getline(fields, entry.label, '\t');
    std::getline(fields, entry.phenomenon, '\t');
    std::getline(fields, entry.sentence);
    EXPECT_FALSE(entry.sentence.empty()) << name << ":" << number;
    entry.line = number;
    file.cases.push_back(std::move(entry));
  }
  return file;
}

using Counts = SentenceCounts;

// Scores the files: a sentence counts as flagged when the checker finds anything in it. With
// `show_sentences`, every miss and false alarm is printed with its place.
Counts Score(const std::vector<std::string>& names, bool show_sentences) {
  auto pack = DefaultRulePack();
  EXPECT_TRUE(pack) << pack.error().message();
  Checker checker(std::move(*pack));
  Counts overall;
  std::map<std::string, Counts> by_phenomenon;
  for (const std::string& name : names) {
    DevFile file = ReadDevFile(name);
    CheckOptions options;
    options.participant_names = file.participants;
    options.markdown = false;
    for (const Case& entry : file.cases) {
      bool flagged = !checker.Check(entry.sentence, options).empty();
      bool blameful = entry.label != "-";
      Counts& phenomenon = by_phenomenon[entry.phenomenon];
      Counts one;
      if (blameful) {
        ++(flagged ? one.true_positives : one.false_negatives);
      } else {
        ++(flagged ? one.false_positives : one.true_negatives);
      }
      phenomenon.Add(one);
      overall.Add(one);
      if (show_sentences && flagged != blameful) {
        std::printf("%s:%d %s %s: %s\n", name.c_str(), entry.line,
                    flagged ? "false alarm" : "missed", entry.phenomenon.c_str(),
                    entry.sentence.c_str());
      }
    }
  }
  std::string set = names.front().substr(0, names.front().find('-'));
  for (const auto& [phenomenon, counts] : by_phenomenon) {
    int blameful = counts.true_positives + counts.false_negatives;
    int innocent = counts.true_negatives + counts.false_positives;
    std::printf("%-8s %-22s found %3d of %3d blameful, flagged %3d of %3d innocent\n", set.c_str(),
                phenomenon.c_str(), counts.true_positives, blameful, counts.false_positives,
                innocent);
  }
  std::printf("%-8s %-22s precision %.3f recall %.3f (%d sentences)\n", set.c_str(), "overall",
              overall.Precision(), overall.Recall(),
              overall.true_positives + overall.false_positives + overall.false_negatives +
                  overall.true_negatives);
  return overall;
}

// Every tuning file, in name order.
std::vector<std::string> TuningFiles() {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(DEBRIEF_TESTDATA) + "/language/dev")) {
    std::string name = entry.path().filename().string();
    if (name.starts_with("tune-") && name.ends_with(".tsv")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// What the checker learned: the classifier was trained on these sentences, so this says little
// about text it has not seen (the held-out part does).
TEST(LanguageDevCorpus, TuningPart) {
  Counts counts = Score(TuningFiles(), true);
  EXPECT_GE(counts.Precision(), 0.95);
  EXPECT_GE(counts.Recall(), 0.91);
}

// The shipped model was trained on the tuning files as they are: its list of inputs
// (src/language/model/blame.inputs, written by tools/train_language_model) names each with its
// size. Labelled sentences changed or added without training again fail here.
TEST(LanguageDevCorpus, TheShippedModelLearnedFromTheseTuningFiles) {
  std::ifstream in(std::string(DEBRIEF_TESTDATA) + "/../../src/language/model/blame.inputs");
  ASSERT_TRUE(in);
  std::map<std::string, uintmax_t> listed;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    listed[line.substr(0, tab)] = std::stoull(line.substr(tab + 1));
  }
  for (const std::string& name : TuningFiles()) {
    ASSERT_TRUE(listed.contains(name)) << name << " is not in the model's training";
    EXPECT_EQ(listed[name],
              std::filesystem::file_size(std::string(DEBRIEF_TESTDATA) + "/language/dev/" + name))
        << name << " changed since the model was trained: run `make language-model`";
  }
  for (const auto& [name, bytes] : listed) {
    EXPECT_TRUE(name.starts_with("tune-")) << "the model learned from " << name;
  }
}

// The goal on the held-out part: precision 0.92 and recall 0.85 (reached: 0.941 / 0.878).
TEST(LanguageDevCorpus, HeldOutPart) {
  Counts counts = Score({"holdout-1.tsv", "holdout-2.tsv", "holdout-3.tsv"}, false);
  EXPECT_GE(counts.Precision(), 0.92);
  EXPECT_GE(counts.Recall(), 0.85);
}

// New cases, in other words, of the kinds of sentence whose handling was fixed after the first
// measurement: how far a fix carries to phrasing it was not made for.
TEST(LanguageDevCorpus, NewHeldOutCasesOfFixedKinds) {
  Counts counts = Score({"holdout-3.tsv"}, false);
  // The floors here and below are what the checker reaches today, so that no change makes it
  // worse.
  EXPECT_GE(counts.Precision(), 0.88);
  EXPECT_GE(counts.Recall(), 0.77);
}

// New cases, written apart from the checker, of the kinds the learned rules and the last fixes
// were for: fault words in names of things, ownership, reported questions about blame, fault
// assigned, omissions in an agentless passive, single causes.
TEST(LanguageDevCorpus, NewHeldOutCasesOfTheLearnedRulesKinds) {
  Counts counts = Score({"holdout-4.tsv"}, false);
  EXPECT_GE(counts.Precision(), 0.92);
  EXPECT_GE(counts.Recall(), 0.90);
}

// New cases, written apart from the checker, of negations written as contractions ("wasn't
// followed", "shouldn't have", "didnt"), after the clause reader learned that a contracted
// negation carries its auxiliary; innocent look-alikes are systems that weren't, plans and
// policies.
TEST(LanguageDevCorpus, NewHeldOutCasesOfContractedNegations) {
  Counts counts = Score({"holdout-5.tsv"}, false);
  EXPECT_GE(counts.Precision(), 0.91);
  EXPECT_GE(counts.Recall(), 0.82);
}

// Severity says how sure the checker is: a rule that warns or raises an error must be right
// (its sentence blameful) at least 95 times in 100 over the whole development corpus.
TEST(LanguageDevCorpus, WarningsAndErrorsArePrecise) {
  auto pack = DefaultRulePack();
  ASSERT_TRUE(pack);
  Checker checker(std::move(*pack));
  struct RuleCounts {
    int right = 0;
    int wrong = 0;
  };
  std::map<const Rule*, RuleCounts> by_rule;
  std::vector<std::string> names = TuningFiles();
  names.insert(names.end(), {"holdout-1.tsv", "holdout-2.tsv", "holdout-3.tsv"});
  for (const std::string& name : names) {
    DevFile file = ReadDevFile(name);
    CheckOptions options;
    options.participant_names = file.participants;
    options.markdown = false;
    for (const Case& entry : file.cases) {
      std::set<const Rule*> rules;
      for (const Finding& finding : checker.Check(entry.sentence, options)) {
        rules.insert(finding.rule);
      }
      for (const Rule* rule : rules)
        ++(entry.label != "-" ? by_rule[rule].right : by_rule[rule].wrong);
    }
  }
  for (const auto& [rule, counts] : by_rule) {
    double precision = static_cast<double>(counts.right) / (counts.right + counts.wrong);
    std::printf("%-36s %-8s right %3d wrong %2d precision %.3f\n", rule->id.c_str(),
                std::string(ToString(rule->severity)).c_str(), counts.right, counts.wrong,
                precision);
    if (rule->severity != Severity::kInfo) {
      EXPECT_GE(precision, 0.95) << rule->id << " warns or errs but is right only that often";
    }
  }
}

}  // namespace
}  // namespace debrief::language
