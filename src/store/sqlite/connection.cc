#include "store/sqlite/connection.h"

#include <mutex>
#include <string>
#include <utility>

namespace debrief::store::sqlite {

core::Error SqliteError(sqlite3* db, int code, std::string_view context) {
  std::string message =
      std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return core::Error::AlreadyExists(std::move(message));
      }
      return core::Error::InvalidArgument(std::move(message));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return core::Error::Busy("the database is busy; try again");
    case SQLITE_FULL:
      return core::Error::Unavailable("the disk is full");
    default:
      return core::Error::Internal(std::move(message));
  }
}

Statement::Statement(sqlite3* db, sqlite3_stmt* statement, const QueryObserver* observer)
    : db_(db), statement_(statement), observer_(observer) {}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::Bind(int index, int64_t value) { sqlite3_bind_int64(statement_, index, value); }

void Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::BindNull(int index) { sqlite3_bind_null(statement_, index); }

Result<bool> Statement::Step() {
  if (started_ == std::chrono::steady_clock::time_point{}) {
    started_ = std::chrono::steady_clock::now();
  }
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  Observe();
  if (code == SQLITE_DONE) return false;
  core::Error error = SqliteError(db_, sqlite3_extended_errcode(db_), "query failed");
  // A statement that failed stays active until reset, and an active statement keeps its
  // transaction from ending: a write that met a locked database would leave the connection's
  // savepoint open, and every later write on it failing.
  sqlite3_reset(statement_);
  return error;
}

Result<void> Statement::Run() {
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, Step());
  (void)has_row;
  return core::Ok();
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

int64_t Statement::Int64(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(statement_, column); }

std::string_view Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

void Statement::Reset() {
  // Single-row reads and RETURNING writes stop before SQLITE_DONE; they count too.
  Observe();
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

void Statement::Observe() {
  if (started_ == std::chrono::steady_clock::time_point{}) return;
  if (observer_ != nullptr && *observer_) {
    (*observer_)(sqlite3_sql(statement_), std::chrono::steady_clock::now() - started_);
  }
  started_ = {};
}

Connection::Connection(sqlite3* db, Options options) : db_(db), options_(std::move(options)) {}

Connection::~Connection() {
  statements_.clear();
  sqlite3_close_v2(db_);
}

Result<void> Connection::CopyTo(const std::string& path) {
  sqlite3* copy = nullptr;
  int code =
      sqlite3_open_v2(path.c_str(), &copy,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    core::Error error = core::Error::Unavailable(
        "cannot create " + path + ": " + (copy ? sqlite3_errmsg(copy) : sqlite3_errstr(code)));
    sqlite3_close_v2(copy);
    return error;
  }
  // All pages in one step: the source is read under one read transaction, so the copy is one
  // snapshot (several steps would restart whenever another connection writes).
  sqlite3_backup* backup = sqlite3_backup_init(copy, "main", db_, "main");
  if (backup == nullptr) {
    core::Error error =
        core::Error::Internal(std::string("cannot start the copy: ") + sqlite3_errmsg(copy));
    sqlite3_close_v2(copy);
    return error;
  }
  int stepped = sqlite3_backup_step(backup, -1);
  int finished = sqlite3_backup_finish(backup);
  Result<void> result = core::Ok();
  if (stepped != SQLITE_DONE) {
    result = SqliteError(copy, stepped, "copying the database");
  } else if (finished != SQLITE_OK) {
    result = SqliteError(copy, finished, "finishing the copy");
  }
  sqlite3_close_v2(copy);
  return result;
}

int64_t Connection::TotalChanges() const { return sqlite3_total_changes64(db_); }

void Connection::SetBusyTimeout(std::chrono::milliseconds timeout) {
  options_.busy_timeout = timeout;
  sqlite3_busy_timeout(db_, static_cast<int>(timeout.count()));
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Options options) {
  // SQLite counts every allocation under a global mutex for sqlite3_status(), which debrief never
  // reads: at a few allocations per row, that lock was 8% of a large import. Only possible before
  // SQLite initialises, so done once, before the first open.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int code = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    core::Error error = core::Error::Unavailable("cannot open database " + path + ": " +
                                                 (db ? sqlite3_errmsg(db) : sqlite3_errstr(code)));
    sqlite3_close_v2(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
  auto connection = std::unique_ptr<Connection>(new Connection(db, std::move(options)));
  // A new database gets kNewDatabasePageSize pages; an existing file keeps the size it was made
  // with, as SQLite changes it only when rewriting the whole file (VACUUM), and never in WAL mode.
  DEBRIEF_RETURN_IF_ERROR(
      connection->Execute("PRAGMA page_size = " + std::to_string(kNewDatabasePageSize)));
  // WAL lets readers run beside the writer. synchronous=NORMAL in WAL mode loses nothing when
  // the process dies (the OS has the pages); only a power cut may drop the last commits.
  DEBRIEF_RETURN_IF_ERROR(connection->Execute(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"));
  // What an author deletes from a private account should not linger in the file's free space.
  // FAST zeroes deleted content on the pages a write touches anyway, so it costs no extra I/O.
  DEBRIEF_RETURN_IF_ERROR(connection->Execute("PRAGMA secure_delete = FAST;"));
  return connection;
}

Result<Statement*> Connection::Prepare(std::string_view sql) {
  auto found = statements_.find(std::string(sql));
  if (found != statements_.end()) {
    found->second->Reset();
    return found->second.get();
  }
  sqlite3_stmt* raw = nullptr;
  int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (code != SQLITE_OK) return SqliteError(db_, code, "cannot prepare statement");
  auto statement = std::make_unique<Statement>(db_, raw, &options_.observer);
  Statement* pointer = statement.get();
  statements_.emplace(std::string(sql), std::move(statement));
  return pointer;
}

Result<void> Connection::Execute(std::string_view sql) {
  char* message = nullptr;
  int code = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    core::Error error = SqliteError(db_, sqlite3_extended_errcode(db_), "statement failed");
    if (error.code() == core::ErrorCode::kInternal) return core::Error::Internal(text);
    return error;
  }
  return core::Ok();
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

int64_t Statement::Changes() const { return sqlite3_changes64(db_); }

int64_t Connection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace debrief::store::sqlite
