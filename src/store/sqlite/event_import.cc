#include "store/sqlite/event_import.h"

#include "store/record_codec.h"
#include "store/relational/audience_memberships.h"
#include "store/relational/import_audit.h"
#include "store/sqlite/backend.h"
#include "store/sqlite/write_scope.h"

namespace debrief::store::sqlite {
namespace {

// Where an import stages its events when it begins outside a transaction: a temporary database
// of its own (ATTACH of an empty name), which DETACH discards whole. Emptying a staged table row
// by row instead walks every page it wrote, about a tenth of a million-event import.
constexpr char kOwnStage[] = "event_import";
// Inside a transaction (an alert delivery, an archive of postmortems) nothing can be attached:
// those small imports stage in a temporary table of the connection, emptied when done.
constexpr char kSharedStage[] = "temp";

// The staged events, in the order they came; columns as the timeline's, typed as they are bound.
constexpr char kCreateStage[] =
    "CREATE TABLE IF NOT EXISTS {schema}.event_import_stage "
    "(position INTEGER PRIMARY KEY, {columns})";
constexpr char kClearStage[] = "DELETE FROM {schema}.event_import_stage";
// The `source <> 'manual'` term repeats the condition of the partial unique index on
// (incident_id, source): without it SQLite cannot use that index and walks the incident's events
// once per staged line (a 2,000-line preview against 50,000 events took 19 seconds).
constexpr char kCountNew[] =
    "SELECT count(DISTINCT s.source) FROM {schema}.event_import_stage s WHERE NOT EXISTS "
    "(SELECT 1 FROM main.timeline_events t WHERE t.incident_id = ? AND t.source = s.source "
    "AND t.source <> 'manual')";

constexpr char kInsertImport[] =
    "INSERT INTO main.event_imports (incident_id, format, name, created_by, created_at, added, "
    "skipped) VALUES (?, ?, ?, ?, ?, 0, 0)";
constexpr char kCountImport[] = "UPDATE main.event_imports SET added = ?, skipped = ? WHERE id = ?";
constexpr char kDropImport[] = "DELETE FROM main.event_imports WHERE id = ?";

std::string WithSchema(std::string_view sql, std::string_view schema) {
  std::string out(sql);
  out.replace(out.find("{schema}"), 8, schema);
  return out;
}

}  // namespace

Result<std::unique_ptr<EventImport>> SqliteEventImport::Begin(Connection& connection,
                                                              const core::Clock& clock,
                                                              int64_t incident_id) {
  bool own_stage = !connection.InTransaction();
  std::unique_ptr<SqliteEventImport> import(
      new SqliteEventImport(connection, clock, incident_id, own_stage ? kOwnStage : kSharedStage));
  if (own_stage) {
    DEBRIEF_RETURN_IF_ERROR(
        connection.Execute(WithSchema("ATTACH DATABASE '' AS {schema}", kOwnStage)));
    import->attached_ = true;
    // Large pages: the stage is written once and read once, in order, and each page is a
    // system call (4 KiB pages made a million-message import 60,000 writes and as many reads).
    DEBRIEF_RETURN_IF_ERROR(
        connection.Execute(WithSchema("PRAGMA {schema}.page_size = 65536", kOwnStage)));
    // Staged rows need no crash safety (a crash discards the import), only a rollback of a
    // batch that failed half-way.
    DEBRIEF_RETURN_IF_ERROR(
        connection.Execute(WithSchema("PRAGMA {schema}.journal_mode = MEMORY", kOwnStage)));
    DEBRIEF_RETURN_IF_ERROR(
        connection.Execute(WithSchema("PRAGMA {schema}.synchronous = OFF", kOwnStage)));
  }
  std::string create = WithSchema(kCreateStage, import->schema_);
  create.replace(create.find("{columns}"), 9, RecordCodec<core::TimelineEvent>::FieldColumns());
  DEBRIEF_RETURN_IF_ERROR(connection.Execute(create));
  if (!own_stage) DEBRIEF_RETURN_IF_ERROR(connection.Execute(WithSchema(kClearStage, "temp")));
  return std::unique_ptr<EventImport>(std::move(import));
}

Result<std::unique_ptr<EventImport>> SqliteEventImport::Begin(
    std::unique_ptr<Connection> connection, const core::Clock& clock, int64_t incident_id) {
  Connection& used = *connection;
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<EventImport> import, Begin(used, clock, incident_id));
  static_cast<SqliteEventImport&>(*import).owned_connection_ = std::move(connection);
  return import;
}

