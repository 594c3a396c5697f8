// WriteScope: a SAVEPOINT around one store write, so the row and its audit entry land together
// and nest inside Store::InTransaction. Rolls back unless Commit() is called.
#pragma once

#include <optional>

#include "core/result.h"
#include "core/user.h"
#include "store/sqlite/connection.h"

namespace debrief::store::sqlite {

class WriteScope {
 public:
  // `incident_id` names the incident a write belongs to; SQLite needs nothing more for it, as
  // its one write lock already serialises every write (postgres/write_scope.h locks the row).
  static Result<WriteScope> Begin(Connection& connection,
                                  std::optional<int64_t> incident_id = std::nullopt);
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
