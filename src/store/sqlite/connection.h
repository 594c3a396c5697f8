// A SQLite connection and its prepared statements. Every sqlite3_* call of debrief is made here
// (but for fts_tokenizer.cc, which borrows FTS5's tokenizer through its C API), and its return
// code becomes an Error before it leaves this file. Statements are prepared once
// and cached by their text; SQL text never contains user data (values are always bound).
//
// Not thread-safe: one Connection belongs to one thread.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace debrief::store::sqlite {

using core::Result;

// Called after each statement has run to completion, for the server's DB timing metrics.
using QueryObserver = std::function<void(std::string_view sql, std::chrono::nanoseconds)>;

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement, const QueryObserver* observer);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1, as in SQLite.
  void Bind(int index, int64_t value);
  void Bind(int index, std::string_view value);
  void BindNull(int index);

  // Advances to the next row: true when there is one, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Result<void> Run();

  bool IsNull(int column) const;
  int64_t Int64(int column) const;
  double Double(int column) const;
  std::string_view Text(int column) const;
  // Rows the statement changed, read right after it ran (before another statement runs).
  int64_t Changes() const;

  // Makes the statement ready for its next use; called by Connection::Prepare.
  void Reset();

 private:
  // Reports the time since the first Step to the observer, once per execution.
  void Observe();

  sqlite3* db_;
  sqlite3_stmt* statement_;
  const QueryObserver* observer_;
  std::chrono::steady_clock::time_point started_{};
};

// The page size of a database debrief creates. A large import writes each page it touches to the
// WAL and again to the database at the checkpoint, and SQLite re-reads and re-checksums the WAL
// frames a transaction overwrites, all per page: with 8 KiB pages a 1,000,000-event import runs
// 1.3 times as fast as with SQLite's 4 KiB, and a search reads fewer pages. A small commit writes
// whole pages, so single-event writes pay for it (0.7 to 0.85 times as many per second); 16 KiB
// pages import no faster and nearly halve those. Figures in bench/README.md.
inline constexpr int kNewDatabasePageSize = 8192;

class Connection {
 public:
  struct Options {
    std::chrono::milliseconds busy_timeout{5000};
    QueryObserver observer;
  };

  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Options options);
  ~Connection();

  // A cached statement, reset and with its bindings cleared, valid until the next Prepare of the
  // same text. Callers use it immediately and do not keep it.
  Result<Statement*> Prepare(std::string_view sql);
  // Runs SQL without parameters (migrations, pragmas, transaction control).
  Result<void> Execute(std::string_view sql);

  int64_t Changes() const;
  // Rows inserted, changed or deleted by statements that completed on this connection since it
  // opened (also those of transactions rolled back later).
  int64_t TotalChanges() const;
  // How long a statement waits for another connection's lock from now on (0: not at all).
  void SetBusyTimeout(std::chrono::milliseconds timeout);
  // The rowid the last INSERT on this connection gave its row.
  int64_t LastInsertRowId() const;
  // Whether a transaction is open (SQLite is not in autocommit mode).
  bool InTransaction() const;
  // Copies the whole database into a new file at `path` with SQLite's online backup API, in one
  // step: the copy is the database as of one moment, while other connections keep writing.
  Result<void> CopyTo(const std::string& path);
  // For fts_tokenizer.cc alone, which borrows FTS5's tokenizer through its C API.
  sqlite3* handle() { return db_; }

 private:
  Connection(sqlite3* db, Options options);

  sqlite3* db_;
  Options options_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

// Turns a failed SQLite call into an Error; constraint failures become kAlreadyExists or
// kInvalidArgument, a busy database kUnavailable.
core::Error SqliteError(sqlite3* db, int code, std::string_view context);

}  // namespace debrief::store::sqlite
