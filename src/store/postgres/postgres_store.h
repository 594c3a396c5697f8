// PostgresStore: the Store on PostgreSQL, for teams running several instances or keeping their
// review history off one disk. Open() applies the embedded migrations (migrations/postgres/)
// under an advisory lock, so instances starting together apply each exactly once. What every
// relational back end does alike is relational::SqlStore's; what is PostgreSQL's own is here.
//
// Writes to one incident are serialised by its row: every write that belongs to an incident
// locks that row (SELECT ... FOR NO KEY UPDATE) before it draws any id, so on READ COMMITTED ids
// and generations of one incident are taken in commit order and a reader that has seen
// generation G has seen every row written up to it (store/postgres/write_scope.h).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "store/postgres/backend.h"
#include "store/postgres/listened_copy.h"
#include "store/postgres/notification_listener.h"
#include "store/relational/sql_store.h"
#include "store/sqlite/library_replica.h"

namespace debrief::store::postgres {

class PostgresStore final : public relational::SqlStore<Backend> {
 public:
  struct Options {
    Connection::Options connection;
    // How long a statement waits for another transaction's lock once the store is open and
    // migrated (migrating always waits, so instances starting together migrate in turn); unset,
    // as long as it takes. Zero is the shortest wait PostgreSQL has, a millisecond.
    std::optional<std::chrono::milliseconds> lock_wait_after_open;
  };

  // `conninfo`: a libpq connection string or URI. `clock` must outlive the store.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& conninfo,
                                                     const core::Clock& clock,
                                                     Options options = {});

  int schema_version() const override { return schema_version_; }
  // Another connection to the same database, with this store's options but `lock_wait`,
  // sharing its library replica: request workers each have a connection, the process one
  // replica.
  Result<std::unique_ptr<Store>> OpenSibling(
      std::optional<std::chrono::milliseconds> lock_wait) override;

  // The review rules, read by every incident answer, come from a copy the process keeps while
  // it hears every commit to them (listened_copy.h); a write here drops it as it commits.
  Result<std::vector<core::ReviewRule>> ListReviewRules() override;
  Result<core::ReviewRule> PutReviewRule(core::ReviewRule rule, int64_t expected_version,
                                         const Change& change) override;
  Result<void> DeleteReviewRule(std::string_view severity, int64_t expected_version,
                                const Change& change) override;
  Result<std::unique_ptr<BackupWriter>> BeginRestore(const Backup& head) override;

  Result<void> InSnapshot(const std::function<Result<void>()>& work) override;
  Result<bool> InScrubbingTransaction(const std::function<Result<void>()>& work) override;
  Result<SnapshotSummary> CopySnapshot(const std::string& path) override;
  Result<SnapshotSummary> Verify() override;

  Result<std::unique_ptr<EventImport>> BeginEventImport(int64_t incident_id) override;
  Result<std::unique_ptr<EventImport>> BeginDetachedEventImport(int64_t incident_id) override;

  // The library: its entries live in PostgreSQL (library_entries, library_texts,
  // library_lessons), and each store that searches keeps a replica with the search engine
  // (store/sqlite/library_replica.h), made on its first search and brought up to date from
  // library_changes before every read, so a review another instance published is found at once.
  Result<void> IndexForLibrary(const LibraryEntry& entry) override;
  Result<std::vector<int64_t>> LibraryBacklog() override;
  Result<int64_t> LibraryGeneration() override;
  Result<size_t> WarmLibrary() override;
  Result<LibraryPage> SearchLibrary(const LibraryQuery& query) override;
  Result<void> PrepareLibrarySearch(const LibraryQuery& query) override;
  Result<std::unique_ptr<LibrarySearcher>> OpenLibrarySearcher() override;
  Result<std::vector<LibraryHit>> RelatedInLibrary(const RelatedQuery& query) override;
  Result<LessonPage> SearchLessons(const LessonQuery& query) override;
  Result<std::vector<LibraryHit>> LibraryAnniversaries(core::Date today, int window_days,
                                                       bool anonymised, int limit) override;
  // Once, on its first search: every later change is applied alone.
  int64_t LibraryIndexBuilds() const override { return library_->rebuilds.load(); }

 private:
  // The library's replica, shared by a store and its siblings (one per process, whatever the
  // number of connections). Its mutex is held while the replica is brought up to date and read
  // through its own connection; searchers (OpenLibrarySearcher) read it on connections of their
  // own, without it.
  struct SharedLibrary {
    std::mutex mutex;
    std::unique_ptr<sqlite::LibraryReplica> replica;
    int64_t applied = 0;  // The last change of library_changes the replica holds.
    std::atomic<int64_t> rebuilds = 0;
  };

  // The review rules' copy, shared like the library; its listener starts on the first read
  // (commands that never read the rules open no connection for it).
  struct SharedReviewRules {
    ListenedCopy<std::vector<core::ReviewRule>> copy;
    std::once_flag listener_started;
    // Declared last: stopped before the copy its callbacks write goes away.
    std::unique_ptr<NotificationListener> listener;
  };

  PostgresStore(std::unique_ptr<Connection> connection, std::string conninfo,
                const core::Clock& clock, Options options, std::shared_ptr<SharedLibrary> library,
                std::shared_ptr<SharedReviewRules> review_rules)
      : SqlStore(std::move(connection), clock),
        conninfo_(std::move(conninfo)),
        options_(std::move(options)),
        library_(std::move(library)),
        review_rules_(std::move(review_rules)) {}
  Result<void> Migrate();
  Result<void> LimitLockWait();
  // Brings the replica up to date with library_changes, making it first if there is none.
  // Called with library_->mutex held.
  Result<void> SyncLibrary();
  // Runs `read` on the replica, brought up to date first, with the library's mutex held.
  template <typename Read>
  auto ReadLibrary(Read read) -> decltype(read(std::declval<sqlite::LibraryIndex&>()));
  // The entries of the incidents `ids` names, whole (both copies, their lessons).
  Result<std::vector<LibraryEntry>> ReadLibraryEntries(const std::vector<int64_t>& ids);
  Result<void> ReadLibraryRows(const std::vector<int64_t>& ids, std::vector<LibraryEntry>& entries);

  std::string conninfo_;
  Options options_;
  int schema_version_ = 0;
  std::shared_ptr<SharedLibrary> library_;
  std::shared_ptr<SharedReviewRules> review_rules_;
};

}  // namespace debrief::store::postgres

// Instantiated once, in postgres/sql_store.cc.
extern template class debrief::store::relational::SqlStore<debrief::store::postgres::Backend>;
