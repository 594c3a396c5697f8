// One connection to PostgreSQL through libpq, as the PostgreSQL store uses it: every statement
// with parameters is prepared once under a name of its own and run with its values apart from
// its text (never written into it), answers come back as rows of text, and every failure is a
// core::Error chosen by its SQLSTATE — a unique key taken is kAlreadyExists, a serialization
// failure or deadlock is Busy (the same work may simply run again), a lost connection is
// kUnavailable.
//
// Not thread-safe: one connection serves one thread at a time.
#pragma once

#include <cstdint>
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

// A statement's answer: its rows (each value text, or nullopt for NULL) and, for a write, how
// many rows it changed.
struct Rows {
  std::vector<std::vector<std::optional<std::string>>> rows;
  int64_t changed = 0;
};

// The error a failed statement is, from its SQLSTATE (five characters) and the server's message.
core::Error ErrorOfState(std::string_view sqlstate, std::string message);

class Connection {
 public:
  // `conninfo`: a libpq connection string or URI ("postgres://…", "host=/run/pg dbname=x").
  // What fails to connect is kUnavailable, with libpq's reason.
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql` with `$1`… bound to `parameters` (nullopt is NULL), prepared on first use.
  Result<Rows> Run(std::string_view sql, std::span<const std::optional<std::string>> parameters);
  // Runs statements that take no parameters (a migration's text, BEGIN, COMMIT).
  Result<void> Execute(std::string_view sql);

 private:
  explicit Connection(pg_conn* connection) : connection_(connection) {}
  // The failure of a statement, or of the connection when it answered nothing.
  core::Error Failure(const pg_result* result) const;

  pg_conn* connection_;
  std::unordered_map<std::string, std::string> prepared_;  // Text -> the statement's name.
};

}  // namespace debrief::store::postgres
