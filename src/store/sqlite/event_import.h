// SqliteEventImport: Store::BeginEventImport on SQLite. Batches are staged in a temporary database
// attached for the import (a temporary table when it begins inside a transaction), each batch its
// own short transaction, so a long import (parsing a large
// file) holds no lock on the database and the server goes on writing meanwhile. Commit moves the
// staged events to the timeline in one transaction: an INSERT OR IGNORE, so an event whose source
// the incident's timeline already holds (the unique index timeline_events_one_per_source) is
// counted as skipped instead of failing. One import at a time per connection.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace debrief::store::sqlite {

class SqliteEventImport final : public EventImport {
 public:
  // `connection` and `clock` must outlive the import.
  static Result<std::unique_ptr<EventImport>> Begin(Connection& connection,
                                                    const core::Clock& clock, int64_t incident_id);
  // The same on a connection the import owns and closes when it is done: it may then run on any
  // one thread at a time, apart from the store that opened the connection.
  static Result<std::unique_ptr<EventImport>> Begin(std::unique_ptr<Connection> connection,
                                                    const core::Clock& clock, int64_t incident_id);
  ~SqliteEventImport() override;

  Result<void> Add(const std::vector<core::TimelineEvent>& events) override;
  Result<ImportCounts> Count() override;
  Result<ImportCounts> Commit(const Change& change, const ImportDescription& what) override;
  void KeepAudienceMemberships(std::string source,
                               std::vector<core::AudienceMembership> memberships) override;

 private:
  SqliteEventImport(Connection& connection, const core::Clock& clock, int64_t incident_id,
                    std::string_view schema);
  // Lets go of the staged events: detached, or emptied.
  void DiscardStage();

  std::unique_ptr<Connection> owned_connection_;  // Set for a detached import only.
  // KeepAudienceMemberships: by source, written with the events.
  std::map<std::string, std::vector<core::AudienceMembership>> memberships_;
  Connection& connection_;
  const core::Clock& clock_;
  int64_t incident_id_;
  std::string schema_;  // Of the stage: an attached database of the import's own, or "temp".
  std::string stage_sql_;
  std::string move_sql_;
  std::string count_sql_;
  int64_t staged_ = 0;
  bool attached_ = false;
  bool discarded_ = false;
};

}  // namespace debrief::store::sqlite
