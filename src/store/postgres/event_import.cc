#include "store/postgres/event_import.h"

#include "store/postgres/backend.h"
#include "store/postgres/copy_rows.h"
#include "store/postgres/write_scope.h"
#include "store/record_codec.h"
#include "store/relational/audience_memberships.h"
#include "store/relational/import_audit.h"

namespace debrief::store::postgres {
namespace {

// The stage: the timeline's field columns with their types and no constraints, plus the order
// the events came in. Made anew for each import (one at a time per connection).
constexpr char kDropStage[] = "DROP TABLE IF EXISTS pg_temp.event_import_stage";
constexpr char kCreateStage[] =
    "CREATE TEMP TABLE event_import_stage AS SELECT {columns} FROM timeline_events WITH NO DATA";
constexpr char kNumberStage[] =
    "ALTER TABLE pg_temp.event_import_stage ADD COLUMN position bigint GENERATED ALWAYS AS "
    "IDENTITY";
constexpr char kClearStage[] = "TRUNCATE pg_temp.event_import_stage";
// The `source <> 'manual'` term repeats the condition of the partial unique index, so the
// planner can use it.
constexpr char kCountNew[] =
    "SELECT count(DISTINCT s.source) FROM pg_temp.event_import_stage s WHERE NOT EXISTS "
    "(SELECT 1 FROM timeline_events t WHERE t.incident_id = $1 AND t.source = s.source "
    "AND t.source <> 'manual')";
constexpr char kInsertImport[] =
    "INSERT INTO event_imports (incident_id, format, name, created_by, created_at, added, "
    "skipped) VALUES ($1, $2, $3, $4, $5, 0, 0) RETURNING id";
constexpr char kCountImport[] = "UPDATE event_imports SET added = $1, skipped = $2 WHERE id = $3";
constexpr char kDropImport[] = "DELETE FROM event_imports WHERE id = $1";

std::string WithColumns(std::string_view sql, const std::string& columns) {
  std::string text(sql);
  text.replace(text.find("{columns}"), 9, columns);
  return text;
}

}  // namespace

Result<std::unique_ptr<EventImport>> PostgresEventImport::Begin(Connection& connection,
                                                                const core::Clock& clock,
                                                                int64_t incident_id) {
  std::unique_ptr<PostgresEventImport> import(
      new PostgresEventImport(connection, clock, incident_id));
  DEBRIEF_RETURN_IF_ERROR(connection.Execute(kDropStage));
  DEBRIEF_RETURN_IF_ERROR(connection.Execute(
      WithColumns(kCreateStage, RecordCodec<core::TimelineEvent>::FieldColumns())));
  DEBRIEF_RETURN_IF_ERROR(connection.Execute(kNumberStage));
  return std::unique_ptr<EventImport>(std::move(import));
}

Result<std::unique_ptr<EventImport>> PostgresEventImport::Begin(
    std::unique_ptr<Connection> connection, const core::Clock& clock, int64_t incident_id) {
  Connection& used = *connection;
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<EventImport> import, Begin(used, clock, incident_id));
  static_cast<PostgresEventImport&>(*import).owned_connection_ = std::move(connection);
  return import;
}

PostgresEventImport::PostgresEventImport(Connection& connection, const core::Clock& clock,
                                         int64_t incident_id)
    : connection_(connection), clock_(clock), incident_id_(incident_id) {
  std::string columns = RecordCodec<core::TimelineEvent>::FieldColumns();
  copy_sql_ = "COPY pg_temp.event_import_stage (" + columns + ") FROM STDIN";
  // incident_id is taken from the import, whatever the events held.
  std::string selected = columns;
  selected.replace(selected.find("incident_id"), 11, "$3::bigint");
  selected.replace(selected.find("import_id"), 9, "$4::bigint");
  move_sql_ = "INSERT INTO timeline_events (version, created_at, updated_at, " + columns +
              ") SELECT 1, $1, $2, " + selected +
              " FROM pg_temp.event_import_stage ORDER BY position "
              "ON CONFLICT (incident_id, source) WHERE source <> 'manual' DO NOTHING";
}

PostgresEventImport::~PostgresEventImport() { DiscardStage(); }

void PostgresEventImport::DiscardStage() {
  // A lost connection has dropped its temporary tables already.
  if (!discarded_ && connection_.IsAlive()) (void)connection_.Execute(kClearStage);
  discarded_ = true;
}

Result<void> PostgresEventImport::Add(const std::vector<core::TimelineEvent>& events) {
  CopyRows rows;
  for (const core::TimelineEvent& event : events) {
    if (!event.source.starts_with("import:")) {
      return core::Error::InvalidArgument("an imported event's source must be import:<kind>:<id>",
                                          "source");
    }
    RecordCodec<core::TimelineEvent>::BindFields(rows, 1, event);
    rows.EndRow();
  }
  // One statement: the batch lands whole or not at all.
  DEBRIEF_RETURN_IF_ERROR(connection_.CopyIn(copy_sql_, rows.data()));
  staged_ += static_cast<int64_t>(events.size());
  return core::Ok();
}

Result<ImportCounts> PostgresEventImport::Count() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * count, connection_.Prepare(kCountNew));
  count->Bind(1, incident_id_);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, count->Step());
  int64_t added = has_row ? count->Int64(0) : 0;
  count->Reset();
  return ImportCounts{added, staged_ - added};
}

void PostgresEventImport::KeepAudienceMemberships(
    std::string source, std::vector<core::AudienceMembership> memberships) {
  memberships_[std::move(source)] = std::move(memberships);
}

Result<ImportCounts> PostgresEventImport::Commit(const Change& change,
                                                 const ImportDescription& what) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(connection_, incident_id_));
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
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, unit->Step());
  if (!inserted) return core::Error::Internal("the import's insert returned no row");
  int64_t import_id = unit->Int64(0);
  unit->Reset();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * move, connection_.Prepare(move_sql_));
  move->Bind(1, core::ToEpochMillis(now));
  move->Bind(2, core::ToEpochMillis(now));
  move->Bind(3, incident_id_);
  move->Bind(4, import_id);
  DEBRIEF_RETURN_IF_ERROR(move->Run());
  ImportCounts counts{move->Changes(), 0};
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

}  // namespace debrief::store::postgres
