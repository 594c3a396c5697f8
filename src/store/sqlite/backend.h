// What the relational store (store/relational/sql_store.h) needs of SQLite: its connection and
// statements, its write scope (a savepoint; SQLite's one write lock serialises every write), its
// record tables and the SQLite dialect of each statement.
#pragma once

#include <string>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/record_table.h"
#include "store/sqlite/sql.h"
#include "store/sqlite/write_scope.h"

namespace debrief::store::sqlite {

struct Backend {
  using Connection = sqlite::Connection;
  using Statement = sqlite::Statement;
  using WriteScope = sqlite::WriteScope;
  using Sql = sqlite::Sql;
  template <class T>
  using RecordTable = sqlite::RecordTable<T>;

  // The n-th value of a statement built at run time.
  static std::string Parameter(int index) { return "?" + std::to_string(index); }
  // SQLite draws each new id past the highest in its table: nothing to move after a restore.
  static Result<void> FollowRestoredIds(Connection&) { return core::Ok(); }
};

}  // namespace debrief::store::sqlite
