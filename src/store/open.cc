#include "store/open.h"

#include <filesystem>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace debrief::store {
namespace {

struct Location {
  enum class Kind { kSqlite, kPostgres } kind;
  std::string target;  // The SQLite file, or the libpq URI.
};

// What a location names: "sqlite:PATH", "sqlite:///PATH" or a plain path is an SQLite file;
// "postgres://..." or "postgresql://..." a PostgreSQL database, given to libpq as it is (its
// parameters, TLS ones included, are libpq's).
Result<Location> Parse(std::string_view location) {
  if (location.starts_with("postgres://") || location.starts_with("postgresql://")) {
    return Location{Location::Kind::kPostgres, std::string(location)};
  }
  std::string_view path = location;
  if (path.starts_with("sqlite:")) {
    path.remove_prefix(7);
    // "sqlite:///var/db" and "sqlite:var/db" both name a file.
    if (path.starts_with("//")) path.remove_prefix(2);
  } else if (size_t scheme = path.find("://"); scheme != std::string_view::npos) {
    return core::Error::InvalidArgument(
        "debrief cannot open a " + std::string(path.substr(0, scheme)) +
            " database: give an SQLite file (a path or sqlite:PATH) or a postgres:// URL",
        "db");
  }
  if (path.empty()) {
    return core::Error::InvalidArgument("the database location is empty: give a file path", "db");
  }
  return Location{Location::Kind::kSqlite, std::string(path)};
}

}  // namespace

bool IsPostgresLocation(std::string_view location) {
  auto parsed = Parse(location);
  return parsed && parsed->kind == Location::Kind::kPostgres;
}

Result<std::unique_ptr<Store>> OpenStore(std::string_view location, const core::Clock& clock,
                                         OpenOptions options) {
  DEBRIEF_ASSIGN_OR_RETURN(Location parsed, Parse(location));
  if (parsed.kind == Location::Kind::kPostgres) {
    postgres::PostgresStore::Options postgres_options;
    postgres_options.connection.observer = std::move(options.query_observer);
    postgres_options.lock_wait_after_open = options.lock_wait;
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<postgres::PostgresStore> store,
                             postgres::PostgresStore::Open(parsed.target, clock, postgres_options));
    return std::unique_ptr<Store>(std::move(store));
  }
  sqlite::SqliteStore::Options sqlite_options;
  sqlite_options.connection.observer = std::move(options.query_observer);
  sqlite_options.busy_timeout_after_open = options.lock_wait;
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::SqliteStore> store,
                           sqlite::SqliteStore::Open(parsed.target, clock, sqlite_options));
  return std::unique_ptr<Store>(std::move(store));
}

std::string DescribeLocation(std::string_view location) {
  if (!location.starts_with("postgres://") && !location.starts_with("postgresql://")) {
    return std::string(location);
  }
  std::string text(location);
  size_t authority = text.find("://") + 3;
  // The user part ends at the last '@' before the path, as libpq reads it (a password may hold
  // '?', '#' or ':'): user:password@host -> user@host.
  size_t path = text.find('/', authority);
  size_t at = text.rfind('@', path == std::string::npos ? std::string::npos : path);
  if (at != std::string::npos && at >= authority) {
    size_t colon = text.find(':', authority);
    if (colon != std::string::npos && colon < at) text.erase(colon, at - colon);
  }
  // Every parameter whose name ends in "password" (password, sslpassword): its value hidden.
  size_t query = text.find('?', path == std::string::npos ? authority : path);
  for (size_t start = query; start != std::string::npos && start < text.size();) {
    size_t name = start + 1;
    size_t equals = text.find('=', name);
    size_t end = text.find('&', name);
    if (equals != std::string::npos && (end == std::string::npos || equals < end) &&
        std::string_view(text).substr(name, equals - name).ends_with("password")) {
      size_t value_end = end == std::string::npos ? text.size() : end;
      text.replace(equals + 1, value_end - equals - 1, "***");
      end = text.find('&', equals);
    }
    start = end;
  }
  return text;
}

Result<bool> StoreExists(std::string_view location) {
  DEBRIEF_ASSIGN_OR_RETURN(Location parsed, Parse(location));
  if (parsed.kind == Location::Kind::kPostgres) {
    // A server that cannot be reached is an error, not "no database": nothing is created either
    // way, and a dry run should not go on as if the database were new.
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<postgres::Connection> connection,
                             postgres::Connection::Open(parsed.target));
    DEBRIEF_ASSIGN_OR_RETURN(
        postgres::Rows rows,
        connection->Run("SELECT (to_regclass('schema_migrations') IS NOT NULL)::int", {}));
    return !rows.rows.empty() && rows.rows[0][0] == std::string("1");
  }
  std::error_code error;
  return std::filesystem::exists(parsed.target, error);
}

}  // namespace debrief::store
