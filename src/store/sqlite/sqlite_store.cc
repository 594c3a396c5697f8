#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <utility>

#include "store/migrations.h"
#include "store/sqlite/event_import.h"
#include "store/sqlite/library_searcher.h"
#include "store/sqlite/sql.h"

namespace debrief::store::sqlite {
namespace {

// In memory or a temporary file: only the connection that made it can see it.
bool IsPrivateDatabase(const std::string& path) {
  return path.empty() || path == ":memory:" || path.starts_with("file::memory:");
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const core::Clock& clock, Options options) {
  Connection::Options detached;
  detached.busy_timeout = options.connection.busy_timeout;
  DEBRIEF_ASSIGN_OR_RETURN(auto connection, Connection::Open(path, std::move(options.connection)));
  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(std::move(connection), clock));
  store->path_ = path;
  store->detached_options_ = std::move(detached);
  DEBRIEF_RETURN_IF_ERROR(store->Migrate());
  if (options.busy_timeout_after_open) {
    store->connection_->SetBusyTimeout(*options.busy_timeout_after_open);
  }
  // A database in memory belongs to its one connection; a file can have a second.
  if (!IsPrivateDatabase(path)) {
    DEBRIEF_ASSIGN_OR_RETURN(store->checkpointer_,
                             WalCheckpointer::Start(*store->connection_, path));
    SqliteStore* self = store.get();
    store->events_.ReadLargeListsAlsoWith([self]() -> Result<Connection*> {
      if (!self->list_helper_) {
        DEBRIEF_ASSIGN_OR_RETURN(self->list_helper_, Connection::Open(self->path_, {}));
      }
      return self->list_helper_.get();
    });
  }
  return store;
}

Result<std::unique_ptr<LibrarySearcher>> SqliteStore::OpenLibrarySearcher() {
  if (IsPrivateDatabase(path_)) {
    return std::unique_ptr<LibrarySearcher>();
  }
  return OpenLibrarySearcherOn(library_, path_);
}

Result<std::unique_ptr<EventImport>> SqliteStore::BeginEventImport(int64_t incident_id) {
  return SqliteEventImport::Begin(*connection_, clock_, incident_id);
}

Result<std::unique_ptr<EventImport>> SqliteStore::BeginDetachedEventImport(int64_t incident_id) {
  if (IsPrivateDatabase(path_)) return std::unique_ptr<EventImport>();
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                           Connection::Open(path_, detached_options_));
  return SqliteEventImport::Begin(std::move(connection), clock_, incident_id);
}

Result<bool> SqliteStore::InScrubbingTransaction(const std::function<Result<void>()>& work) {
  // secure_delete overwrites what the transaction deletes or shrinks, where FAST (the usual
  // setting) leaves whatever costs extra writes to clear; it is a setting of the connection.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("PRAGMA secure_delete = ON"));
  Result<void> done = InTransaction([&]() -> Result<void> {
    DEBRIEF_RETURN_IF_ERROR(work());
    // The full-text indexes keep a replaced row's words in their older segments until they are
    // merged: merged into one now, the old segments' pages are freed (and so overwritten).
    for (const char* optimize :
         {"INSERT INTO library_text(library_text) VALUES('optimize')",
          "INSERT INTO library_anonymised_text(library_anonymised_text) VALUES('optimize')",
          "INSERT INTO library_lessons_text(library_lessons_text) VALUES('optimize')"}) {
      DEBRIEF_RETURN_IF_ERROR(connection_->Execute(optimize));
    }
    return core::Ok();
  });
  // Back to the usual setting whatever happened; the work's own failure is the one to tell.
  (void)connection_->Execute("PRAGMA secure_delete = FAST");
  DEBRIEF_RETURN_IF_ERROR(done);
  // Pages freed by earlier writes (under FAST) may still hold the old text: VACUUM writes the
  // database anew, with no free page left. Then the log, which holds the pages as they were, is
  // copied in and truncated. Either can be held up by another process reading the database.
  bool vacuumed = static_cast<bool>(connection_->Execute("VACUUM"));
  int code = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                       nullptr, nullptr);
  return vacuumed && code == SQLITE_OK;
}

Result<void> SqliteStore::Migrate() {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<Migration> migrations, MigrationsFor("sqlite"));
  // Migrations that clean data (0009 takes private words out of the audit log) must not leave
  // the old bytes in free pages: secure_delete overwrites whatever they delete or shrink.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("PRAGMA secure_delete = ON"));
  // IMMEDIATE takes the write lock first, so two processes starting together migrate in turn.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("BEGIN IMMEDIATE"));
  bool applied_any = false;
  auto migrate = [&]() -> Result<void> {
    DEBRIEF_RETURN_IF_ERROR(connection_->Execute(Sql::kCreateMigrationsTable));
    DEBRIEF_ASSIGN_OR_RETURN(Statement * applied, connection_->Prepare(Sql::kAppliedMigrations));
    int current = 0;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, applied->Step());
      if (!has_row) break;
      current = static_cast<int>(applied->Int64(0));
      for (const Migration& migration : migrations) {
        if (migration.version == current && MigrationChecksum(migration.sql) != applied->Text(2)) {
          return core::Error::FailedPrecondition(
              "migration " + std::string(migration.name) +
              " differs from the one this database applied; migrations are append-only, so "
              "this build of debrief cannot open it");
        }
      }
    }
    if (!migrations.empty() && current > migrations.back().version) {
      return core::Error::FailedPrecondition(
          "the database is at schema version " + std::to_string(current) +
          ", newer than this debrief knows (" + std::to_string(migrations.back().version) +
          "); upgrade debrief");
    }
    for (const Migration& migration : migrations) {
      if (migration.version <= current) continue;
      DEBRIEF_RETURN_IF_ERROR(connection_->Execute(migration.sql));
      DEBRIEF_ASSIGN_OR_RETURN(Statement * record, connection_->Prepare(Sql::kRecordMigration));
      record->Bind(1, static_cast<int64_t>(migration.version));
      record->Bind(2, migration.name);
      record->Bind(3, std::string_view(MigrationChecksum(migration.sql)));
      record->Bind(4, core::ToEpochMillis(clock_.Now()));
      DEBRIEF_RETURN_IF_ERROR(record->Run());
      current = migration.version;
      applied_any = true;
    }
    schema_version_ = current;
    return core::Ok();
  };
  Result<void> result = migrate();
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute(result ? "COMMIT" : "ROLLBACK"));
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("PRAGMA secure_delete = FAST"));
  if (result && applied_any) {
    // The pages a migration rewrote reach the database file and the WAL is emptied, so no copy
    // of what it cleaned is left in either. Best effort: a reader in another process may hold
    // the WAL, and then the next checkpoint does it.
    (void)connection_->Execute("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  return result;
}

}  // namespace debrief::store::sqlite
