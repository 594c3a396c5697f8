// Every Store adapter the conformance suites run against; a new adapter adds one row.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "core/clock.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "support/postgres_database.h"

namespace debrief::store {

struct Adapter {
  const char* name;
  // Opens the store of a test, whose own folder is `directory`: the same database each time for
  // one folder (a case may reopen it), a new empty one for a new folder.
  std::function<core::Result<std::unique_ptr<Store>>(const std::filesystem::path& directory,
                                                     const core::Clock& clock)>
      open;
  // Takes away what `open` made for `directory` beyond the folder itself.
  std::function<void(const std::filesystem::path& directory)> remove = [](const auto&) {};
  // Why the adapter cannot run here, if it cannot (its server is not there).
  std::function<std::optional<std::string>()> unavailable = [] {
    return std::optional<std::string>();
  };
};

inline void PrintTo(const Adapter& adapter, std::ostream* out) { *out << adapter.name; }

inline const Adapter kAdapters[] = {
    {.name = "sqlite",
     .open = [](const std::filesystem::path& directory,
                const core::Clock& clock) -> core::Result<std::unique_ptr<Store>> {
       DEBRIEF_ASSIGN_OR_RETURN(auto store,
                                sqlite::SqliteStore::Open((directory / "test.db").string(), clock));
       return std::unique_ptr<Store>(std::move(store));
     }},
    {
        .name = "postgres",
        .open = [](const std::filesystem::path& directory,
                   const core::Clock& clock) -> core::Result<std::unique_ptr<Store>> {
          DEBRIEF_ASSIGN_OR_RETURN(
              std::string conninfo,
              testing::PostgresDatabase(testing::PostgresDatabaseName(directory.string())));
          DEBRIEF_ASSIGN_OR_RETURN(auto store, postgres::PostgresStore::Open(conninfo, clock));
          return std::unique_ptr<Store>(std::move(store));
        },
        .remove =
            [](const std::filesystem::path& directory) {
              (void)testing::DropPostgresDatabase(
                  testing::PostgresDatabaseName(directory.string()));
            },
        .unavailable = []() -> std::optional<std::string> {
          if (testing::PostgresCluster()) return std::nullopt;
          return "no PostgreSQL cluster here (DEBRIEF_TEST_POSTGRES)";
        },
    },
};

}  // namespace debrief::store
