// The embedded, append-only schema migrations. Files are named NNNN_what_it_does.sql; a database
// records which versions it has applied, and a binary refuses a database newer than it knows.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_file.h"
#include "core/result.h"

namespace debrief::store {

struct Migration {
  int version = 0;
  std::string_view name;  // The file name without its extension.
  std::string_view sql;
};

// Generated from src/store/migrations/ at build time.
std::span<const core::EmbeddedFile> EmbeddedMigrationFiles();

// The migrations for one back end ("sqlite", "postgres"), in version order. Fails when two files
// share a version or a name does not start with a number.
core::Result<std::vector<Migration>> MigrationsFor(std::string_view backend);

// A fingerprint of a migration's text (64-bit FNV-1a, hex). Each database records it when it
// applies a migration; a later binary whose migration of that version differs is refusing to
// run, because migrations are append-only: a change goes into a new file.
std::string MigrationChecksum(std::string_view sql);

}  // namespace debrief::store
