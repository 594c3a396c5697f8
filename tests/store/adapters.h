// Every Store adapter the conformance suites run against; a new adapter adds one row.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>

#include "core/clock.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace debrief::store {

struct Adapter {
  const char* name;
  std::function<core::Result<std::unique_ptr<Store>>(const std::filesystem::path& directory,
                                                     const core::Clock& clock)>
      open;
};

inline void PrintTo(const Adapter& adapter, std::ostream* out) { *out << adapter.name; }

inline const Adapter kAdapters[] = {
    {"sqlite",
     [](const std::filesystem::path& directory,
        const core::Clock& clock) -> core::Result<std::unique_ptr<Store>> {
       DEBRIEF_ASSIGN_OR_RETURN(auto store,
                                sqlite::SqliteStore::Open((directory / "test.db").string(), clock));
       return std::unique_ptr<Store>(std::move(store));
     }},
};

}  // namespace debrief::store
