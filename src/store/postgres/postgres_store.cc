#include "store/postgres/postgres_store.h"

#include <algorithm>
#include <utility>

#include "store/migrations.h"
#include "store/postgres/event_import.h"
#include "store/postgres/sql.h"
#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {
namespace {

// A restore replaces the review rules: the copy is dropped as it commits.
class RestoreDroppingCopy final : public BackupWriter {
 public:
  RestoreDroppingCopy(std::unique_ptr<BackupWriter> restore,
                      ListenedCopy<std::vector<core::ReviewRule>>& copy)
      : restore_(std::move(restore)), copy_(copy) {}
  Result<void> WriteIncident(const IncidentBackup& incident) override {
    return restore_->WriteIncident(incident);
  }
  Result<void> WriteAudit(std::span<const core::AuditEntry> entries) override {
    return restore_->WriteAudit(entries);
  }
  Result<void> Finish() override {
    Result<void> finished = restore_->Finish();
    copy_.Changed();
    return finished;
  }

 private:
  std::unique_ptr<BackupWriter> restore_;
  ListenedCopy<std::vector<core::ReviewRule>>& copy_;
};

}  // namespace

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& conninfo,
                                                           const core::Clock& clock,
                                                           Options options) {
  DEBRIEF_ASSIGN_OR_RETURN(auto connection, Connection::Open(conninfo, options.connection));
  auto store = std::unique_ptr<PostgresStore>(
      new PostgresStore(std::move(connection), conninfo, clock, std::move(options),
                        std::make_shared<SharedLibrary>(), std::make_shared<SharedReviewRules>()));
  DEBRIEF_RETURN_IF_ERROR(store->Migrate());
  DEBRIEF_RETURN_IF_ERROR(store->LimitLockWait());
  return store;
}

Result<std::unique_ptr<Store>> PostgresStore::OpenSibling(
    std::optional<std::chrono::milliseconds> lock_wait) {
  DEBRIEF_ASSIGN_OR_RETURN(auto connection, Connection::Open(conninfo_, options_.connection));
  Options options = options_;
  options.lock_wait_after_open = lock_wait;
  auto sibling = std::unique_ptr<PostgresStore>(new PostgresStore(
      std::move(connection), conninfo_, clock_, options, library_, review_rules_));
  // This store migrated the database when it opened: the sibling is at the same version.
  sibling->schema_version_ = schema_version_;
  DEBRIEF_RETURN_IF_ERROR(sibling->LimitLockWait());
  return std::unique_ptr<Store>(std::move(sibling));
}

Result<void> PostgresStore::LimitLockWait() {
  if (!options_.lock_wait_after_open) return core::Ok();
  // PostgreSQL reads a lock_timeout of 0 as "wait for ever": the store's zero is its least.
  int64_t millis = std::max<int64_t>(1, options_.lock_wait_after_open->count());
  return connection_->Execute("SET lock_timeout = " + std::to_string(millis));
}

Result<void> PostgresStore::Migrate() {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<Migration> migrations, MigrationsFor("postgres"));
  // One instance at a time checks and applies: the others wait here, then find them applied.
  // A session lock, so it outlives each migration's own transaction.
  DEBRIEF_RETURN_IF_ERROR(
      connection_->Execute("SELECT pg_advisory_lock(" + std::to_string(Sql::kMigrationLock) + ")"));
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
      DEBRIEF_ASSIGN_OR_RETURN(Statement * record, connection_->Prepare(Sql::kRecordMigration));
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
                                               std::to_string(Sql::kMigrationLock) + ")");
  DEBRIEF_RETURN_IF_ERROR(result);
  return unlocked;
}

Result<std::vector<core::ReviewRule>> PostgresStore::ListReviewRules() {
  // Inside a transaction the answer must be the transaction's own (its snapshot may be older
  // than the copy, or it may have written a rule itself).
  if (connection_->InTransaction()) return SqlStore::ListReviewRules();
  std::call_once(review_rules_->listener_started, [this] {
    ListenedCopy<std::vector<core::ReviewRule>>& copy = review_rules_->copy;
    review_rules_->listener = std::make_unique<NotificationListener>(
        conninfo_, std::string(Sql::kReviewRulesChannel),
        NotificationListener::Callbacks{.on_listening = [&copy] { copy.SetListening(true); },
                                        .on_notified = [&copy] { copy.Changed(); },
                                        .on_deaf = [&copy] { copy.SetListening(false); }});
  });
  return review_rules_->copy.Read([this] { return SqlStore::ListReviewRules(); });
}

Result<core::ReviewRule> PostgresStore::PutReviewRule(core::ReviewRule rule,
                                                      int64_t expected_version,
                                                      const Change& change) {
  auto written = SqlStore::PutReviewRule(std::move(rule), expected_version, change);
  review_rules_->copy.Changed();
  return written;
}

Result<void> PostgresStore::DeleteReviewRule(std::string_view severity, int64_t expected_version,
                                             const Change& change) {
  auto deleted = SqlStore::DeleteReviewRule(severity, expected_version, change);
  review_rules_->copy.Changed();
  return deleted;
}

Result<std::unique_ptr<BackupWriter>> PostgresStore::BeginRestore(const Backup& head) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<BackupWriter> writer, SqlStore::BeginRestore(head));
  return std::unique_ptr<BackupWriter>(
      new RestoreDroppingCopy(std::move(writer), review_rules_->copy));
}

Result<void> PostgresStore::InSnapshot(const std::function<Result<void>()>& work) {
  if (connection_->InTransaction()) return work();
  // REPEATABLE READ takes one snapshot at the first statement and keeps it to the end.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
  Result<void> result = work();
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute(result ? "COMMIT" : "ROLLBACK"));
  return result;
}

Result<bool> PostgresStore::InScrubbingTransaction(const std::function<Result<void>()>& work) {
  if (connection_->InTransaction()) {
    DEBRIEF_RETURN_IF_ERROR(InTransaction(work));
    return false;
  }
  // SERIALIZABLE: the work reads everything and rewrites what names a person, so a row another
  // instance writes meanwhile (a name slipped into a record already read) makes the commit fail
  // rather than stay. Old row versions stay until the vacuum reclaims them: never scrubbed here.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("BEGIN ISOLATION LEVEL SERIALIZABLE"));
  Result<void> result = work();
  if (!result) {
    (void)connection_->Execute("ROLLBACK");
    return result.error();
  }
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("COMMIT"));
  return false;
}

Result<std::unique_ptr<EventImport>> PostgresStore::BeginEventImport(int64_t incident_id) {
  return PostgresEventImport::Begin(*connection_, clock_, incident_id);
}

Result<std::unique_ptr<EventImport>> PostgresStore::BeginDetachedEventImport(int64_t incident_id) {
  // A connection of the import's own (without the store's query observer, which belongs to the
  // store's thread).
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, Connection::Open(conninfo_));
  return PostgresEventImport::Begin(std::move(connection), clock_, incident_id);
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

}  // namespace debrief::store::postgres
