#include "store/postgres/connection.h"

#include <libpq-fe.h>

#include <poll.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>

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
  // Class 23, other broken constraints (a foreign key, a check, a NOT NULL): what was written
  // does not fit, as SQLite says it.
  if (sqlstate.starts_with("23")) return core::Error::InvalidArgument(std::move(message));
  // A serialization failure, a deadlock or a lock waited for too long: nothing of the
  // transaction stayed, and running it again is expected to succeed.
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    return core::Error::Busy(std::move(message));
  }
  // Class 08, connection exceptions; 57P01-03, the server shutting down or not yet up.
  if (sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03") {
    return core::Error::Unavailable(std::move(message));
  }
  // Class 22, data exceptions (a value out of range, text that is not UTF-8): bad input.
  if (sqlstate.starts_with("22")) return core::Error::InvalidArgument(std::move(message));
  return core::Error::Internal("PostgreSQL " + std::string(sqlstate) + ": " + message);
}

Statement::~Statement() {
  if (answer_ != nullptr) PQclear(answer_);
}

void Statement::Bind(int index, int64_t value) {
  Bind(index, std::string_view(std::to_string(value)));
}

void Statement::Bind(int index, std::string_view value) {
  Reset();
  if (parameters_.size() < static_cast<size_t>(index)) parameters_.resize(index);
  parameters_[index - 1].emplace(value);
}

void Statement::BindNull(int index) {
  Reset();
  if (parameters_.size() < static_cast<size_t>(index)) parameters_.resize(index);
  parameters_[index - 1].reset();
}

void Statement::Reset() {
  if (answer_ != nullptr) PQclear(answer_);
  answer_ = nullptr;
  row_ = -1;
}

Result<void> Statement::Execute() {
  Reset();
  std::vector<const char*> values;
  values.reserve(parameters_.size());
  for (const std::optional<std::string>& parameter : parameters_) {
    values.push_back(parameter ? parameter->c_str() : nullptr);
  }
  auto started = std::chrono::steady_clock::now();
  PGresult* answer =
      PQexecPrepared(connection_.connection_, name_.c_str(), static_cast<int>(values.size()),
                     values.data(), nullptr, nullptr, 0);
  if (connection_.options_.observer) {
    connection_.options_.observer(sql_, std::chrono::steady_clock::now() - started);
  }
  ExecStatusType status = PQresultStatus(answer);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    core::Error error = connection_.Failure(answer);
    PQclear(answer);
    return error;
  }
  answer_ = answer;
  changes_ = 0;
  const char* changed = PQcmdTuples(answer);
  if (changed != nullptr && *changed != '\0') {
    std::from_chars(changed, changed + std::char_traits<char>::length(changed), changes_);
  }
  // A SELECT counts the rows it read; only writes move the connection's count.
  if (status == PGRES_COMMAND_OK || PQcmdStatus(answer)[0] != 'S') {
    connection_.total_changes_ += changes_;
  }
  return core::Ok();
}

Result<bool> Statement::Step() {
  if (answer_ == nullptr) DEBRIEF_RETURN_IF_ERROR(Execute());
  ++row_;
  if (row_ < PQntuples(answer_)) return true;
  Reset();
  return false;
}

Result<void> Statement::Run() {
  DEBRIEF_RETURN_IF_ERROR(Execute());
  Reset();
  return core::Ok();
}

bool Statement::IsNull(int column) const { return PQgetisnull(answer_, row_, column) != 0; }

int64_t Statement::Int64(int column) const {
  const char* text = PQgetvalue(answer_, row_, column);
  int64_t value = 0;
  std::from_chars(text, text + PQgetlength(answer_, row_, column), value);
  return value;
}

std::string_view Statement::Text(int column) const {
  return std::string_view(PQgetvalue(answer_, row_, column),
                          static_cast<size_t>(PQgetlength(answer_, row_, column)));
}

