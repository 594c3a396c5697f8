// What reading one large list on two connections at once needs: a read transaction (every
// statement in it sees one state of the database) and a way to run two reads side by side.
// RecordTable uses them for an incident's events, the one list that reaches a hundred thousand.
#pragma once

#include <functional>

#include "core/result.h"
#include "store/sqlite/connection.h"

namespace debrief::store::sqlite {

// BEGIN on construction, COMMIT (which for a read only ends it) on destruction. Only for a
// connection outside any transaction: one inside would see its own uncommitted writes, which no
// other connection can.
class ReadTransaction {
 public:
  static Result<ReadTransaction> Begin(Connection& connection);
  ReadTransaction(ReadTransaction&& other) noexcept;
  ReadTransaction(const ReadTransaction&) = delete;
  ~ReadTransaction();

 private:
  explicit ReadTransaction(Connection& connection) : connection_(&connection) {}
  Connection* connection_;
};

// Runs `there` on a thread of its own while `here` runs on the calling thread; returns when both
// are done. Each must touch only what the other does not (its own connection, its own list).
void RunSideBySide(const std::function<void()>& here, const std::function<void()>& there);

}  // namespace debrief::store::sqlite