SqliteEventImport::SqliteEventImport(Connection& connection, const core::Clock& clock,
                                     int64_t incident_id, std::string_view schema)
    : connection_(connection), clock_(clock), incident_id_(incident_id), schema_(schema) {
  using Codec = RecordCodec<core::TimelineEvent>;
  std::string placeholders;
  for (int index = 0; index < Codec::FieldCount(); ++index) {
    placeholders += index == 0 ? "?" : ", ?";
  }
  stage_sql_ = "INSERT INTO " + schema_ + ".event_import_stage (" + Codec::FieldColumns() +
               ") VALUES (" + placeholders + ")";
  // incident_id is taken from the import, whatever the events held.
  std::string columns = Codec::FieldColumns();
  std::string selected = columns;
  selected.replace(selected.find("incident_id"), 11, "?3");
  selected.replace(selected.find("import_id"), 9, "?4");
  move_sql_ = "INSERT OR IGNORE INTO main.timeline_events (version, created_at, updated_at, " +
              columns + ") SELECT 1, ?1, ?2, " + selected + " FROM " + schema_ +
              ".event_import_stage ORDER BY position";
  count_sql_ = WithSchema(kCountNew, schema_);
}

SqliteEventImport::~SqliteEventImport() { DiscardStage(); }

void SqliteEventImport::DiscardStage() {
  if (attached_) {
    attached_ = !connection_.Execute(WithSchema("DETACH DATABASE {schema}", kOwnStage));
  } else if (!discarded_) {
    (void)connection_.Execute(WithSchema(kClearStage, schema_));
  }
  discarded_ = true;
}

Result<void> SqliteEventImport::Add(const std::vector<core::TimelineEvent>& events) {
  // Each batch is a transaction of its own on the temporary table only.
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * stage, connection_.Prepare(stage_sql_));
  for (const core::TimelineEvent& event : events) {
    if (!event.source.starts_with("import:")) {
      return core::Error::InvalidArgument("an imported event's source must be import:<kind>:<id>",
                                          "source");
    }
    stage->Reset();
    RecordCodec<core::TimelineEvent>::BindFields(*stage, 1, event);
    DEBRIEF_RETURN_IF_ERROR(stage->Run());
  }
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  staged_ += static_cast<int64_t>(events.size());
  return core::Ok();
}

Result<ImportCounts> SqliteEventImport::Count() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * count, connection_.Prepare(count_sql_));
  count->Bind(1, incident_id_);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, count->Step());
  int64_t added = has_row ? count->Int64(0) : 0;
  count->Reset();
  return ImportCounts{added, staged_ - added};
}

void SqliteEventImport::KeepAudienceMemberships(std::string source,
                                                std::vector<core::AudienceMembership> memberships) {
  memberships_[std::move(source)] = std::move(memberships);
}

Result<ImportCounts> SqliteEventImport::Commit(const Change& change,
                                               const ImportDescription& what) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_));
  core::Timestamp now = clock_.Now();
  // The unit first, so its events can name it; counted once they have landed.
  DEBRIEF_ASSIGN_OR_RETURN(Statement * unit, connection_.Prepare(kInsertImport));
  unit->Bind(1, incident_id_);
  unit->Bind(2, std::string_view(what.format));
  unit->Bind(3, std::string_view(what.name));
  if (change.actor_id) {
    unit->Bind(4, *change.actor_id);
  } else {
    unit->BindNull(4);
  }
  unit->Bind(5, core::ToEpochMillis(now));
  DEBRIEF_RETURN_IF_ERROR(unit->Run());
  int64_t import_id = connection_.LastInsertRowId();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * move, connection_.Prepare(move_sql_));
  move->Bind(1, core::ToEpochMillis(now));
  move->Bind(2, core::ToEpochMillis(now));
  move->Bind(3, incident_id_);
  move->Bind(4, import_id);
  DEBRIEF_RETURN_IF_ERROR(move->Run());
  ImportCounts counts{connection_.Changes(), 0};
  counts.skipped = staged_ - counts.added;
  // An import that added nothing (the same file again) is no unit anyone would undo.
  DEBRIEF_ASSIGN_OR_RETURN(Statement * counted,
                           connection_.Prepare(counts.added > 0 ? kCountImport : kDropImport));
  if (counts.added > 0) {
    counted->Bind(1, counts.added);
    counted->Bind(2, counts.skipped);
    counted->Bind(3, import_id);
  } else {
    counted->Bind(1, import_id);
  }
  DEBRIEF_RETURN_IF_ERROR(counted->Run());
  for (const auto& [source, memberships] : memberships_) {
    DEBRIEF_RETURN_IF_ERROR(relational::WriteAudienceMemberships<Backend>(connection_, incident_id_,
                                                                          source, memberships));
  }

  core::AuditEntry entry =
      relational::ImportAuditEntry(change, incident_id_, counts, import_id, now);
  DEBRIEF_RETURN_IF_ERROR(AppendAudit(connection_, entry));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  DiscardStage();
  return counts;
}

}  // namespace debrief::store::sqlite
