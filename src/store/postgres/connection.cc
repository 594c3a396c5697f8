#include "store/postgres/connection.h"

#include <libpq-fe.h>

namespace debrief::store::postgres {
namespace {

using Answer = std::unique_ptr<PGresult, decltype(&PQclear)>;

// libpq's messages end in a newline.
std::string Trimmed(const char* message) {
  std::string text = message == nullptr ? std::string() : std::string(message);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

core::Error ErrorOfState(std::string_view sqlstate, std::string message) {
  if (sqlstate == "23505") return core::Error::AlreadyExists(std::move(message));
  // A serialization failure or a deadlock: nothing of the transaction stayed, and running it
  // again is expected to succeed.
  if (sqlstate == "40001" || sqlstate == "40P01") return core::Error::Busy(std::move(message));
  // Class 08, connection exceptions; 57P01-03, the server shutting down or not yet up.
  if (sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03") {
    return core::Error::Unavailable(std::move(message));
  }
  // Class 22, data exceptions (a value out of range, text that is not UTF-8): bad input.
  if (sqlstate.starts_with("22")) return core::Error::InvalidArgument(std::move(message));
  return core::Error::Internal("PostgreSQL " + std::string(sqlstate) + ": " + message);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo) {
  PGconn* connection = PQconnectdb(conninfo.c_str());
  if (connection == nullptr)
    return core::Error::Unavailable("libpq could not allocate a connection");
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string reason = Trimmed(PQerrorMessage(connection));
    PQfinish(connection);
    return core::Error::Unavailable("cannot connect to PostgreSQL: " + reason);
  }
  // Text is UTF-8 both ways, whatever the server's default.
  if (PQsetClientEncoding(connection, "UTF8") != 0) {
    PQfinish(connection);
    return core::Error::Unavailable("PostgreSQL refused UTF-8 as the client encoding");
  }
  return std::unique_ptr<Connection>(new Connection(connection));
}

Connection::~Connection() { PQfinish(connection_); }

core::Error Connection::Failure(const pg_result* result) const {
  if (PQstatus(connection_) == CONNECTION_BAD) {
    return core::Error::Unavailable("the connection to PostgreSQL was lost: " +
                                    Trimmed(PQerrorMessage(connection_)));
  }
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  std::string message = result == nullptr ? Trimmed(PQerrorMessage(connection_))
                                          : Trimmed(PQresultErrorMessage(result));
  return ErrorOfState(state == nullptr ? "XX000" : state, std::move(message));
}

Result<Rows> Connection::Run(std::string_view sql,
                             std::span<const std::optional<std::string>> parameters) {
  std::string text(sql);
  auto found = prepared_.find(text);
  if (found == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    Answer prepared(PQprepare(connection_, name.c_str(), text.c_str(),
                              static_cast<int>(parameters.size()), nullptr),
                    &PQclear);
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return Failure(prepared.get());
    found = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const std::optional<std::string>& parameter : parameters) {
    values.push_back(parameter ? parameter->c_str() : nullptr);
  }
  Answer answer(PQexecPrepared(connection_, found->second.c_str(), static_cast<int>(values.size()),
                               values.data(), nullptr, nullptr, 0),
                &PQclear);
  ExecStatusType status = PQresultStatus(answer.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Failure(answer.get());
  Rows rows;
  int count = PQntuples(answer.get());
  int columns = PQnfields(answer.get());
  rows.rows.reserve(static_cast<size_t>(count));
  for (int row = 0; row < count; ++row) {
    std::vector<std::optional<std::string>>& values_of_row = rows.rows.emplace_back();
    values_of_row.reserve(static_cast<size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      if (PQgetisnull(answer.get(), row, column)) {
        values_of_row.emplace_back();
      } else {
        values_of_row.emplace_back(
            std::string(PQgetvalue(answer.get(), row, column),
                        static_cast<size_t>(PQgetlength(answer.get(), row, column))));
      }
    }
  }
  const char* changed = PQcmdTuples(answer.get());
  if (changed != nullptr && *changed != '\0') rows.changed = std::stoll(changed);
  return rows;
}

Result<void> Connection::Execute(std::string_view sql) {
  Answer answer(PQexec(connection_, std::string(sql).c_str()), &PQclear);
  ExecStatusType status = PQresultStatus(answer.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Failure(answer.get());
  return core::Ok();
}

}  // namespace debrief::store::postgres
