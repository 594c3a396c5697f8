// The in-memory posting lists against FTS5 itself, on the same generated text: every query
// must match exactly the rows FTS5 matches, and plain words must score what FTS5's bm25() with
// the library's column weights scores.
#include "search/postings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "search/term_dictionary.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/fts_tokenizer.h"
#include "store/sqlite/library_index.h"

namespace debrief::search {
namespace {
using store::sqlite::Connection;
using store::sqlite::FtsExpression;
using store::sqlite::FtsTokenizer;
}  // namespace

namespace {

// Stems, case, diacritics, hyphens and digits: what tokenizers disagree on.
constexpr const char* kWords[] = {
    "deploy", "deploys", "deployed", "deployment", "timeout", "timeouts",   "Timeout",
    "DNS",    "dns",     "cache",    "caching",    "cached",  "Zoë",        "Zoe",
    "naïve",  "café",    "ÉCOLE",    "e-mail",     "k8s",     "v1.2",       "replica",
    "lag",    "lagging", "failover", "rollback",   "pool",    "connection", "certificate",
    "expiry", "retry",   "storm",    "the",        "a",       "of",         "on-call",
    "pager",  "queue",   "backlog",  "über",       "straße"};

struct Corpus {
  std::vector<std::array<std::string, kLibrarySectionCount>> documents;
};

Corpus Generate(int documents, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<size_t> word(0, std::size(kWords) - 1);
  std::uniform_int_distribution<int> length(0, 24);
  std::uniform_int_distribution<int> punctuation(0, 9);
  Corpus corpus;
  for (int index = 0; index < documents; ++index) {
    std::array<std::string, kLibrarySectionCount> sections;
    for (std::string& section : sections) {
      int words = length(random);
      for (int at = 0; at < words; ++at) {
        section += kWords[word(random)];
        int mark = punctuation(random);
        section += mark == 0 ? ", " : mark == 1 ? ". " : mark == 2 ? " (" : " ";
      }
    }
    corpus.documents.push_back(std::move(sections));
  }
  return corpus;
}

class LibraryPostingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto connection = Connection::Open(":memory:", {});
    ASSERT_TRUE(connection) << connection.error().message();
    connection_ = std::move(*connection);
    ASSERT_TRUE(connection_->Execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, summary, accounts, timeline, decisions, "
        "factors, lessons, actions, tokenize = 'porter unicode61 remove_diacritics 2')"));
    auto tokenizer = FtsTokenizer::Open(*connection_);
    ASSERT_TRUE(tokenizer) << tokenizer.error().message();
    tokenizer_ = std::move(*tokenizer);
    terms_ = std::make_unique<TermDictionary>(*tokenizer_);
    postings_ = std::make_unique<LibraryPostings>(*terms_);
  }

  void Add(const Corpus& corpus) {
    for (size_t index = 0; index < corpus.documents.size(); ++index) {
      const auto& text = corpus.documents[index];
      auto insert = connection_->Prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      ASSERT_TRUE(insert);
      LibraryPostings::Sections sections;
      for (size_t section = 0; section < text.size(); ++section) {
        (*insert)->Bind(static_cast<int>(section) + 1, std::string_view(text[section]));
        sections[section] = text[section];
      }
      ASSERT_TRUE((*insert)->Run());
      postings_->Put(static_cast<uint32_t>(index), sections);
    }
    postings_->Finish();
  }

  // Row (entry) -> score, by FTS5.
  std::map<uint32_t, double> Fts(const std::vector<LibraryTerm>& terms) {
    std::map<uint32_t, double> rows;
    auto statement = connection_->Prepare(
        "SELECT rowid, -bm25(t, 10.0, 4.0, 1.0, 1.0, 1.0, 2.0, 2.0, 1.0) FROM t WHERE t MATCH ?");
    EXPECT_TRUE(statement);
    (*statement)->Bind(1, std::string_view(FtsExpression(terms)));
    while (true) {
      auto has_row = (*statement)->Step();
      EXPECT_TRUE(has_row) << has_row.error().message();
      if (!has_row || !*has_row) break;
      rows[static_cast<uint32_t>((*statement)->Int64(0) - 1)] = (*statement)->Double(1);
    }
    (*statement)->Reset();
    return rows;
  }

  std::map<uint32_t, double> Ours(const std::vector<LibraryTerm>& terms) {
    std::vector<QueryTerm> compiled;
    for (const LibraryTerm& term : terms) compiled.push_back(terms_->Compile(term, *tokenizer_));
    auto phrase = [&](const LibraryTerm& term) -> Result<std::vector<uint32_t>> {
      LibraryTerm included = term;
      included.exclude = false;
      std::vector<uint32_t> entries;
      for (const auto& [row, score] : Fts({included})) entries.push_back(row);
      return entries;
    };
    // The scratch and matches are the fixture's, so every search starts from what the last one
    // left there, as a search worker's do.
    EXPECT_TRUE(postings_->Search(terms, compiled, phrase, scratch_, matches_));
    std::map<uint32_t, double> rows;
    for (const LibraryPostings::Match& match : matches_) rows[match.entry] = match.score;
    return rows;
  }

  static std::vector<uint32_t> Keys(const std::map<uint32_t, double>& rows) {
    std::vector<uint32_t> keys;
    for (const auto& [row, score] : rows) keys.push_back(row);
    return keys;
  }

  std::unique_ptr<Connection> connection_;
  std::unique_ptr<FtsTokenizer> tokenizer_;
  std::unique_ptr<TermDictionary> terms_;
  std::unique_ptr<LibraryPostings> postings_;
  LibraryPostings::Scratch scratch_;
  std::vector<LibraryPostings::Match> matches_;
};

