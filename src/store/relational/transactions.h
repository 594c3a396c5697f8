// SqlStore's transactions, its one statement of health, and the audit log every write appends to.
#pragma once

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {

template <class Backend>
int64_t SqlStore<Backend>::WriteCount() const {
  return connection_->TotalChanges();
}

template <class Backend>
Result<void> SqlStore<Backend>::Ping() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kPing));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  statement->Reset();
  if (!has_row) return core::Error::Unavailable("the database did not answer");
  return core::Ok();
}

template <class Backend>
Result<void> SqlStore<Backend>::InTransaction(const std::function<Result<void>()>& work) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_RETURN_IF_ERROR(work());
  return scope.Commit();
}

template <class Backend>
Result<void> SqlStore<Backend>::AuditWrite(std::string_view action, std::string_view entity,
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

template <class Backend>
Result<std::vector<core::AuditEntry>> SqlStore<Backend>::ListAudit(const AuditQuery& query) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListAudit));
  BindColumn(*statement, 1, query.incident_id);
  BindColumn(*statement, 2, query.before_id);
  statement->Bind(3, static_cast<int64_t>(query.limit));
  BindColumn(*statement, 4, query.hidden_incident_ids);
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

}  // namespace debrief::store::relational
