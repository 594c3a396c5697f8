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

#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "store/postgres/backend.h"
#include "store/relational/sql_store.h"

namespace debrief::store::postgres {

class PostgresStore final : public relational::SqlStore<Backend> {
 public:
  struct Options {
    Connection::Options connection;
  };

  // `conninfo`: a libpq connection string or URI. `clock` must outlive the store.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& conninfo,
                                                     const core::Clock& clock,
                                                     Options options = {});

  int schema_version() const override { return schema_version_; }

  Result<void> InSnapshot(const std::function<Result<void>()>& work) override;
  Result<SnapshotSummary> CopySnapshot(const std::string& path) override;
  Result<SnapshotSummary> Verify() override;

  Result<std::unique_ptr<EventImport>> BeginEventImport(int64_t incident_id) override;
  Result<std::unique_ptr<EventImport>> BeginDetachedEventImport(int64_t incident_id) override;

  // The library is not on PostgreSQL yet: each of these says so (kFailedPrecondition), and
  // OpenStore does not offer this store until it is.
  Result<void> IndexForLibrary(const LibraryEntry& entry) override;
  Result<std::vector<int64_t>> LibraryBacklog() override;
  Result<int64_t> LibraryGeneration() override;
  Result<size_t> WarmLibrary() override;
  Result<LibraryPage> SearchLibrary(const LibraryQuery& query) override;
  Result<std::vector<LibraryHit>> RelatedInLibrary(const RelatedQuery& query) override;
  Result<LessonPage> SearchLessons(const LessonQuery& query) override;
  Result<std::vector<LibraryHit>> LibraryAnniversaries(core::Date today, int window_days,
                                                       bool anonymised, int limit) override;

 private:
  PostgresStore(std::unique_ptr<Connection> connection, std::string conninfo,
                const core::Clock& clock)
      : SqlStore(std::move(connection), clock), conninfo_(std::move(conninfo)) {}
  Result<void> Migrate();

  std::string conninfo_;
  int schema_version_ = 0;
};

}  // namespace debrief::store::postgres

// Instantiated once, in postgres/sql_store.cc.
extern template class debrief::store::relational::SqlStore<debrief::store::postgres::Backend>;
