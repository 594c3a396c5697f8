// SqliteStore: the Store on an embedded SQLite file, for a single instance. Open() applies the
// embedded migrations in one transaction, turns on WAL, foreign keys and a busy timeout. What every
// relational back end does alike is relational::SqlStore's; what is SQLite's own is here: its
// migrations, snapshots and online backup, the library's full-text index, and imports staged in a
// database of their own.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "store/relational/sql_store.h"
#include "store/sqlite/backend.h"
#include "store/sqlite/library_index.h"
#include "store/sqlite/wal_checkpointer.h"

namespace debrief::store::sqlite {

class SqliteStore final : public relational::SqlStore<Backend> {
 public:
  struct Options {
    Connection::Options connection;
    // The busy timeout of the store's connection once it is open and migrated (migrating always
    // waits, so that instances starting together migrate in turn); unset keeps the connection's.
    std::optional<std::chrono::milliseconds> busy_timeout_after_open;
  };

  // `clock` must outlive the store.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   const core::Clock& clock, Options options = {});

  // The schema version the database is at after Open().
  int schema_version() const override { return schema_version_; }

  Result<void> InSnapshot(const std::function<Result<void>()>& work) override;
  Result<bool> InScrubbingTransaction(const std::function<Result<void>()>& work) override;
  Result<SnapshotSummary> CopySnapshot(const std::string& path) override;
  Result<SnapshotSummary> Verify() override;

  Result<std::unique_ptr<EventImport>> BeginEventImport(int64_t incident_id) override;
  Result<std::unique_ptr<EventImport>> BeginDetachedEventImport(int64_t incident_id) override;

  Result<void> IndexForLibrary(const LibraryEntry& entry) override { return library_.Put(entry); }
  Result<std::vector<int64_t>> LibraryBacklog() override { return library_.Backlog(); }
  Result<int64_t> LibraryGeneration() override { return library_.Generation(); }
  // Builds the library's in-memory search index now (about 2.5 s per 100,000 reviews) rather
  // than on the first search. Returns how many reviews it holds.
  Result<size_t> WarmLibrary() override { return library_.Warm(); }
  Result<LibraryPage> SearchLibrary(const LibraryQuery& query) override {
    return library_.Search(query);
  }
  Result<void> PrepareLibrarySearch(const LibraryQuery& query) override {
    return library_.Prepare(query.anonymised, !query.terms.empty());
  }
  // A searcher with a connection of its own to the same file (none for an in-memory database,
  // which another connection cannot see). The store must outlive it.
  Result<std::unique_ptr<LibrarySearcher>> OpenLibrarySearcher() override;
  int64_t LibraryIndexBuilds() const override { return library_.Reloads(); }
  Result<std::vector<LibraryHit>> RelatedInLibrary(const RelatedQuery& query) override {
    return library_.Related(query);
  }
  Result<LessonPage> SearchLessons(const LessonQuery& query) override {
    return library_.Lessons(query);
  }
  Result<std::vector<LibraryHit>> LibraryAnniversaries(core::Date today, int window_days,
                                                       bool anonymised, int limit) override {
    return library_.Anniversaries(today, window_days, anonymised, limit);
  }

 private:
  SqliteStore(std::unique_ptr<Connection> connection, const core::Clock& clock)
      : SqlStore(std::move(connection), clock), library_(*connection_) {}
  Result<void> Migrate();

  // The second connection large event lists are read with (RecordTable::ListInHalves).
  std::unique_ptr<Connection> list_helper_;
  // Checkpoints the write-ahead log off the writing thread (a file database only). A member of
  // this class, so it is gone before the connection it watches.
  std::unique_ptr<WalCheckpointer> checkpointer_;
  std::string path_;
  // How connections of its own (a detached import's) are opened: as the main one, without its
  // query observer, which belongs to the main connection's thread.
  Connection::Options detached_options_;
  int schema_version_ = 0;
  LibraryIndex library_;
};

}  // namespace debrief::store::sqlite

// Instantiated once, in sqlite/sql_store.cc.
extern template class debrief::store::relational::SqlStore<debrief::store::sqlite::Backend>;
