// SqliteEventImport: Store::BeginEventImport on SQLite. Batches are staged in a temporary table
// of the connection, each batch its own short transaction, so a long import (parsing a large
// file) holds no lock on the database and the server goes on writing meanwhile. Commit moves the
// staged events to the timeline in one transaction: an INSERT OR IGNORE, so an event whose source
// the incident's timeline already holds (the unique index timeline_events_one_per_source) is
// counted as skipped instead of failing. One import at a time per connection.
#pragma once

#include <string>

#include "core/clock.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace debrief::store::sqlite {

class SqliteEventImport final : public EventImport {
 public:
  // `connection` and `clock` must outlive the import.
  static Result<std::unique_ptr<EventImport>> Begin(Connection& connection,
                                                    const core::Clock& clock, int64_t incident_id);
  ~SqliteEventImport() override;

  Result<void> Add(const std::vector<core::TimelineEvent>& events) override;
  Result<ImportCounts> Count() override;
  Result<ImportCounts> Commit(const Change& change) override;

 private:
  SqliteEventImport(Connection& connection, const core::Clock& clock, int64_t incident_id);

  Connection& connection_;
  const core::Clock& clock_;
  int64_t incident_id_;
  std::string stage_sql_;
  std::string move_sql_;
  int64_t staged_ = 0;
  bool committed_ = false;
};

}  // namespace debrief::store::sqlite
