// The one place that chooses a Store adapter: every command and the server open their database
// through OpenStore, so a new adapter is added here and nowhere else.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::store {

struct OpenOptions {
  // Told each statement's text and how long it ran (the server's metrics); may be empty.
  std::function<void(std::string_view sql, std::chrono::nanoseconds took)> query_observer;
  // How long a statement waits for another connection's write lock once the store is open; unset,
  // the adapter's default (SQLite: 5 s). The server's event loop says zero: a write that meets the
  // lock fails at once (core::Error::busy()) and the server runs the request again after a pause,
  // instead of the whole loop sleeping until the lock is free.
  std::optional<std::chrono::milliseconds> lock_wait;
};

// Opens (creating if need be, and migrating) the database at `location`: "sqlite:PATH" or a
// plain file path is SQLite; "postgres://..." or "postgresql://..." is PostgreSQL (a libpq URL:
// user, password, host or socket folder, database and parameters such as sslmode=verify-full
// and sslrootcert are libpq's). Any other scheme is refused, naming those this build reads.
// `clock` must outlive the store.
Result<std::unique_ptr<Store>> OpenStore(std::string_view location, const core::Clock& clock,
                                         OpenOptions options = {});

// Whether a database is at `location` already (read as OpenStore reads it), without creating
// one: a dry run that finds none leaves none behind.
Result<bool> StoreExists(std::string_view location);

// The location as it may be shown or logged: a postgres:// URL without its password (in the
// user part or as a parameter); anything else as it is.
std::string DescribeLocation(std::string_view location);

// Whether `location` names a PostgreSQL database (postgres:// or postgresql://).
bool IsPostgresLocation(std::string_view location);

// What every command says of its --db option.
inline constexpr char kDatabaseHelp[] =
    "Database: an SQLite file (PATH or sqlite:PATH) or a postgres:// URL (env DEBRIEF_DB)";

}  // namespace debrief::store
