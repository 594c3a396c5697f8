// SqlStore's published versions: each publish freezes a numbered snapshot with the incident.
#pragma once

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {

template <class Backend>
Result<core::PublishedVersion> SqlStore<Backend>::Publish(const core::Incident& incident,
                                                          int64_t expected_version,
                                                          std::string snapshot,
                                                          const Change& change) {
  if (!change.actor_id)
    return core::Error::InvalidArgument("publishing needs the person who does it");
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored,
                           UpdateIncident(incident, expected_version, change));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kInsertPublishedVersion));
  core::PublishedVersion version;
  version.incident_id = stored.id;
  version.published_at = clock_.Now();
  version.published_by = *change.actor_id;
  statement->Bind(1, stored.id);
  statement->Bind(2, core::ToEpochMillis(version.published_at));
  statement->Bind(3, *change.actor_id);
  statement->Bind(4, std::string_view(snapshot));
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, statement->Step());
  if (!inserted) return core::Error::Internal("published version insert returned no row");
  version.id = statement->Int64(0);
  version.number = statement->Int64(1);
  statement->Reset();
  version.snapshot = std::move(snapshot);
  DEBRIEF_RETURN_IF_ERROR(
      AuditWrite("publish", "published_versions", version.id, stored.id,
                 {change.actor_id, "{\"number\":" + std::to_string(version.number) + "}"}));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return version;
}

template <class Backend>
Result<std::vector<core::PublishedVersion>> SqlStore<Backend>::ListPublishedVersions(
    int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kListPublishedVersions));
  statement->Bind(1, incident_id);
  std::vector<core::PublishedVersion> versions;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    versions.push_back({statement->Int64(0),
                        statement->Int64(1),
                        statement->Int64(2),
                        core::FromEpochMillis(statement->Int64(3)),
                        statement->Int64(4),
                        {}});
  }
  statement->Reset();
  return versions;
}

template <class Backend>
Result<core::PublishedVersion> SqlStore<Backend>::GetPublishedVersion(int64_t incident_id,
                                                                      int64_t number) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kGetPublishedVersion));
  statement->Bind(1, incident_id);
  statement->Bind(2, number);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) {
    statement->Reset();
    return core::Error::NotFound("there is no published version " + std::to_string(number));
  }
  core::PublishedVersion version{statement->Int64(0), statement->Int64(1),
                                 statement->Int64(2), core::FromEpochMillis(statement->Int64(3)),
                                 statement->Int64(4), std::string(statement->Text(5))};
  statement->Reset();
  return version;
}

}  // namespace debrief::store::relational
