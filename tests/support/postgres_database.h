// Databases of the tests' own PostgreSQL cluster (tests/support/postgres_cluster.sh, a CTest
// fixture that sets DEBRIEF_TEST_POSTGRES to its socket folder): each test gets a database of its
// own, cloned from one migrated template, so a case starts from the schema in milliseconds
// instead of migrating, and leaves nothing behind for the next.
#pragma once

#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"

namespace debrief::testing {

// The cluster's socket folder, or nullopt when the tests run without one.
inline std::optional<std::string> PostgresCluster() {
  const char* folder = std::getenv("DEBRIEF_TEST_POSTGRES");
  if (folder == nullptr || *folder == '\0') return std::nullopt;
  return std::string(folder);
}

inline std::string PostgresConninfo(std::string_view database) {
  return "host=" + PostgresCluster().value_or("") + " user=debrief dbname=" + std::string(database);
}

// A database name for `label` (a test's folder, say): short, and only the characters an
// unquoted identifier may hold.
inline std::string PostgresDatabaseName(std::string_view label) {
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016zx", std::hash<std::string_view>{}(label));
  return std::string("test_") + hex;
}

// Drops the database `name` if it is there.
inline core::Result<void> DropPostgresDatabase(const std::string& name) {
  DEBRIEF_ASSIGN_OR_RETURN(auto admin,
                           store::postgres::Connection::Open(PostgresConninfo("postgres")));
  return admin->Execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

// The conninfo of database `name`, made (when missing) as a copy of the migrated template, or
// empty when `migrated` is false.
inline core::Result<std::string> PostgresDatabase(const std::string& name, bool migrated = true) {
  DEBRIEF_ASSIGN_OR_RETURN(auto admin,
                           store::postgres::Connection::Open(PostgresConninfo("postgres")));
  // One process at a time makes the template and clones it (a clone needs nobody else on its
  // template): a lock of the cluster's, released when this connection closes.
  DEBRIEF_RETURN_IF_ERROR(admin->Execute("SELECT pg_advisory_lock(4242)"));
  DEBRIEF_ASSIGN_OR_RETURN(store::postgres::Rows exists,
                           admin->Run("SELECT 1 FROM pg_database WHERE datname = $1",
                                      std::vector<std::optional<std::string>>{name}));
  if (!exists.rows.empty()) return PostgresConninfo(name);
  if (!migrated) {
    DEBRIEF_RETURN_IF_ERROR(admin->Execute("CREATE DATABASE " + name + " TEMPLATE template0"));
    return PostgresConninfo(name);
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      store::postgres::Rows made,
      admin->Run("SELECT 1 FROM pg_database WHERE datname = 'debrief_template'", {}));
  if (made.rows.empty()) {
    DEBRIEF_RETURN_IF_ERROR(admin->Execute("CREATE DATABASE debrief_template TEMPLATE template0"));
    core::FixedClock clock(core::Timestamp{});
    auto migrating =
        store::postgres::PostgresStore::Open(PostgresConninfo("debrief_template"), clock);
    if (!migrating) {
      (void)admin->Execute("DROP DATABASE debrief_template");
      return migrating.error();
    }
  }
  DEBRIEF_RETURN_IF_ERROR(admin->Execute("CREATE DATABASE " + name + " TEMPLATE debrief_template"));
  return PostgresConninfo(name);
}

}  // namespace debrief::testing
