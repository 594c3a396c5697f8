// LibraryReplica: the library's search engine for a store whose library lives elsewhere
// (PostgreSQL). Each instance keeps a copy of the library in a private SQLite file, with the same
// tables and full-text index as a SQLite store's, and searches it with the same LibraryIndex: so
// ranking, snippets, facets, phrases, related reviews and lessons are exactly what they are on
// SQLite. The store that owns the replica feeds it the entries that changed (from its change
// log); the replica is a cache, made anew when an instance starts, and its file goes when it does.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/library.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/library_index.h"

namespace debrief::store::sqlite {

class LibraryReplica {
 public:
  // A new, empty replica in a private folder of its own under the temporary folder.
  static Result<std::unique_ptr<LibraryReplica>> Create();
  ~LibraryReplica();
  LibraryReplica(const LibraryReplica&) = delete;
  LibraryReplica& operator=(const LibraryReplica&) = delete;

  // Puts each entry in place of the incident's earlier one, each in a transaction of its own: the
  // index in memory takes an entry once its text is committed, so searchers on other threads
  // never find an entry whose text they cannot read yet.
  Result<void> Apply(const std::vector<LibraryEntry>& entries);
  // The same in one transaction, for filling a replica nobody searches yet (much faster).
  Result<void> Load(const std::vector<LibraryEntry>& entries);

  LibraryIndex& index() { return *index_; }
  // A searcher for another thread, on a connection of its own to the replica.
  Result<std::unique_ptr<LibrarySearcher>> OpenSearcher() const;
  // The private folder the replica's file is in.
  const std::string& folder() const { return folder_; }

 private:
  LibraryReplica(std::string folder, std::string path)
      : folder_(std::move(folder)), path_(std::move(path)) {}
  void Remove();

  std::string folder_;  // Private to this process's user; removed with the replica.
  std::string path_;
  std::unique_ptr<Connection> connection_;
  std::unique_ptr<LibraryIndex> index_;
};

}  // namespace debrief::store::sqlite
