// Reads on one snapshot, and copies of the whole database as of one moment (debrief backup).
#include <algorithm>
#include <filesystem>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/write_scope.h"

namespace debrief::store::sqlite {
namespace {

// The copy as SQLite checks it: every page and index sound, every foreign key satisfied.
Result<void> CheckCopy(Connection& copy, const std::string& path) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * integrity, copy.Prepare("PRAGMA integrity_check"));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, integrity->Step());
  std::string verdict = has_row ? std::string(integrity->Text(0)) : "no answer";
  integrity->Reset();
  if (verdict != "ok") {
    return core::Error::Internal(path + " is damaged: " + verdict);
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * keys, copy.Prepare("PRAGMA foreign_key_check"));
  DEBRIEF_ASSIGN_OR_RETURN(bool dangling, keys->Step());
  std::string table = dangling ? std::string(keys->Text(0)) : "";
  keys->Reset();
  if (dangling) {
    return core::Error::Internal(path + " has rows of " + table + " that point at nothing");
  }
  return core::Ok();
}

Result<SnapshotSummary> Summarise(Connection& copy) {
  SnapshotSummary summary;
  DEBRIEF_ASSIGN_OR_RETURN(Statement * version,
                           copy.Prepare("SELECT max(version) FROM schema_migrations"));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_version, version->Step());
  summary.schema_version = has_version ? static_cast<int>(version->Int64(0)) : 0;
  version->Reset();
  // debrief's own tables (not SQLite's, nor the full-text index's shadow tables).
  std::vector<std::string> tables;
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * names,
      copy.Prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE "
                   "'CREATE VIRTUAL%' AND name NOT GLOB 'sqlite_*' AND name NOT GLOB '*_fts*' "
                   "ORDER BY name"));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, names->Step());
    if (!more) break;
    tables.emplace_back(names->Text(0));
  }
  names->Reset();
  for (const std::string& table : tables) {
    // A table name from the schema itself, quoted as an identifier: no value of anyone's.
    DEBRIEF_ASSIGN_OR_RETURN(Statement * count,
                             copy.Prepare("SELECT count(*) FROM \"" + table + "\""));
    DEBRIEF_ASSIGN_OR_RETURN(bool counted, count->Step());
    summary.rows.emplace_back(table, counted ? count->Int64(0) : 0);
    count->Reset();
  }
  return summary;
}

}  // namespace

Result<void> SqliteStore::InSnapshot(const std::function<Result<void>()>& work) {
  // A transaction that only reads: in WAL mode its first read fixes the snapshot every later
  // read sees, while writers carry on.
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute("SELECT count(*) FROM schema_migrations"));
  DEBRIEF_RETURN_IF_ERROR(work());
  return scope.Commit();
}

Result<SnapshotSummary> SqliteStore::CopySnapshot(const std::string& path) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return core::Error::AlreadyExists("there is a file at " + path + " already; name a new one");
  }
  DEBRIEF_RETURN_IF_ERROR(connection_->CopyTo(path));
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Connection> copy, Connection::Open(path, {}));
  DEBRIEF_RETURN_IF_ERROR(CheckCopy(*copy, path));
  return Summarise(*copy);
}

Result<SnapshotSummary> SqliteStore::Verify() {
  DEBRIEF_RETURN_IF_ERROR(CheckCopy(*connection_, "the database"));
  return Summarise(*connection_);
}

}  // namespace debrief::store::sqlite
