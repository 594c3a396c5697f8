// PostgresEventImport: Store::BeginEventImport on PostgreSQL. Batches are streamed with COPY into
// a temporary table of the connection (each batch one statement, holding no lock on the
// incident), so parsing a large file and staging it leaves the database free for everyone else.
// Commit locks the incident and moves the staged events to the timeline in one INSERT ... SELECT:
// an event whose source the timeline already holds (the unique index
// timeline_events_one_per_source) is skipped, not a failure. One import at a time per connection.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/postgres/connection.h"
#include "store/store.h"

namespace debrief::store::postgres {

class PostgresEventImport final : public EventImport {
 public:
  // `connection` and `clock` must outlive the import.
  static Result<std::unique_ptr<EventImport>> Begin(Connection& connection,
                                                    const core::Clock& clock, int64_t incident_id);
  // The same on a connection the import owns and closes when it is done.
  static Result<std::unique_ptr<EventImport>> Begin(std::unique_ptr<Connection> connection,
                                                    const core::Clock& clock, int64_t incident_id);
  ~PostgresEventImport() override;

  Result<void> Add(const std::vector<core::TimelineEvent>& events) override;
  Result<ImportCounts> Count() override;
  Result<ImportCounts> Commit(const Change& change, const ImportDescription& what) override;
  void KeepAudienceMemberships(std::string source,
                               std::vector<core::AudienceMembership> memberships) override;

 private:
  PostgresEventImport(Connection& connection, const core::Clock& clock, int64_t incident_id);
  void DiscardStage();

  std::unique_ptr<Connection> owned_connection_;  // Set for a detached import only.
  std::map<std::string, std::vector<core::AudienceMembership>> memberships_;
  Connection& connection_;
  const core::Clock& clock_;
  int64_t incident_id_;
  std::string copy_sql_;
  std::string move_sql_;
  int64_t staged_ = 0;
  bool discarded_ = false;
};

}  // namespace debrief::store::postgres
