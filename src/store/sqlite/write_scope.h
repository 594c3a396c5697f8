// WriteScope: a SAVEPOINT around one store write, so the row and its audit entry land together
// and nest inside Store::InTransaction. Rolls back unless Commit() is called.
#pragma once

#include "core/result.h"
#include "core/user.h"
#include "store/sqlite/connection.h"

namespace debrief::store::sqlite {

class WriteScope {
 public:
  static Result<WriteScope> Begin(Connection& connection);
  WriteScope(WriteScope&& other) noexcept;
  WriteScope(const WriteScope&) = delete;
  ~WriteScope();

  Result<void> Commit();

 private:
  explicit WriteScope(Connection& connection) : connection_(&connection) {}
  Connection* connection_;
  bool open_ = true;
};

// Appends one audit entry; called inside a WriteScope. An entry about an incident moves the
// incident's generation and carries it.
Result<void> AppendAudit(Connection& connection, const core::AuditEntry& entry);

// The incident's generation (0 before any write), as `connection` sees the database.
Result<int64_t> ReadIncidentGeneration(Connection& connection, int64_t incident_id);

}  // namespace debrief::store::sqlite