LibraryTerm Word(std::string word) { return {{std::move(word)}, false, false}; }
LibraryTerm Prefix(std::string word) { return {{std::move(word)}, true, false}; }
LibraryTerm Without(std::string word) { return {{std::move(word)}, false, true}; }
LibraryTerm Phrase(std::vector<std::string> words) { return {std::move(words), false, false}; }

TEST_F(LibraryPostingsTest, PlainWordsMatchAndScoreAsFts5Does) {
  Add(Generate(400, 7));
  std::vector<std::vector<LibraryTerm>> queries = {{Word("deploy")},
                                                   {Word("deployments")},
                                                   {Word("TIMEOUTS")},
                                                   {Word("zoe")},
                                                   {Word("Zoë")},
                                                   {Word("cafe")},
                                                   {Word("ecole")},
                                                   {Word("strasse")},
                                                   {Word("uber")},
                                                   {Word("k8s")},
                                                   {Word("dns"), Word("cache")},
                                                   {Word("pool"), Word("connection")},
                                                   {Word("nothing")},
                                                   {Word("the")},
                                                   {Word("replica"), Word("lag"), Word("pager")}};
  for (const auto& query : queries) {
    std::map<uint32_t, double> fts = Fts(query);
    std::map<uint32_t, double> ours = Ours(query);
    ASSERT_EQ(Keys(ours), Keys(fts)) << FtsExpression(query);
    for (const auto& [row, score] : fts) {
      EXPECT_NEAR(ours[row], score, 0.002 + 0.002 * score)
          << FtsExpression(query) << " row " << row;
    }
  }
}

TEST_F(LibraryPostingsTest, PrefixesPhrasesAndExclusionsMatchWhatFts5Matches) {
  Add(Generate(400, 11));
  std::vector<std::vector<LibraryTerm>> queries = {
      {Prefix("depl")},
      {Prefix("time")},
      {Prefix("z")},
      {Prefix("nope")},
      {Phrase({"replica", "lag"})},
      {Phrase({"e", "mail"})},
      {Phrase({"on", "call"}), Word("pager")},
      {Word("cache"), Without("dns")},
      {Word("cache"), Without("on-call")},
      {Prefix("depl"), Without("timeout"), Word("queue")},
      {Phrase({"lag", "nothing"})}};
  for (const auto& query : queries) {
    EXPECT_EQ(Keys(Ours(query)), Keys(Fts(query))) << FtsExpression(query);
  }
}

