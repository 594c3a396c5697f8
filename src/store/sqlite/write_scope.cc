#include "store/sqlite/write_scope.h"

#include "store/audit_redaction.h"
#include "store/sqlite/sql.h"

namespace debrief::store::sqlite {

Result<WriteScope> WriteScope::Begin(Connection& connection, std::optional<int64_t>) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection.Prepare(Sql::kSavepoint));
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  return WriteScope(connection);
}

WriteScope::WriteScope(WriteScope&& other) noexcept
    : connection_(other.connection_), open_(other.open_) {
  other.open_ = false;
}

WriteScope::~WriteScope() {
  if (!open_) return;
  // A failed rollback leaves nothing better to do than what SQLite does on the next statement.
  if (auto rollback = connection_->Prepare(Sql::kRollbackToSavepoint); rollback) {
    (void)(*rollback)->Run();
  }
  if (auto release = connection_->Prepare(Sql::kReleaseSavepoint); release) {
    (void)(*release)->Run();
  }
}

Result<void> WriteScope::Commit() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kReleaseSavepoint));
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  open_ = false;
  return core::Ok();
}

Result<void> AppendAudit(Connection& connection, const core::AuditEntry& entry) {
  // An entry about an incident moves its generation, in the same transaction as the write.
  std::optional<int64_t> generation;
  if (entry.incident_id) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * bump, connection.Prepare(Sql::kBumpIncidentGeneration));
    bump->Bind(1, *entry.incident_id);
    DEBRIEF_ASSIGN_OR_RETURN(bool bumped, bump->Step());
    if (!bumped) return core::Error::Internal("the incident's generation was not moved");
    generation = bump->Int64(0);
    bump->Reset();
  }
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
  std::string diff = RedactAuditDiff(entry.entity, entry.diff_json);
  statement->Bind(7, std::string_view(diff));
  if (generation) {
    statement->Bind(8, *generation);
  } else {
    statement->BindNull(8);
  }
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

}  // namespace debrief::store::sqlite
