#include "language/sentence_features.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::language {
namespace {

std::vector<SentenceFeatures> Read(std::string_view text, std::vector<std::string> names = {}) {
  CheckOptions options;
  options.participant_names = std::move(names);
  TokenizedText tokens = Tokenize(text);
  detail::Context context(tokens.tokens(), options);
  return ReadSentenceFeatures(tokens.tokens(), context);
}

std::vector<std::string> Lines(std::string_view text, std::vector<std::string> names = {}) {
  std::vector<std::string> lines;
  for (const SentenceFeatures& sentence : Read(text, std::move(names))) {
    lines.push_back(sentence.line);
  }
  return lines;
}

TEST(SentenceFeatures, SplitsAtTheMarksThatEndSentences) {
  EXPECT_EQ(Lines("The deploy finished. Latency fell! Why did it page? It paged; we woke.").size(),
            5u);
  // Versions, abbreviations and initials keep their sentence.
  EXPECT_EQ(Lines("Version 1.8.4 was rolled out at 10:02, e.g. to the edge nodes.").size(), 1u);
  EXPECT_EQ(Lines("J. Smith restarted the pods.").size(), 1u);
  // A block (a new paragraph, a list item) starts a new one even without a full stop.
  EXPECT_EQ(Lines("Restarted the pods\n\nLatency fell back").size(), 2u);
}

TEST(SentenceFeatures, ReplacesNamesQuotationsAndNumbersWithPlaceholders) {
  EXPECT_THAT(Lines("Mei-Ling Chou restarted 12 pods at 10:42.", {"Mei-Ling Chou"}),
              ::testing::ElementsAre(::testing::StartsWith("xname restarted 0 pods at 0")));
  EXPECT_THAT(Lines("We avoid the phrase \"human error\" here."),
              ::testing::ElementsAre(::testing::HasSubstr("the phrase xquote here")));
  // Pronouns and roles stay what they are: "I" and "the reviewer" read differently.
  EXPECT_THAT(Lines("I asked the reviewer."),
              ::testing::ElementsAre(::testing::StartsWith("i asked the reviewer")));
}

TEST(SentenceFeatures, AddsWhoDoesWhatFromTheClauseReader) {
  EXPECT_THAT(Lines("Kofi deleted the orders table.", {"Kofi Mensah"}),
              ::testing::ElementsAre(::testing::HasSubstr("xagentperson")));
  EXPECT_THAT(Lines("The cron job deleted the orders table."),
              ::testing::ElementsAre(::testing::Not(::testing::HasSubstr("xagentperson"))));
  EXPECT_THAT(Lines("The warning was overlooked."),
              ::testing::ElementsAre(::testing::HasSubstr("xpassiveunnamed")));
  // A contracted negation is its auxiliary too: as much a passive as "were not rotated".
  EXPECT_THAT(Lines("The staging credentials weren't rotated after the audit."),
              ::testing::ElementsAre(::testing::HasSubstr("xpassiveunnamed")));
  EXPECT_THAT(Lines("The reviewer didn't look at the diff."),
              ::testing::ElementsAre(::testing::HasSubstr("xnegatedperson")));
  EXPECT_THAT(Lines("She could have checked the dashboard."),
              ::testing::ElementsAre(::testing::HasSubstr("xmodalperfect")));
}

TEST(SentenceFeatures, OnlySentencesOfProseAreForTheClassifier) {
  auto prose = [](std::string_view text) {
    std::vector<bool> flags;
    for (const SentenceFeatures& sentence : Read(text)) flags.push_back(sentence.prose);
    return flags;
  };
  EXPECT_THAT(prose("The on-call engineer restarted every pod in the cluster."),
              ::testing::ElementsAre(true));
  EXPECT_THAT(prose("Impact: checkout errors"), ::testing::ElementsAre(false));  // A label.
  EXPECT_THAT(prose("| 10:42 | Alice | restarted the pods in the cluster |"),
              ::testing::ElementsAre(false));  // A table row.
  EXPECT_THAT(prose("Improve the alerting on replication lag for the primary"),
              ::testing::ElementsAre(false));  // No verb that makes a clause.
}

TEST(SentenceFeatures, ALongRunWithoutFullStopsIsReadInPieces) {
  std::string chat;
  for (int line = 0; line < 100; ++line) chat += "ok restarting the pods now ";
  for (const SentenceFeatures& sentence : Read(chat)) {
    EXPECT_LE(sentence.end - sentence.first, kMaxSentenceTokens);
  }
  EXPECT_GE(Read(chat).size(), 500u / kMaxSentenceTokens);
}

TEST(SentenceFeatures, TextWithoutWordsHasNoSentences) {
  EXPECT_THAT(Read(""), ::testing::IsEmpty());
  EXPECT_THAT(Read("... --- !!!"), ::testing::IsEmpty());
}

}  // namespace
}  // namespace debrief::language
