// SqlStore's record of imports: each import that added events is one unit, listed for the
// incident and undone whole (every event it added taken away in one transaction).
#pragma once

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

template <class Row>
Result<EventImportRecord> ReadImport(const Row& statement) {
  EventImportRecord record;
  bool ok =
      ReadColumn(statement, 0, record.id) && ReadColumn(statement, 1, record.incident_id) &&
      ReadColumn(statement, 2, record.what.format) && ReadColumn(statement, 3, record.what.name) &&
      ReadColumn(statement, 4, record.created_by) && ReadColumn(statement, 5, record.created_at) &&
      ReadColumn(statement, 6, record.added) && ReadColumn(statement, 7, record.skipped) &&
      ReadColumn(statement, 8, record.undone_at) && ReadColumn(statement, 9, record.undone_by) &&
      ReadColumn(statement, 10, record.removed);
  if (!ok) return core::Error::Internal("a stored import cannot be read");
  return record;
}

}  // namespace detail

template <class Backend>
Result<std::vector<core::TimelineEvent>> SqlStore<Backend>::ListImportedEvents(int64_t incident_id,
                                                                               int64_t import_id) {
  return events_.ListOfImport(incident_id, import_id);
}

template <class Backend>
Result<std::vector<EventImportRecord>> SqlStore<Backend>::ListEventImports(int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListImports));
  BindColumn(*statement, 1, incident_id);
  std::vector<EventImportRecord> imports;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto record = detail::ReadImport(*statement);
    if (!record) {
      statement->Reset();
      return record.error();
    }
    imports.push_back(std::move(*record));
  }
  return imports;
}

template <class Backend>
Result<EventImportRecord> SqlStore<Backend>::UndoEventImport(int64_t incident_id, int64_t import_id,
                                                             const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, incident_id));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * get, connection_->Prepare(Sql::kGetImport));
  BindColumn(*get, 1, incident_id);
  BindColumn(*get, 2, import_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, get->Step());
  if (!found) return core::Error::NotFound("no import " + std::to_string(import_id) + " here");
  DEBRIEF_ASSIGN_OR_RETURN(EventImportRecord record, detail::ReadImport(*get));
  get->Reset();
  if (record.undone_at) {
    return core::Error::FailedPrecondition("import " + std::to_string(import_id) +
                                           " was undone on " +
                                           core::FormatRfc3339(*record.undone_at));
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * remove, connection_->Prepare(Sql::kRemoveEvents));
  BindColumn(*remove, 1, incident_id);
  BindColumn(*remove, 2, import_id);
  DEBRIEF_RETURN_IF_ERROR(remove->Run());
  record.removed = remove->Changes();
  record.undone_at = clock_.Now();
  record.undone_by = change.actor_id;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * mark, connection_->Prepare(Sql::kMarkUndone));
  BindColumn(*mark, 1, *record.undone_at);
  BindColumn(*mark, 2, record.undone_by);
  BindColumn(*mark, 3, record.removed);
  BindColumn(*mark, 4, import_id);
  DEBRIEF_RETURN_IF_ERROR(mark->Run());
  // Readers holding the incident's events read them all again: the log does not list each.
  core::AuditEntry entry;
  entry.at = *record.undone_at;
  entry.actor_id = change.actor_id;
  entry.action = "undo_import";
  entry.entity = std::string(core::TimelineEvent::kCollection);
  entry.entity_id = import_id;
  entry.incident_id = incident_id;
  entry.diff_json = "{\"removed\":" + std::to_string(record.removed) +
                    ",\"import_id\":" + std::to_string(import_id) + "}";
  DEBRIEF_RETURN_IF_ERROR(AppendAudit(*connection_, entry));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return record;
}

template <class Backend>
Result<void> SqlStore<Backend>::RestoreEventImport(const EventImportRecord& record) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRestoreImport));
  BindColumn(*statement, 1, record.id);
  BindColumn(*statement, 2, record.incident_id);
  BindColumn(*statement, 3, record.what.format);
  BindColumn(*statement, 4, record.what.name);
  BindColumn(*statement, 5, record.created_by);
  BindColumn(*statement, 6, record.created_at);
  BindColumn(*statement, 7, record.added);
  BindColumn(*statement, 8, record.skipped);
  BindColumn(*statement, 9, record.undone_at);
  BindColumn(*statement, 10, record.undone_by);
  BindColumn(*statement, 11, record.removed);
  return statement->Run();
}

}  // namespace debrief::store::relational
