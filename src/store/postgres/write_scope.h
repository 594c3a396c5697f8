// WriteScope: one store write on PostgreSQL, so the row and its audit entry land together. It
// opens a transaction, or a savepoint inside the caller's (Store::InTransaction), and rolls back
// unless Commit() is called.
//
// A write that belongs to an incident names it, and the scope locks the incident's row first
// (FOR NO KEY UPDATE: other writers of the incident wait, inserts elsewhere that only check the
// row exists do not). Every id and generation of the incident is drawn after that lock, so they
// are taken in the order the writes commit, on READ COMMITTED: a reader who has seen generation
// G of an incident has seen every row written up to G, and ids above those it has read are all
// newer (incremental timeline reads rely on both).
#pragma once

#include <cstdint>
#include <optional>

#include "core/result.h"
#include "core/user.h"
#include "store/postgres/connection.h"

namespace debrief::store::postgres {

class WriteScope {
 public:
  static Result<WriteScope> Begin(Connection& connection,
                                  std::optional<int64_t> incident_id = std::nullopt);
  WriteScope(WriteScope&& other) noexcept;
  WriteScope(const WriteScope&) = delete;
  ~WriteScope();

  Result<void> Commit();

 private:
  WriteScope(Connection& connection, bool outermost)
      : connection_(&connection), outermost_(outermost) {}
  Connection* connection_;
  bool outermost_;
  bool open_ = true;
};

// Locks the incident's row until the transaction ends (see above); a missing incident locks
// nothing, and the write that follows fails on its foreign key.
Result<void> LockIncident(Connection& connection, int64_t incident_id);

// Appends one audit entry; called inside a WriteScope. An entry about an incident moves the
// incident's generation and carries it.
Result<void> AppendAudit(Connection& connection, const core::AuditEntry& entry);

// The incident's generation (0 before any write).
Result<int64_t> ReadIncidentGeneration(Connection& connection, int64_t incident_id);

}  // namespace debrief::store::postgres
