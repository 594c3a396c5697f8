// What the relational store (store/relational/sql_store.h) needs of PostgreSQL: its connection and
// statements, its write scope (a transaction or savepoint that locks the incident a write belongs
// to), its record tables and the PostgreSQL dialect of each statement.
#pragma once

#include <string>

#include "core/result.h"
#include "store/postgres/connection.h"
#include "store/postgres/record_table.h"
#include "store/postgres/sql.h"
#include "store/postgres/write_scope.h"

namespace debrief::store::postgres {

struct Backend {
  using Connection = postgres::Connection;
  using Statement = postgres::Statement;
  using WriteScope = postgres::WriteScope;
  using Sql = postgres::Sql;
  template <class T>
  using RecordTable = postgres::RecordTable<T>;

  // The n-th value of a statement built at run time.
  static std::string Parameter(int index) { return "$" + std::to_string(index); }
  // Identities draw from sequences that know nothing of ids a restore wrote itself.
  static Result<void> FollowRestoredIds(Connection& connection) {
    return connection.Execute(Sql::kMoveIdentities);
  }
};

}  // namespace debrief::store::postgres
