#include "store/postgres/postgres_store.h"

#include <utility>

#include "store/migrations.h"
#include "store/postgres/sql.h"
#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

std::string WithColumns(std::string_view sql, const std::string& columns) {
  std::string text(sql);
  text.replace(text.find("{columns}"), 9, columns);
  return text;
}

core::Error LibraryNotHere() {
  return core::Error::FailedPrecondition("the library of published reviews is not on PostgreSQL");
}

}  // namespace

PostgresStore::PostgresStore(std::unique_ptr<Connection> connection, std::string conninfo,
                             const core::Clock& clock)
    : connection_(std::move(connection)),
      conninfo_(std::move(conninfo)),
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
      comments_(*connection_, clock) {
  using Codec = RecordCodec<core::Incident>;
  incident_columns_ = Codec::SelectColumns();
  std::string placeholders;
  std::string assignments;
  int index = 2;
  core::ForEachField<core::Incident>([&](const auto& field) {
    placeholders += ", $" + std::to_string(index + 1);
    assignments += ", " + std::string(field.name) + " = $" + std::to_string(index);
    ++index;
  });
  insert_incident_sql_ = "INSERT INTO incidents (version, created_at, updated_at, " +
                         Codec::FieldColumns() + ") VALUES (1, $1, $2" + placeholders +
                         ") RETURNING " + incident_columns_;
  get_incident_sql_ = "SELECT " + incident_columns_ + " FROM incidents WHERE key = $1";
  update_incident_sql_ = "UPDATE incidents SET version = version + 1, updated_at = $1" +
                         assignments + " WHERE id = $" + std::to_string(index) +
                         " AND version = $" + std::to_string(index + 1) + " RETURNING " +
                         incident_columns_;
  list_incidents_sql_ = WithColumns(sql::kListIncidents, incident_columns_);
  list_actions_sql_ =
      WithColumns(sql::kListActions, RecordCodec<core::ActionItem>::SelectColumns("action_items"));
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& conninfo,
                                                           const core::Clock& clock,
                                                           Options options) {
  DEBRIEF_ASSIGN_OR_RETURN(auto connection,
                           Connection::Open(conninfo, std::move(options.connection)));
  auto store =
      std::unique_ptr<PostgresStore>(new PostgresStore(std::move(connection), conninfo, clock));
  DEBRIEF_RETURN_IF_ERROR(store->Migrate());
  return store;
}

Result<void> PostgresStore::Migrate() {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<Migration> migrations, MigrationsFor("postgres"));
  // One instance at a time checks and applies: the others wait here, then find them applied.
  // A session lock, so it outlives each migration's own transaction.
  DEBRIEF_RETURN_IF_ERROR(
      connection_->Execute("SELECT pg_advisory_lock(" + std::to_string(sql::kMigrationLock) + ")"));
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
          applied->Reset();
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
      // Each migration lands whole with its record, or not at all.
      DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
      DEBRIEF_RETURN_IF_ERROR(connection_->Execute(migration.sql));
      DEBRIEF_ASSIGN_OR_RETURN(Statement * record, connection_->Prepare(sql::kRecordMigration));
      record->Bind(1, static_cast<int64_t>(migration.version));
      record->Bind(2, migration.name);
      record->Bind(3, std::string_view(MigrationChecksum(migration.sql)));
      record->Bind(4, core::ToEpochMillis(clock_.Now()));
      DEBRIEF_RETURN_IF_ERROR(record->Run());
      DEBRIEF_RETURN_IF_ERROR(scope.Commit());
      current = migration.version;
    }
    schema_version_ = current;
    return core::Ok();
  };
  Result<void> result = migrate();
  Result<void> unlocked = connection_->Execute("SELECT pg_advisory_unlock(" +
                                               std::to_string(sql::kMigrationLock) + ")");
  DEBRIEF_RETURN_IF_ERROR(result);
  return unlocked;
}

int64_t PostgresStore::WriteCount() const { return connection_->TotalChanges(); }

Result<void> PostgresStore::Ping() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(sql::kPing));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  statement->Reset();
  if (!has_row) return core::Error::Unavailable("the database did not answer");
  return core::Ok();
}

Result<void> PostgresStore::InTransaction(const std::function<Result<void>()>& work) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_RETURN_IF_ERROR(work());
  return scope.Commit();
}

Result<void> PostgresStore::InSnapshot(const std::function<Result<void>()>& work) {
  if (connection_->InTransaction()) return work();
  // REPEATABLE READ takes one snapshot at the first statement and keeps it to the end.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
  Result<void> result = work();
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute(result ? "COMMIT" : "ROLLBACK"));
  return result;
}

Result<SnapshotSummary> PostgresStore::CopySnapshot(const std::string& /*path*/) {
  return core::Error::FailedPrecondition(
      "a PostgreSQL database is copied with pg_dump (or `debrief export --all` for the JSON "
      "form); see docs/operations.md");
}

Result<SnapshotSummary> PostgresStore::Verify() {
  SnapshotSummary summary;
  summary.schema_version = schema_version_;
  // debrief's own tables: those of the schema the connection uses, by name.
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * names,
      connection_->Prepare("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                           "ORDER BY tablename COLLATE \"C\""));
  std::vector<std::string> tables;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, names->Step());
    if (!more) break;
    tables.emplace_back(names->Text(0));
  }
  for (const std::string& table : tables) {
    // A table name from the catalogue itself, quoted as an identifier: no value of anyone's.
    DEBRIEF_ASSIGN_OR_RETURN(Statement * count,
                             connection_->Prepare("SELECT count(*) FROM \"" + table + "\""));
    DEBRIEF_ASSIGN_OR_RETURN(bool counted, count->Step());
    summary.rows.emplace_back(table, counted ? count->Int64(0) : 0);
    count->Reset();
  }
  return summary;
}

Result<void> PostgresStore::AuditWrite(std::string_view action, std::string_view entity,
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

Result<std::vector<core::AuditEntry>> PostgresStore::ListAudit(const AuditQuery& query) {
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

Result<void> PostgresStore::IndexForLibrary(const LibraryEntry&) { return LibraryNotHere(); }
Result<std::vector<int64_t>> PostgresStore::LibraryBacklog() { return LibraryNotHere(); }
Result<int64_t> PostgresStore::LibraryGeneration() { return LibraryNotHere(); }
Result<size_t> PostgresStore::WarmLibrary() { return LibraryNotHere(); }
Result<LibraryPage> PostgresStore::SearchLibrary(const LibraryQuery&) { return LibraryNotHere(); }
Result<std::vector<LibraryHit>> PostgresStore::RelatedInLibrary(const RelatedQuery&) {
  return LibraryNotHere();
}
Result<LessonPage> PostgresStore::SearchLessons(const LessonQuery&) { return LibraryNotHere(); }
Result<std::vector<LibraryHit>> PostgresStore::LibraryAnniversaries(core::Date, int, bool, int) {
  return LibraryNotHere();
}

}  // namespace debrief::store::postgres
