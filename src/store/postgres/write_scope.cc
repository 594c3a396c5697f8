#include "store/postgres/write_scope.h"

#include "store/audit_redaction.h"
#include "store/postgres/sql.h"

namespace debrief::store::postgres {

Result<WriteScope> WriteScope::Begin(Connection& connection, std::optional<int64_t> incident_id) {
  bool outermost = !connection.InTransaction();
  DEBRIEF_RETURN_IF_ERROR(connection.Execute(outermost ? "BEGIN" : "SAVEPOINT debrief_write"));
  WriteScope scope(connection, outermost);
  if (incident_id) DEBRIEF_RETURN_IF_ERROR(LockIncident(connection, *incident_id));
  return scope;
}

WriteScope::WriteScope(WriteScope&& other) noexcept
    : connection_(other.connection_), outermost_(other.outermost_), open_(other.open_) {
  other.open_ = false;
}

WriteScope::~WriteScope() {
  if (!open_) return;
  // A failed rollback means a lost connection, which has ended the transaction anyway.
  if (outermost_) {
    (void)connection_->Execute("ROLLBACK");
  } else {
    (void)connection_->Execute("ROLLBACK TO SAVEPOINT debrief_write");
    (void)connection_->Execute("RELEASE SAVEPOINT debrief_write");
  }
}

Result<void> WriteScope::Commit() {
  open_ = false;
  if (outermost_) return connection_->Commit();
  return connection_->Execute("RELEASE SAVEPOINT debrief_write");
}

Result<void> LockIncident(Connection& connection, int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * lock, connection.Prepare(Sql::kLockIncident));
  lock->Bind(1, incident_id);
  return lock->Run();
}

Result<void> AppendAudit(Connection& connection, const core::AuditEntry& entry) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection.Prepare(Sql::kInsertAudit));
  statement->Bind(1, core::ToEpochMillis(entry.at));
  if (entry.actor_id) {
    statement->Bind(2, *entry.actor_id);
  } else {
    statement->BindNull(2);
  }
  statement->Bind(3, std::string_view(entry.action));
  statement->Bind(4, std::string_view(entry.entity));
  statement->Bind(5, entry.entity_id);
  if (entry.incident_id) {
    statement->Bind(6, *entry.incident_id);
  } else {
    statement->BindNull(6);
  }
  // Whatever the caller passed, the log never keeps an author's words (core/audit_privacy.h).
  statement->Bind(7, std::string_view(RedactAuditDiff(entry.entity, entry.diff_json)));
  return statement->Run();
}

Result<int64_t> ReadIncidentGeneration(Connection& connection, int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection.Prepare(Sql::kIncidentGeneration));
  statement->Bind(1, incident_id);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  int64_t generation = has_row ? statement->Int64(0) : 0;
  statement->Reset();
  return generation;
}

}  // namespace debrief::store::postgres
