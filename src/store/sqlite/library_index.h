// LibraryIndex: the library (store/library.h) on SQLite. FTS5 tables hold the text and make
// snippets; searches are matched and ranked (BM25, titles weighing most) by posting lists held in
// memory (search/postings.h), built from those tables on the first search of each copy, because
// FTS5's bm25() costs about a microsecond for every matching row. Filters, facet counts and
// ordering run over a compact in-memory copy of every entry's metadata. Both are checked against
// a generation number in the database on every call, so a write by another process is seen at
// once; this process's own writes update them in place.
//
// Threads: the thread that owns the connection makes every change (Put, and the reloads and
// builds Prepare does). Other threads may search at the same time, each through a Reader of its
// own, and see the index as the owner's last change left it: a reader-writer lock that lets a
// waiting change go first keeps changes whole.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "search/facets.h"
#include "search/postings.h"
#include "search/snippets.h"
#include "search/term_dictionary.h"
#include "store/library.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/fts_tokenizer.h"
#include "store/sqlite/writer_first_lock.h"

namespace debrief::store::sqlite {

// The engine this index keeps in memory (search/), over the FTS5 tables that hold the text.
using search::LibraryFacets;
using search::LibraryPostings;
using search::QueryTerm;
using search::SnippetMaker;
using search::TermDictionary;

class LibraryIndex {
 public:
  // What one searching thread brings: a connection of its own to the same database (for phrases
  // and the text of hits), that connection's FTS5 tokenizer, and working memory.
  class Reader {
   public:
    // `connection` must outlive the reader and is used by its thread only.
    static Result<std::unique_ptr<Reader>> Open(Connection& connection);

   private:
    friend class LibraryIndex;
    Reader(Connection& connection, std::unique_ptr<FtsTokenizer> tokenizer)
        : connection_(connection), tokenizer_(std::move(tokenizer)) {}
    Connection& connection_;
    std::unique_ptr<FtsTokenizer> tokenizer_;
    LibraryPostings::Scratch scratch_;
    // A search's candidates, kept between searches: at 100,000 reviews they are large enough
    // that allocating them anew each time costs more than filling them.
    std::vector<LibraryPostings::Match> found_;
    LibraryFacets::Bits candidates_;
  };

  explicit LibraryIndex(Connection& connection) : connection_(connection) {}
  ~LibraryIndex();

  // Replaces the incident's entry. Runs inside the caller's transaction when there is one.
  Result<void> Put(const LibraryEntry& entry);
  // Incidents whose latest published version is not in the library yet.
  Result<std::vector<int64_t>> Backlog();
  Result<int64_t> Generation() { return StoredGeneration(); }
  // Loads the metadata and the named copy's posting lists (the anonymised copy is built on the
  // first anonymised search). Returns how many reviews the library holds.
  Result<size_t> Warm();

  // Makes the index current (reloading it after another process's write) and, for a search with
  // words, builds the copy's posting lists if they are missing, so searches through readers find
  // them. Browsing (the feed, filters alone) needs no posting lists.
  Result<void> Prepare(bool anonymised, bool with_words);
  // How many times the index was loaded whole from the database.
  int64_t Reloads() const { return reloads_; }
  // Prepare, then search on this index's own connection.
  Result<LibraryPage> Search(const LibraryQuery& query);
  // Searches from any thread, as of the last Prepare for the query's copy.
  Result<LibraryPage> Search(const LibraryQuery& query, Reader& reader) const;
  Result<std::vector<LibraryHit>> Related(const RelatedQuery& query);
  Result<LessonPage> Lessons(const LessonQuery& query);
  Result<std::vector<LibraryHit>> Anniversaries(core::Date today, int window_days, bool anonymised,
                                                int limit);

 private:
  // Facet values are stored once and referred to by number.
  class Dictionary {
   public:
    uint32_t Intern(const std::string& value);
    std::optional<uint32_t> Find(const std::string& value) const;
    const std::string& At(uint32_t id) const { return values_[id]; }
    size_t size() const { return values_.size(); }

   private:
    std::vector<std::string> values_;
    std::unordered_map<std::string, uint32_t> ids_;
  };

  struct Entry {
    int64_t incident_id = 0;
    std::string key;
    int64_t version = 0;
    std::string title;
    std::string anonymised_title;
    uint32_t severity = 0;
    std::vector<uint32_t> services;
    std::vector<uint32_t> tags;
    std::vector<uint32_t> categories;
    std::optional<core::Timestamp> started_at;
    int started_year = 0;  // Of started_at, for anniversaries.
    int started_day = 0;   // Of started_at: its place in a common year (0-364).
    core::Timestamp published_at{};
    int64_t lesson_count = 0;  // Per copy: the named and anonymised copies have the same count.
  };

