// SqliteEventImport: Store::BeginEventImport on SQLite. The import is one savepoint; each event
// is an INSERT OR IGNORE, so an event whose source the incident's timeline already holds (the
// unique index timeline_events_one_per_source) is counted as skipped instead of failing.
#pragma once

#include <string>

#include "core/clock.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/write_scope.h"
#include "store/store.h"

namespace debrief::store::sqlite {

class SqliteEventImport final : public EventImport {
 public:
  // `connection` and `clock` must outlive the import.
  static Result<std::unique_ptr<EventImport>> Begin(Connection& connection,
                                                    const core::Clock& clock, int64_t incident_id);

  Result<void> Add(const std::vector<core::TimelineEvent>& events) override;
  ImportCounts counts() const override { return counts_; }
  Result<ImportCounts> Commit(const Change& change) override;

 private:
  SqliteEventImport(Connection& connection, const core::Clock& clock, int64_t incident_id,
                    WriteScope scope);

  Connection& connection_;
  const core::Clock& clock_;
  int64_t incident_id_;
  WriteScope scope_;
  std::string insert_sql_;
  int incident_parameter_ = 0;  // Where insert_sql_ takes the incident's id.
  ImportCounts counts_;
};

}  // namespace debrief::store::sqlite