int64_t Statement::RowCount() const { return answer_ == nullptr ? 0 : PQntuples(answer_); }

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo, Options options) {
  // libpq's messages about a location it cannot read quote the location, password and all: the
  // secrets it holds are found first, and taken out of any message about it.
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (parsed == nullptr) {
    PQfreemem(parse_error);
    return core::Error::InvalidArgument(
        "the PostgreSQL location cannot be read: give a URL such as "
        "postgres://user@host:5432/database?sslmode=verify-full (with any '@', ':', '/' or '?' "
        "in the password percent-encoded)",
        "db");
  }
  std::vector<std::string> secrets;
  for (PQconninfoOption* option = parsed; option->keyword != nullptr; ++option) {
    std::string_view keyword = option->keyword;
    if (option->val != nullptr && *option->val != '\0' && keyword.ends_with("password")) {
      secrets.emplace_back(option->val);
    }
  }
  PQconninfoFree(parsed);
  auto without_secrets = [&secrets](std::string message) {
    for (const std::string& secret : secrets) {
      for (size_t at = message.find(secret); at != std::string::npos;
           at = message.find(secret, at + 3)) {
        message.replace(at, secret.size(), "***");
      }
    }
    return message;
  };
  // The connection string is expanded as "dbname"; parameters after it override its own.
  std::vector<const char*> keywords{"dbname"};
  std::vector<const char*> values{conninfo.c_str()};
  for (const auto& [keyword, value] : options.overrides) {
    keywords.push_back(keyword.c_str());
    values.push_back(value.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* handle = PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1);
  if (handle == nullptr) return core::Error::Unavailable("libpq could not allocate a connection");
  auto connection = std::unique_ptr<Connection>(new Connection(handle, std::move(options)));
  if (PQstatus(handle) != CONNECTION_OK) {
    return core::Error::Unavailable("cannot connect to PostgreSQL: " +
                                    without_secrets(Trimmed(PQerrorMessage(handle))));
  }
  // Text is UTF-8 both ways, whatever the server's default.
  if (PQsetClientEncoding(handle, "UTF8") != 0) {
    return core::Error::Unavailable("PostgreSQL refused UTF-8 as the client encoding");
  }
  // Notices (a savepoint released twice, an identity moved) are not the user's business; libpq
  // would write them to stderr.
  PQsetNoticeProcessor(
      handle, [](void*, const char*) {}, nullptr);
  std::string settings = "SET TIME ZONE 'UTC'";
  DEBRIEF_RETURN_IF_ERROR(connection->Execute(settings));
  if (connection->options_.lock_wait) {
    DEBRIEF_RETURN_IF_ERROR(connection->Execute(
        "SET lock_timeout = " +
        std::to_string(std::max<int64_t>(1, connection->options_.lock_wait->count()))));
  }
  return connection;
}

Connection::~Connection() {
  statements_.clear();
  PQfinish(connection_);
}

Result<std::vector<std::string>> Connection::AwaitNotifications(int wake_fd,
                                                                std::chrono::milliseconds timeout) {
  auto lost = [this] {
    return core::Error::Unavailable("the PostgreSQL connection was lost: " +
                                    Trimmed(PQerrorMessage(connection_)));
  };
  std::vector<std::string> channels;
  // Notifications that came in with the answer of a statement are in libpq already.
  while (PGnotify* notification = PQnotifies(connection_)) {
    channels.emplace_back(notification->relname);
    PQfreemem(notification);
  }
  if (!channels.empty()) return channels;
  std::array<pollfd, 2> watched{pollfd{.fd = PQsocket(connection_), .events = POLLIN, .revents = 0},
                                pollfd{.fd = wake_fd, .events = POLLIN, .revents = 0}};
  if (watched[0].fd < 0) return lost();
  int ready = poll(watched.data(), watched.size(), static_cast<int>(timeout.count()));
  if (ready < 0 && errno != EINTR) return core::Error::Internal("poll failed while listening");
  if (ready <= 0 || (watched[0].revents & (POLLIN | POLLERR | POLLHUP)) == 0) return channels;
  if (PQconsumeInput(connection_) == 0 || PQstatus(connection_) != CONNECTION_OK) return lost();
  while (PGnotify* notification = PQnotifies(connection_)) {
    channels.emplace_back(notification->relname);
    PQfreemem(notification);
  }
  return channels;
}

bool Connection::InTransaction() const { return PQtransactionStatus(connection_) != PQTRANS_IDLE; }

bool Connection::IsAlive() const { return PQstatus(connection_) == CONNECTION_OK; }

core::Error Connection::Failure(const pg_result* result) const {
  if (PQstatus(connection_) == CONNECTION_BAD) {
    return core::Error::Unavailable("the connection to PostgreSQL was lost: " +
                                    Trimmed(PQerrorMessage(connection_)));
  }
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  // The primary message only: PostgreSQL's DETAIL names the values a constraint refused, and
  // "Failing row contains (...)" would carry someone's words into an error, and from there into a
  // log or a response. (A lost connection's message is libpq's own, about the connection.)
  const char* primary =
      result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  std::string message =
      primary != nullptr ? Trimmed(primary) : Trimmed(PQerrorMessage(connection_));
  return ErrorOfState(state == nullptr ? "XX000" : state, std::move(message));
}

Result<Statement*> Connection::Prepare(std::string_view sql) {
  std::string text(sql);
  auto found = statements_.find(text);
  if (found != statements_.end()) return found->second.get();
  std::string name = "s" + std::to_string(statements_.size() + 1);
  Answer prepared(PQprepare(connection_, name.c_str(), text.c_str(), 0, nullptr), &PQclear);
  if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return Failure(prepared.get());
  auto statement = std::make_unique<Statement>(*this, text, std::move(name));
  Statement* kept = statement.get();
  statements_.emplace(std::move(text), std::move(statement));
  return kept;
}

Result<Rows> Connection::Run(std::string_view sql,
                             std::span<const std::optional<std::string>> parameters) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, Prepare(sql));
  for (size_t index = 0; index < parameters.size(); ++index) {
    int position = static_cast<int>(index) + 1;
    if (parameters[index]) {
      statement->Bind(position, std::string_view(*parameters[index]));
    } else {
      statement->BindNull(position);
    }
  }
  Rows rows;
  DEBRIEF_RETURN_IF_ERROR(statement->Execute());
  int count = static_cast<int>(statement->RowCount());
  rows.changed = statement->Changes();
  rows.rows.reserve(static_cast<size_t>(count));
  for (int row = 0; row < count; ++row) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto& values = rows.rows.emplace_back();
    int columns = PQnfields(statement->answer_);
    for (int column = 0; column < columns; ++column) {
      if (statement->IsNull(column)) {
        values.emplace_back();
      } else {
        values.emplace_back(std::string(statement->Text(column)));
      }
    }
  }
  statement->Reset();
  return rows;
}