TEST_F(LibraryPostingsTest, ARareWordWithACommonOneMatchesAndScoresAsFts5Does) {
  // "vault seal" in one document of fifty, beside words most documents hold: the common words'
  // lists are looked up for the rare word's documents instead of read whole.
  Corpus corpus = Generate(400, 13);
  for (size_t index = 0; index < corpus.documents.size(); index += 50) {
    corpus.documents[index][1] += index % 100 == 0 ? " vault seal escrow" : " vault seal";
  }
  Add(corpus);
  std::vector<std::vector<LibraryTerm>> queries = {
      {Word("vault"), Word("deploy")},
      {Word("deploy"), Word("seal"), Word("timeout")},
      {Prefix("vaul"), Word("cache")},
      {Word("seal"), Word("deploy"), Without("escrow")}};
  for (const auto& query : queries) {
    std::map<uint32_t, double> fts = Fts(query);
    std::map<uint32_t, double> ours = Ours(query);
    ASSERT_FALSE(fts.empty()) << FtsExpression(query);
    ASSERT_EQ(Keys(ours), Keys(fts)) << FtsExpression(query);
    for (const auto& [row, score] : fts) {
      EXPECT_NEAR(ours[row], score, 0.002 + 0.002 * score)
          << FtsExpression(query) << " row " << row;
    }
  }
  // A phrase's words are scored from their own lists (see search/postings.h): matched only.
  std::vector<LibraryTerm> phrase = {Phrase({"vault", "seal"}), Word("deploy"), Word("dns")};
  EXPECT_EQ(Keys(Ours(phrase)), Keys(Fts(phrase)));
  EXPECT_FALSE(Keys(Fts(phrase)).empty());
}

TEST_F(LibraryPostingsTest, ReplacingAnEntrysTextForgetsTheOldText) {
  Add(Generate(50, 3));
  std::string unusual = "zeppelin";
  LibraryPostings::Sections sections = {unusual, "", "", "", "", "", ""};
  postings_->Put(7, sections);
  EXPECT_THAT(Keys(Ours({Word("zeppelin")})), ::testing::ElementsAre(7u));
  LibraryPostings::Sections replaced = {"airship", "", "", "", "", "", ""};
  postings_->Put(7, replaced);
  EXPECT_THAT(Keys(Ours({Word("zeppelin")})), ::testing::IsEmpty());
  EXPECT_THAT(Keys(Ours({Word("airship")})), ::testing::ElementsAre(7u));
  // Entry 7's old words no longer find it either.
  for (const auto& [row, score] : Ours({Word("deploy")})) EXPECT_NE(row, 7u);
}

TEST_F(LibraryPostingsTest, SectionsWithTermsNameWhereTheWordsAre) {
  Add(Generate(5, 1));
  postings_->Put(9, {"disk full", "", "the disk", "", "", "", "full"});
  std::vector<QueryTerm> disk = {terms_->Compile(Word("disk"), *tokenizer_)};
  EXPECT_EQ(postings_->SectionsWithTerms(9, disk), 0b101u);
  std::vector<QueryTerm> phrase = {terms_->Compile(Phrase({"disk", "full"}), *tokenizer_)};
  EXPECT_EQ(postings_->SectionsWithTerms(9, phrase), 0b1u);  // Both words: the title only.
  std::vector<QueryTerm> excluded = {terms_->Compile(Without("disk"), *tokenizer_)};
  EXPECT_EQ(postings_->SectionsWithTerms(9, excluded), 0u);
}

}  // namespace
}  // namespace debrief::search