  using Facet = LibraryFacets::Facet;
  static constexpr Facet kSeverity = LibraryFacets::kSeverity;
  static constexpr Facet kService = LibraryFacets::kService;
  static constexpr Facet kCategory = LibraryFacets::kCategory;
  static constexpr Facet kTag = LibraryFacets::kTag;
  static constexpr int kFacetCount = LibraryFacets::kFacetCount;

  static LibraryFacets::Values FacetValues(const Entry& entry);

  Result<void> Refresh();
  // Builds the copy's posting lists; the caller holds the lock exclusively.
  Result<void> BuildPostings(bool anonymised);
  // The entries (positions) a phrase occurs in, from FTS5.
  Result<std::vector<uint32_t>> PhraseEntries(const LibraryTerm& term, bool anonymised,
                                              Connection& connection) const;
  Result<int64_t> StoredGeneration();
  Entry MakeEntry(const LibraryEntry& entry);
  // `in_bulk` leaves by_recency_ to be sorted once when the load ends (SortByRecency).
  void Upsert(Entry entry, bool in_bulk = false);
  void SortByRecency();
  const Entry* Find(int64_t incident_id) const;
  // The entry's position. `hint` (start at 0) is where the last lookup ended: ids asked in
  // ascending order are found by galloping on from there.
  std::optional<uint32_t> PositionOf(int64_t incident_id, size_t& hint) const;
  LibraryHit HitFor(const Entry& entry, bool anonymised, double score) const;
  static Result<std::string> Summary(int64_t incident_id, bool anonymised, Connection& connection);
  // Search's steps: the entries the words match (every entry when there are none), the filters
  // in dictionary ids, the best `wanted` of the candidates that pass (counting those that pass
  // into `passing`), and the facets as the API gives them.
  // Sets reader.found_.
  Result<void> MatchText(const LibraryQuery& query, const std::vector<QueryTerm>& compiled,
                         Reader& reader) const;
  LibraryFacets::Filters FiltersOf(const LibraryFilters& given) const;
  // The first `wanted` of the matches that pass the selection, best score first (newest first
  // on ties, or throughout when not `by_relevance`).
  std::vector<LibraryPostings::Match> Best(const std::vector<LibraryPostings::Match>& found,
                                           const LibraryFacets::Selection& selection,
                                           bool by_relevance, size_t wanted) const;
  // The newest `wanted` of the `passing` positions the selection lets through.
  std::vector<LibraryPostings::Match> Newest(const LibraryFacets::Selection& selection,
                                             size_t wanted) const;
  std::vector<LibraryFacet> FacetsOf(const LibraryFacets::Selection& selection,
                                     const LibraryFacets::Filters& filters) const;
  // The hit's snippets and its summary, from one read of its text.
  static Result<void> AddSnippets(SnippetMaker& maker, uint32_t where, bool anonymised,
                                  Connection& connection, LibraryHit& hit);

  Connection& connection_;
  int64_t generation_ = -1;
  std::atomic<int64_t> reloads_ = 0;
  Dictionary dictionaries_[kFacetCount];
  std::vector<Entry> entries_;
  // (incident id, index in entries_), by incident id. Sorted rather than hashed: FTS5 gives
  // rowids in ascending order, and walking a sorted list for them stays in cache.
  std::vector<std::pair<int64_t, uint32_t>> by_incident_;
  LibraryFacets facets_;  // By index in entries_.
  // By index in entries_: (published_at in ms, incident id), to order results newest first
  // without reading whole entries.
  std::vector<std::pair<int64_t, int64_t>> recency_;
  // Positions from oldest to newest by recency_, so a newest-first page is read from the back
  // until it is full instead of ranking every candidate.
  std::vector<uint32_t> by_recency_;
  std::unique_ptr<FtsTokenizer> tokenizer_;
  std::unique_ptr<TermDictionary> terms_;
  std::unique_ptr<LibraryPostings> postings_[2];  // Named, anonymised.
  std::unique_ptr<Reader> own_reader_;            // For Search on connection_.
  // Held exclusively while the owner changes anything above, shared by searches through readers.
  mutable WriterFirstLock mutex_;
};

// The FTS5 expression for terms: each word quoted (so nothing a user types is FTS5 syntax),
// phrases kept together, prefixes starred, exclusions after NOT. Empty when no term includes.
std::string FtsExpression(const std::vector<LibraryTerm>& terms);

}  // namespace debrief::store::sqlite