Result<void> Connection::Execute(std::string_view sql) {
  auto started = std::chrono::steady_clock::now();
  Answer answer(PQexec(connection_, std::string(sql).c_str()), &PQclear);
  if (options_.observer) options_.observer(sql, std::chrono::steady_clock::now() - started);
  ExecStatusType status = PQresultStatus(answer.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Failure(answer.get());
  return core::Ok();
}

Result<void> Connection::Commit() {
  Answer answer(PQexec(connection_, "COMMIT"), &PQclear);
  if (PQresultStatus(answer.get()) != PGRES_COMMAND_OK) return Failure(answer.get());
  if (std::string_view(PQcmdStatus(answer.get())) != "COMMIT") {
    return core::Error::Internal("the transaction had failed and was rolled back, not committed");
  }
  return core::Ok();
}

Result<int64_t> Connection::CopyIn(std::string_view copy_sql, std::string_view data) {
  auto started = std::chrono::steady_clock::now();
  Answer begun(PQexec(connection_, std::string(copy_sql).c_str()), &PQclear);
  if (PQresultStatus(begun.get()) != PGRES_COPY_IN) return Failure(begun.get());
  // Sent in pieces of a megabyte: libpq buffers what it is given until the socket takes it.
  constexpr size_t kPiece = 1 << 20;
  bool sent = true;
  for (size_t at = 0; at < data.size() && sent; at += kPiece) {
    std::string_view piece = data.substr(at, kPiece);
    sent = PQputCopyData(connection_, piece.data(), static_cast<int>(piece.size())) == 1;
  }
  PQputCopyEnd(connection_, sent ? nullptr : "debrief could not send the rows");
  Result<int64_t> written = int64_t{0};
  while (PGresult* result = PQgetResult(connection_)) {
    Answer answer(result, &PQclear);
    if (PQresultStatus(result) == PGRES_COMMAND_OK) {
      const char* changed = PQcmdTuples(result);
      int64_t rows = 0;
      std::from_chars(changed, changed + std::char_traits<char>::length(changed), rows);
      if (written) written = rows;
    } else if (written) {
      written = Failure(result);
    }
  }
  if (options_.observer) options_.observer(copy_sql, std::chrono::steady_clock::now() - started);
  if (written) total_changes_ += *written;
  return written;
}

}  // namespace debrief::store::postgres
