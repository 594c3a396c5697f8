#include "store/open.h"

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace debrief::store {
namespace {

// The SQLite file a location names.
Result<std::string> SqlitePath(std::string_view location) {
  std::string_view path = location;
  if (path.starts_with("sqlite:")) {
    path.remove_prefix(7);
    // "sqlite:///var/db" and "sqlite:var/db" both name a file.
    if (path.starts_with("//")) path.remove_prefix(2);
  } else if (size_t scheme = path.find("://"); scheme != std::string_view::npos) {
    return core::Error::InvalidArgument(
        "debrief cannot open a " + std::string(path.substr(0, scheme)) +
            " database: give an SQLite file, as a path or sqlite:PATH",
        "db");
  }
  if (path.empty()) {
    return core::Error::InvalidArgument("the database location is empty: give a file path", "db");
  }
  return std::string(path);
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(std::string_view location, const core::Clock& clock,
                                         OpenOptions options) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string path, SqlitePath(location));
  sqlite::SqliteStore::Options sqlite_options;
  sqlite_options.connection.observer = std::move(options.query_observer);
  sqlite_options.busy_timeout_after_open = options.lock_wait;
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::SqliteStore> store,
                           sqlite::SqliteStore::Open(path, clock, sqlite_options));
  return std::unique_ptr<Store>(std::move(store));
}

Result<bool> StoreExists(std::string_view location) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string path, SqlitePath(location));
  std::error_code error;
  return std::filesystem::exists(path, error);
}

}  // namespace debrief::store
