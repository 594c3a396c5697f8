#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <utility>

#include "store/migrations.h"
#include "store/sqlite/event_import.h"
#include "store/sqlite/sql.h"

namespace debrief::store::sqlite {
namespace {

std::string WithColumns(std::string_view sql, const std::string& columns) {
  std::string text(sql);
  text.replace(text.find("{columns}"), 9, columns);
  return text;
}

// In memory or a temporary file: only the connection that made it can see it.
bool IsPrivateDatabase(const std::string& path) {
  return path.empty() || path == ":memory:" || path.starts_with("file::memory:");
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Connection> connection, const core::Clock& clock)
    : connection_(std::move(connection)),
      clock_(clock),
      participants_(*connection_, clock),
      accounts_(*connection_, clock),
      entries_(*connection_, clock),
      events_(*connection_, clock),
      decisions_(*connection_, clock),
      factors_(*connection_, clock),
      work_as_done_(*connection_, clock),
      actions_(*connection_, clock),
      lessons_(*connection_, clock),
      answers_(*connection_, clock),
      reviewers_(*connection_, clock),
      comments_(*connection_, clock),
      library_(*connection_) {
  using Codec = RecordCodec<core::Incident>;
  incident_columns_ = Codec::SelectColumns();
  std::string placeholders;
  std::string assignments;
  core::ForEachField<core::Incident>([&](const auto& field) {
    placeholders += ", ?";
    assignments += ", " + std::string(field.name) + " = ?";
  });
  insert_incident_sql_ = "INSERT INTO incidents (version, created_at, updated_at, " +
                         Codec::FieldColumns() + ") VALUES (1, ?, ?" + placeholders +
                         ") RETURNING " + incident_columns_;
  get_incident_sql_ = "SELECT " + incident_columns_ + " FROM incidents WHERE key = ?";
  update_incident_sql_ = "UPDATE incidents SET version = version + 1, updated_at = ?" +
                         assignments + " WHERE id = ? AND version = ? RETURNING " +
                         incident_columns_;
  list_incidents_sql_ = WithColumns(sql::kListIncidents, incident_columns_);
  list_actions_sql_ =
      WithColumns(sql::kListActions, RecordCodec<core::ActionItem>::SelectColumns("action_items"));
}

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

namespace {

class SqliteLibrarySearcher final : public LibrarySearcher {
 public:
  SqliteLibrarySearcher(const LibraryIndex& index, std::unique_ptr<Connection> connection,
                        std::unique_ptr<LibraryIndex::Reader> reader)
      : index_(index), connection_(std::move(connection)), reader_(std::move(reader)) {}
  ~SqliteLibrarySearcher() override {
    reader_.reset();  // Its tokenizer belongs to the connection.
  }

  Result<LibraryPage> Search(const LibraryQuery& query) override {
    return index_.Search(query, *reader_);
  }

 private:
  const LibraryIndex& index_;
  std::unique_ptr<Connection> connection_;
  std::unique_ptr<LibraryIndex::Reader> reader_;
};

}  // namespace

Result<std::unique_ptr<LibrarySearcher>> SqliteStore::OpenLibrarySearcher() {
  if (IsPrivateDatabase(path_)) {
    return std::unique_ptr<LibrarySearcher>();
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, Connection::Open(path_, {}));
  // A search reads the text of each hit it shows: mapped, those reads are memory copies instead
  // of a system call each. (SQLite caps the size at 2 GiB unless built otherwise.)
  DEBRIEF_RETURN_IF_ERROR(connection->Execute("PRAGMA mmap_size = 2147418112"));
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<LibraryIndex::Reader> reader,
                           LibraryIndex::Reader::Open(*connection));
  return std::unique_ptr<LibrarySearcher>(
      new SqliteLibrarySearcher(library_, std::move(connection), std::move(reader)));
}

Result<std::unique_ptr<EventImport>> SqliteStore::BeginDetachedEventImport(int64_t incident_id) {
  if (IsPrivateDatabase(path_)) return std::unique_ptr<EventImport>();
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                           Connection::Open(path_, detached_options_));
  return SqliteEventImport::Begin(std::move(connection), clock_, incident_id);
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
    DEBRIEF_RETURN_IF_ERROR(connection_->Execute(sql::kCreateMigrationsTable));
    DEBRIEF_ASSIGN_OR_RETURN(Statement * applied, connection_->Prepare(sql::kAppliedMigrations));
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
      DEBRIEF_ASSIGN_OR_RETURN(Statement * record, connection_->Prepare(sql::kRecordMigration));
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

int64_t SqliteStore::WriteCount() const { return connection_->TotalChanges(); }

Result<void> SqliteStore::Ping() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kPing));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  statement->Reset();
  if (!has_row) return core::Error::Unavailable("the database did not answer");
  return core::Ok();
}

Result<void> SqliteStore::InTransaction(const std::function<Result<void>()>& work) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_RETURN_IF_ERROR(work());
  return scope.Commit();
}

Result<void> SqliteStore::AuditWrite(std::string_view action, std::string_view entity,
                                     int64_t entity_id, std::optional<int64_t> incident_id,
                                     const Change& change) {
  core::AuditEntry entry;
  entry.at = clock_.Now();
  entry.actor_id = change.actor_id;
  entry.action = std::string(action);
  entry.entity = std::string(entity);
  entry.entity_id = entity_id;
  entry.incident_id = incident_id;
  entry.diff_json = change.diff_json;
  return AppendAudit(*connection_, entry);
}

Result<std::vector<core::AuditEntry>> SqliteStore::ListAudit(const AuditQuery& query) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kListAudit));
  BindColumn(*statement, 1, query.incident_id);
  BindColumn(*statement, 2, query.before_id);
  statement->Bind(3, static_cast<int64_t>(query.limit));
  std::vector<core::AuditEntry> entries;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    core::AuditEntry entry;
    entry.id = statement->Int64(0);
    entry.at = core::FromEpochMillis(statement->Int64(1));
    if (!statement->IsNull(2)) entry.actor_id = statement->Int64(2);
    entry.action = std::string(statement->Text(3));
    entry.entity = std::string(statement->Text(4));
    entry.entity_id = statement->Int64(5);
    if (!statement->IsNull(6)) entry.incident_id = statement->Int64(6);
    entry.diff_json = std::string(statement->Text(7));
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace debrief::store::sqlite
