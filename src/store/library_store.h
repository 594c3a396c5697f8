// The library of published reviews, as a store keeps and searches it (store/library.h holds
// its values).
#pragma once

#include <memory>
#include <vector>

#include "core/time.h"
#include "store/library.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

class LibraryStore {
 public:
  virtual ~LibraryStore() = default;

  // The library (store/library.h). IndexForLibrary replaces the incident's entry; publishing
  // calls it in the same transaction as Publish.
  virtual Result<void> IndexForLibrary(const LibraryEntry& entry) = 0;
  // Incidents whose latest published version is missing from the library, oldest first.
  virtual Result<std::vector<int64_t>> LibraryBacklog() = 0;
  // Changes with every change to the library, so cached search results can tag themselves.
  virtual Result<int64_t> LibraryGeneration() = 0;
  // Prepares what searches read (for an adapter that keeps it in memory) before the first search,
  // so no request waits for it; the number of published reviews it took in.
  virtual Result<size_t> WarmLibrary() = 0;
  virtual Result<LibraryPage> SearchLibrary(const LibraryQuery& query) = 0;
  // Searching from other threads: PrepareLibrarySearch (on the store's thread) makes the library
  // current for the query (a copy's word index is built only for a query with words), then any
  // searcher runs it. A store that cannot search from other
  // threads gives no searcher (null), and SearchLibrary serves instead.
  virtual Result<void> PrepareLibrarySearch(const LibraryQuery& /*query*/) { return core::Ok(); }
  virtual Result<std::unique_ptr<LibrarySearcher>> OpenLibrarySearcher() {
    return std::unique_ptr<LibrarySearcher>();
  }
  virtual Result<std::vector<LibraryHit>> RelatedInLibrary(const RelatedQuery& query) = 0;
  virtual Result<LessonPage> SearchLessons(const LessonQuery& query) = 0;
  // How many times this store built its in-memory search index of the library whole from the
  // database (/metrics): once at the first search, and again only when it cannot follow the
  // changes one by one (on SQLite, after another process wrote the library).
  virtual int64_t LibraryIndexBuilds() const { return 0; }
  // Up to `limit` reviews of incidents that started within `window_days` of today's month and
  // day in an earlier year, closest first.
  virtual Result<std::vector<LibraryHit>> LibraryAnniversaries(core::Date today, int window_days,
                                                               bool anonymised, int limit) = 0;
};

}  // namespace debrief::store
