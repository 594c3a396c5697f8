// LibraryPostings: one copy of the library's text (as members read it, or anonymised) as posting
// lists in memory, so a search scores only the entries its terms occur in, at a few nanoseconds
// each, where FTS5's bm25() costs about a microsecond per matching row. Scores follow FTS5's
// bm25() with the library's column weights: per term, the weighted count of its occurrences is
// saturated against the entry's length, and stored precomputed (16 bits) with each posting.
//
// Positions are not kept: a phrase ("replication lag") is matched by FTS5, and scored here.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "search/library_text.h"
#include "search/term_dictionary.h"

namespace debrief::search {

using core::Result;

inline constexpr size_t kLibrarySectionCount = std::size(kLibrarySections);
// A section's number is packed into 3 bits, the sections holding a term into a byte, and a
// term's counts per section into 4 bits each of 32.
static_assert(kLibrarySectionCount <= 8);

class LibraryPostings {
 public:
  using Sections = std::array<std::string_view, kLibrarySectionCount>;
  // The entries (the keeping index's positions) a phrase term occurs in, in any order.
  using PhraseLookup = std::function<Result<std::vector<uint32_t>>(const LibraryTerm&)>;

  struct Match {
    uint32_t entry = 0;
    float score = 0;  // Higher is better.
  };

  // A searching thread's working memory: per document, how many included terms it holds and its
  // score so far. Kept between searches so it is not mapped and faulted in again each time. A
  // prefix's merge uses `scores` first, copying out what it found before terms are combined.
  struct Scratch {
    std::vector<uint8_t> held;
    std::vector<float> scores;
  };

  explicit LibraryPostings(TermDictionary& terms) : terms_(terms) {}

  // Gives `entry` this text, replacing what it had.
  void Put(uint32_t entry, const Sections& sections);
  // Ends a bulk load of Puts: scores what was put against the average length. Puts after this
  // are scored at once, against the average at that time.
  void Finish();

  // Sets `matches` to the entries that hold every included term and no excluded one; `compiled`
  // holds the terms as TermDictionary::Compile gives them. Several threads may search at once,
  // each with its own scratch and matches, while nothing is put.
  Result<void> Search(const std::vector<LibraryTerm>& terms, const std::vector<QueryTerm>& compiled,
                      const PhraseLookup& phrase_entries, Scratch& scratch,
                      std::vector<Match>& matches) const;

  // The sections of the entry's text (a bit each, in kLibrarySections order) where an included
  // term occurs, so snippets are looked for there only.
  uint32_t SectionsWithTerms(uint32_t entry, const std::vector<QueryTerm>& compiled) const;

 private:
  struct List {
    std::vector<uint32_t> documents;  // Ascending.
    std::vector<uint16_t> impacts;    // Per document, after Finish.
    std::vector<uint8_t> sections;    // Per document: a bit per section holding the term.
    std::vector<uint32_t> counts;     // Per document before Finish: 4 bits per section.
  };
  struct Document {
    uint32_t entry = 0;
    uint32_t length = 0;  // Terms in all sections.
    bool live = true;
  };
  // Where one term of a query occurs, with its share of the score. An exact term reads its list
  // in place; prefixes and phrases gather theirs.
  struct TermMatch {
    const List* list = nullptr;
    float idf = 0;
    std::vector<uint32_t> documents;
    std::vector<float> scores;
    size_t size() const { return list != nullptr ? list->documents.size() : documents.size(); }
    template <typename Visit>
    void ForEach(Visit&& visit) const;
  };

  uint16_t Impact(uint32_t counts, uint32_t length) const;
  float Idf(const List& list) const;
  Result<TermMatch> MatchTerm(const LibraryTerm& term, const QueryTerm& compiled,
                              const PhraseLookup& phrase_entries, Scratch& scratch) const;

  TermDictionary& terms_;
  std::vector<List> lists_;  // By term id.
  std::vector<Document> documents_;
  // documents_[i].entry, packed densely for the searches' last step, and how many documents
  // hold replaced text: while none do, a search need not ask.
  std::vector<uint32_t> entry_of_document_;
  uint32_t dead_documents_ = 0;
  std::vector<uint32_t> document_of_entry_;  // kNone when the entry has no text here.
  uint64_t live_length_ = 0;
  uint32_t live_documents_ = 0;
  bool finished_ = false;
  std::vector<uint64_t> scratch_;  // Put: (term, section) pairs.
  std::vector<Token> cut_;         // Put: one section's tokens.
};

}  // namespace debrief::search
