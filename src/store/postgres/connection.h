// One connection to PostgreSQL through libpq, as the PostgreSQL store uses it: every statement
// is prepared once under a name of its own and run with its values apart from its text (never
// written into it), answers come back as text, and every failure is a core::Error chosen by its
// SQLSTATE — a unique key taken is kAlreadyExists, another broken constraint or bad data is
// kInvalidArgument, a serialization failure, deadlock or lock wait given up is Busy (the same
// work may simply run again), a lost connection is kUnavailable.
//
// Statement has the shape of sqlite::Statement (Bind by 1-based position, Step through rows,
// read columns by 0-based position), so the column codecs of store/columns.h serve both.
//
// Not thread-safe: one connection serves one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/result.h"

struct pg_conn;
struct pg_result;

namespace debrief::store::postgres {

using core::Result;

// Called after each statement has run, for the server's database timing metrics.
using QueryObserver = std::function<void(std::string_view sql, std::chrono::nanoseconds)>;

// A statement's answer copied out: its rows (each value text, or nullopt for NULL) and, for a
// write, how many rows it changed.
struct Rows {
  std::vector<std::vector<std::optional<std::string>>> rows;
  int64_t changed = 0;
};

// The error a failed statement is, from its SQLSTATE (five characters) and the server's message.
core::Error ErrorOfState(std::string_view sqlstate, std::string message);

class Connection;

class Statement {
 public:
  Statement(Connection& connection, std::string sql, std::string name)
      : connection_(connection), sql_(std::move(sql)), name_(std::move(name)) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding a value drops the answer of the last run; the other values stay bound.
  void Bind(int index, int64_t value);
  void Bind(int index, std::string_view value);
  void BindNull(int index);

  // The first call runs the statement; each call moves to the next row, false after the last
  // (and the next call runs it again).
  Result<bool> Step();
  // Runs the statement, keeping only how many rows it changed.
  Result<void> Run();

  bool IsNull(int column) const;
  int64_t Int64(int column) const;
  std::string_view Text(int column) const;
  // Rows the last run returned or changed.
  int64_t RowCount() const;
  int64_t Changes() const { return changes_; }

  // Drops the answer (the bound values stay).
  void Reset();

 private:
  friend class Connection;
  Result<void> Execute();

  Connection& connection_;
  std::string sql_;
  std::string name_;
  std::vector<std::optional<std::string>> parameters_;
  pg_result* answer_ = nullptr;
  int row_ = -1;
  int64_t changes_ = 0;
};

class Connection {
 public:
  struct Options {
    QueryObserver observer;
    // How long a statement waits for a lock another transaction holds before giving up (Busy);
    // unset, as long as it takes.
    std::optional<std::chrono::milliseconds> lock_wait;
    // libpq connection parameters that override the connection string's (connect_timeout,
    // keepalives_idle, tcp_user_timeout, ...): for a connection that must notice a dead server
    // soon.
    std::vector<std::pair<std::string, std::string>> overrides;
  };

  // `conninfo`: a libpq connection string or URI ("postgres://…", "host=/run/pg dbname=x"); its
  // TLS settings (sslmode, sslrootcert, …) are libpq's. What fails to connect is kUnavailable,
  // with libpq's reason.
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo,
                                                  Options options = {});
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The statement for `sql` (`$1`… for its values), prepared on first use and kept.
  Result<Statement*> Prepare(std::string_view sql);
  // Runs `sql` with `parameters` bound (nullopt is NULL) and copies its rows out.
  Result<Rows> Run(std::string_view sql, std::span<const std::optional<std::string>> parameters);
  // Runs statements that take no parameters (a migration's text, BEGIN, COMMIT).
  Result<void> Execute(std::string_view sql);
  // Commits the open transaction. PostgreSQL answers COMMIT of a transaction an earlier statement
  // failed in with a rollback, not an error: that is an error here.
  Result<void> Commit();
  // Runs `copy_sql` (COPY ... FROM STDIN) with `data` as its input, in COPY's text format
  // (copy_rows.h). Returns how many rows it wrote.
  Result<int64_t> CopyIn(std::string_view copy_sql, std::string_view data);

  // Waits until a notification arrives on a channel this connection LISTENs to, `wake_fd` turns
  // readable, or `timeout` passes; returns the channels notified (none on a wake or a timeout).
  // kUnavailable once the connection is lost.
  Result<std::vector<std::string>> AwaitNotifications(int wake_fd,
                                                      std::chrono::milliseconds timeout);

  // Whether a transaction is open on this connection.
  bool InTransaction() const;
  // Rows changed by every write through this connection so far.
  int64_t TotalChanges() const { return total_changes_; }
  // Whether the server is still there, after a failure: false once the connection is lost.
  bool IsAlive() const;

  pg_conn* handle() { return connection_; }

 private:
  friend class Statement;
  Connection(pg_conn* connection, Options options)
      : connection_(connection), options_(std::move(options)) {}
  // The failure of a statement, or of the connection when it answered nothing.
  core::Error Failure(const pg_result* result) const;

  pg_conn* connection_;
  Options options_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
  int64_t total_changes_ = 0;
};

}  // namespace debrief::store::postgres
