// The term dictionary: reading (CutKnown, Compile) never numbers anything, so threads may read at
// once, and prefixes see the terms numbered before the last Settle.
#include "search/term_dictionary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "store/sqlite/connection.h"
#include "store/sqlite/fts_tokenizer.h"

namespace debrief::search {
namespace {
using store::sqlite::Connection;
using store::sqlite::FtsTokenizer;
}  // namespace

namespace {

class TermDictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto connection = Connection::Open(":memory:", {});
    ASSERT_TRUE(connection);
    connection_ = std::move(*connection);
    auto builder = FtsTokenizer::Open(*connection_);
    auto reader = FtsTokenizer::Open(*connection_);
    ASSERT_TRUE(builder && reader);
    builder_ = std::move(*builder);
    reader_ = std::move(*reader);
    terms_ = std::make_unique<TermDictionary>(*builder_);
  }

  std::vector<Token> Cut(std::string_view text) {
    std::vector<Token> tokens;
    terms_->Cut(text, tokens);
    return tokens;
  }

  std::vector<Token> CutKnown(std::string_view text) {
    std::vector<Token> tokens;
    std::string lowered;
    terms_->CutKnown(text, *reader_, tokens, lowered);
    return tokens;
  }

  std::vector<uint32_t> Prefix(const std::string& prefix) {
    QueryTerm term = terms_->Compile({{prefix}, true, false}, *reader_);
    return term.words.empty() ? std::vector<uint32_t>{} : term.words.front();
  }

  static std::string Spans(const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& token : tokens) {
      out += std::to_string(token.start) + "-" + std::to_string(token.end) + " ";
    }
    return out;
  }

  std::unique_ptr<Connection> connection_;
  std::unique_ptr<FtsTokenizer> builder_;
  std::unique_ptr<FtsTokenizer> reader_;
  std::unique_ptr<TermDictionary> terms_;
};

TEST_F(TermDictionaryTest, ReadingIndexedTextGivesTheTermsBuildingGave) {
  std::string text = "Zoë's DEPLOY of café-2 failed; deploys retried — naïve über-retry";
  std::vector<Token> built = Cut(text);
  size_t numbered = terms_->size();
  std::vector<Token> read = CutKnown(text);
  ASSERT_EQ(read.size(), built.size());
  for (size_t at = 0; at < read.size(); ++at) {
    EXPECT_EQ(read[at].term, built[at].term) << at;
    EXPECT_EQ(read[at].start, built[at].start) << at;
    EXPECT_EQ(read[at].end, built[at].end) << at;
  }
  EXPECT_EQ(terms_->size(), numbered);
}

TEST_F(TermDictionaryTest, WordsNeverIndexedAreUnknownAndNotNumbered) {
  Cut("the disk filled");
  size_t numbered = terms_->size();
  std::vector<Token> read = CutKnown("The disk of Ærøskøbing overflowed");
  EXPECT_EQ(terms_->size(), numbered);
  ASSERT_EQ(read.size(), 5u);
  EXPECT_NE(read[1].term, TermDictionary::kUnknown);  // "disk"
  EXPECT_EQ(read[3].term, TermDictionary::kUnknown);  // "Ærøskøbing"
  EXPECT_EQ(read[4].term, TermDictionary::kUnknown);  // "overflowed"
  EXPECT_EQ(Spans(read), "0-3 4-8 9-11 12-25 26-36 ");
  EXPECT_TRUE(terms_->Compile({{"overflowed"}, false, false}, *reader_).words.front().empty());
}

TEST_F(TermDictionaryTest, PrefixesSeeTermsNumberedBeforeTheLastSettle) {
  Cut("deploy rollback");
  terms_->Settle();
  EXPECT_EQ(Prefix("depl").size(), 1u);
  size_t numbered = terms_->size();
  Cut("deplete deplorable");  // A few new terms: put in place one by one.
  size_t added = terms_->size() - numbered;
  ASSERT_EQ(added, 2u);
  EXPECT_EQ(Prefix("depl").size(), 1u);
  terms_->Settle();
  EXPECT_EQ(Prefix("depl").size(), 3u);
  numbered = terms_->size();
  std::string many;  // Many new terms: sorted at once.
  for (int index = 0; index < 200; ++index) many += "deplx" + std::to_string(index) + " ";
  Cut(many);
  ASSERT_EQ(terms_->size() - numbered, 200u);
  terms_->Settle();
  EXPECT_EQ(Prefix("depl").size(), 203u);
  EXPECT_EQ(Prefix("rollb").size(), 1u);
  EXPECT_TRUE(Prefix("zzz").empty());
}

TEST_F(TermDictionaryTest, InitialsPassOverOnlyWordsThatCannotBeTheTerms) {
  // Stems change endings ("policies" -> "polici", "replication" -> "replic"), never a first
  // letter, whatever the case of the word.
  std::string text = "Replication POLICIES retried; Zoë replicated the policy at 10:42";
  std::vector<Token> built = Cut(text);
  terms_->Settle();
  QueryTerm replication = terms_->Compile({{"replication"}, false, false}, *reader_);
  QueryTerm policy = terms_->Compile({{"polic"}, true, false}, *reader_);
  QueryTerm retried = terms_->Compile({{"retried"}, false, true}, *reader_);  // Excluded.
  auto initials = terms_->InitialsOf({replication, policy, retried});
  ASSERT_TRUE(initials.has_value());
  EXPECT_TRUE(initials->test('r'));
  EXPECT_TRUE(initials->test('p'));
  EXPECT_FALSE(initials->test('t'));
  EXPECT_EQ(initials->count(), 2u);

  std::vector<Token> sieved;
  std::string lowered;
  terms_->CutKnown(text, *reader_, sieved, lowered, &*initials);
  ASSERT_EQ(sieved.size(), built.size());
  EXPECT_EQ(Spans(sieved), Spans(built));
  for (size_t at = 0; at < built.size(); ++at) {
    std::string_view word =
        std::string_view(text).substr(built[at].start, built[at].end - built[at].start);
    char first = static_cast<char>(std::tolower(static_cast<unsigned char>(word.front())));
    if (std::any_of(word.begin(), word.end(), [](char c) { return c & 0x80; })) {
      EXPECT_EQ(sieved[at].term, built[at].term) << at;  // "Zoë": not an ASCII word.
    } else if (first == 'r' || first == 'p') {
      EXPECT_EQ(sieved[at].term, built[at].term) << at;  // Looked up as usual.
    } else if (first >= 'a' && first <= 'z') {
      EXPECT_EQ(sieved[at].term, TermDictionary::kUnknown) << at;  // "the", "at": passed over.
    }
  }
  EXPECT_EQ(sieved[0].term, replication.words.front().front());
  EXPECT_EQ(sieved[4].term, replication.words.front().front());  // "replicated"
}

}  // namespace
}  // namespace debrief::search
