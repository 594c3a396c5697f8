// Snippets: the window with the most of what was searched for, matches marked, phrases marked
// only where whole, and byte offsets right around multi-byte text.
#include "search/snippets.h"

#include <gtest/gtest.h>

#include "store/sqlite/connection.h"
#include "store/sqlite/fts_tokenizer.h"

namespace debrief::search {
namespace {
using store::sqlite::Connection;
using store::sqlite::FtsTokenizer;
}  // namespace

namespace {

class LibrarySnippetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto connection = Connection::Open(":memory:", {});
    ASSERT_TRUE(connection);
    connection_ = std::move(*connection);
    auto tokenizer = FtsTokenizer::Open(*connection_);
    ASSERT_TRUE(tokenizer);
    tokenizer_ = std::move(*tokenizer);
    terms_ = std::make_unique<TermDictionary>(*tokenizer_);
  }

  // The snippets for `terms` over sections given as text, as "section: text [match] text".
  std::vector<std::string> Snippets(const std::vector<LibraryTerm>& terms,
                                    const LibraryPostings::Sections& sections) {
    std::vector<Token> seen;
    for (std::string_view section : sections) terms_->Cut(section, seen);  // Known words.
    terms_->Settle();
    std::vector<QueryTerm> compiled;
    for (const LibraryTerm& term : terms) compiled.push_back(terms_->Compile(term, *tokenizer_));
    SnippetMaker maker(*terms_, *tokenizer_, compiled);
    std::vector<std::string> out;
    for (const LibrarySnippet& snippet : maker.Make(sections, 0xFF)) {
      std::string text = snippet.section + ": ";
      for (const SnippetPart& part : snippet.parts) {
        text += part.match ? "[" + part.text + "]" : part.text;
      }
      out.push_back(text);
    }
    return out;
  }

  std::unique_ptr<Connection> connection_;
  std::unique_ptr<FtsTokenizer> tokenizer_;
  std::unique_ptr<TermDictionary> terms_;
};

TEST_F(LibrarySnippetsTest, MarksStemmedMatchesInTheSectionsThatHoldThem) {
  auto snippets = Snippets({{{"timeout"}, false, false}},
                           {"Checkout timeouts", "", "", "", "", "", "", "Raise the Timeout."});
  EXPECT_EQ(snippets, (std::vector<std::string>{"title: Checkout [timeouts]",
                                                "actions: Raise the [Timeout]."}));
}

TEST_F(LibrarySnippetsTest, ChoosesTheWindowHoldingMostTermsWithEllipses) {
  std::string text =
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
      "replica here and then much later the replica lag grew until failover happened at last "
      "and more words follow here to pad the end of this long summary text";
  auto snippets = Snippets({{{"replica"}, false, false}, {{"failover"}, false, false}},
                           {"", text, "", "", "", "", "", ""});
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(snippets[0],
            "summary: …later the [replica] lag grew until [failover] happened at last and "
            "more…");
}

TEST_F(LibrarySnippetsTest, PhrasesAreMarkedOnlyWhereWhole) {
  auto snippets =
      Snippets({{{"replication", "lag"}, false, false}},
               {"", "", "", "lag first, then replication lag, then replication", "", "", "", ""});
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(snippets[0], "timeline: lag first, then [replication lag], then replication");
}

TEST_F(LibrarySnippetsTest, PrefixesAndMultiByteTextKeepTheirBytes) {
  auto snippets =
      Snippets({{{"zoe"}, false, false}, {{"cert"}, true, false}},
               {"", "", "Zoë renewed the certificates — “naïve” plan", "", "", "", "", ""});
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(snippets[0], "accounts: [Zoë] renewed the [certificates] — “naïve” plan");
}

TEST_F(LibrarySnippetsTest, ExcludedTermsAndSectionsLeftOutAreNotShown) {
  std::vector<Token> seen;
  LibraryPostings::Sections sections = {"disk full", "disk", "", "", "", "", "", ""};
  for (std::string_view section : sections) terms_->Cut(section, seen);
  std::vector<QueryTerm> compiled = {terms_->Compile({{"full"}, false, true}, *tokenizer_),
                                     terms_->Compile({{"disk"}, false, false}, *tokenizer_)};
  SnippetMaker maker(*terms_, *tokenizer_, compiled);
  std::vector<LibrarySnippet> snippets = maker.Make(sections, 0b10);  // The summary only.
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(snippets[0].section, "summary");
  ASSERT_EQ(snippets[0].parts.size(), 1u);
  EXPECT_TRUE(snippets[0].parts[0].match);
}

}  // namespace
}  // namespace debrief::search
