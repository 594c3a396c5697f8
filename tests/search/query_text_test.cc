// What people type in the library's search box, as terms; and the words that say what a title is
// about, for related reviews.
#include "search/query_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::search {
namespace {

using ::testing::ElementsAre;

TEST(QueryTextTest, WordsPhrasesPrefixesAndExclusions) {
  auto terms = ParseSearchTerms(R"(dns "connection pool" -staging deploy*)");
  ASSERT_TRUE(terms) << terms.error().message();
  ASSERT_EQ(terms->size(), 4u);
  EXPECT_THAT((*terms)[0].words, ElementsAre("dns"));
  EXPECT_THAT((*terms)[1].words, ElementsAre("connection", "pool"));
  EXPECT_TRUE((*terms)[2].exclude);
  EXPECT_THAT((*terms)[2].words, ElementsAre("staging"));
  EXPECT_TRUE((*terms)[3].prefix);
  EXPECT_THAT((*terms)[3].words, ElementsAre("deploy"));
}

// Nothing typed is query syntax: punctuation splits a word as the index splits text.
TEST(QueryTextTest, PunctuationSplitsWordsAsTheIndexDoes) {
  auto terms = ParseSearchTerms("db-01 NEAR(x) OR");
  ASSERT_TRUE(terms);
  std::vector<std::vector<std::string>> words;
  for (const LibraryTerm& term : *terms) words.push_back(term.words);
  EXPECT_EQ(words.front(), (std::vector<std::string>{"db", "01"}));
  for (const LibraryTerm& term : *terms) EXPECT_FALSE(term.exclude);
}

TEST(QueryTextTest, RefusesWhatCannotBeSearched) {
  auto only_excluded = ParseSearchTerms("-staging -canary", "q");
  ASSERT_FALSE(only_excluded);
  EXPECT_EQ(only_excluded.error().field(), "q");
  EXPECT_FALSE(ParseSearchTerms(std::string(kMaxSearchLength + 1, 'a')));
  std::string many;
  for (size_t i = 0; i <= kMaxSearchTerms; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_FALSE(ParseSearchTerms(many));
  auto empty = ParseSearchTerms("   ");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(QueryTextTest, DistinctiveWordsLeaveOutTheCommonOnes) {
  EXPECT_THAT(DistinctiveWords("The Payments API outage after the DNS change, DNS again", 10),
              ElementsAre("payments", "api", "dns", "change", "again"));
  EXPECT_THAT(DistinctiveWords("replication lag on the primary database cluster", 2),
              ElementsAre("replication", "lag"));
}

}  // namespace
}  // namespace debrief::search
