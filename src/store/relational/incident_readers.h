// SqlStore's readers of restricted incidents: a row per user or group named, replaced together
// with one audit entry; and every restricted incident with all who may see it, read in three
// statements however many there are.
#pragma once

#include <algorithm>
#include <map>

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {

template <class Backend>
Result<core::IncidentReaders> SqlStore<Backend>::ListIncidentReaders(int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListIncidentReaders));
  statement->Bind(1, incident_id);
  core::IncidentReaders readers;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    if (!statement->IsNull(0)) readers.user_ids.push_back(statement->Int64(0));
    if (!statement->IsNull(1)) readers.group_ids.push_back(statement->Int64(1));
  }
  std::sort(readers.group_ids.begin(), readers.group_ids.end());
  return readers;
}

template <class Backend>
Result<std::vector<core::RestrictedIncident>> SqlStore<Backend>::ListRestrictedIncidents() {
  std::vector<core::RestrictedIncident> incidents;
  std::map<int64_t, size_t> position;
  {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                             connection_->Prepare(Sql::kListRestrictedIncidents));
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
      if (!has_row) break;
      core::RestrictedIncident incident;
      incident.incident_id = statement->Int64(0);
      incident.created_by = statement->Int64(1);
      if (!statement->IsNull(2)) incident.facilitator_id = statement->Int64(2);
      position.emplace(incident.incident_id, incidents.size());
      incidents.push_back(std::move(incident));
    }
  }
  if (incidents.empty()) return incidents;
  {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                             connection_->Prepare(Sql::kListRestrictedParticipants));
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
      if (!has_row) break;
      auto found = position.find(statement->Int64(0));
      if (found == position.end()) continue;  // Restricted since the first read.
      incidents[found->second].participant_user_ids.push_back(statement->Int64(1));
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(Sql::kListRestrictedReaders));
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto found = position.find(statement->Int64(0));
    if (found == position.end()) continue;
    core::IncidentReaders& readers = incidents[found->second].readers;
    if (!statement->IsNull(1)) readers.user_ids.push_back(statement->Int64(1));
    if (!statement->IsNull(2)) readers.group_ids.push_back(statement->Int64(2));
  }
  for (core::RestrictedIncident& incident : incidents) {
    std::sort(incident.readers.group_ids.begin(), incident.readers.group_ids.end());
  }
  return incidents;
}

template <class Backend>
Result<void> SqlStore<Backend>::InsertIncidentReaders(int64_t incident_id,
                                                      const core::IncidentReaders& readers) {
  auto insert = [&](std::optional<int64_t> user_id, std::optional<int64_t> group_id,
                    int64_t named) -> Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                             connection_->Prepare(Sql::kInsertIncidentReader));
    statement->Bind(1, incident_id);
    BindColumn(*statement, 2, user_id);
    BindColumn(*statement, 3, group_id);
    auto ran = statement->Run();
    if (!ran && ran.error().code() == core::ErrorCode::kInvalidArgument) {
      // A foreign key: someone or some group that is not there.
      return core::Error::InvalidArgument(
          std::string(user_id ? "no user " : "no group ") + std::to_string(named), "readers");
    }
    return ran;
  };
  // Each once: a second row of the same reader would break the write (and, on PostgreSQL, the
  // transaction it is in).
  auto each_once = [](std::vector<int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  };
  for (int64_t user_id : each_once(readers.user_ids)) {
    DEBRIEF_RETURN_IF_ERROR(insert(user_id, std::nullopt, user_id));
  }
  for (int64_t group_id : each_once(readers.group_ids)) {
    DEBRIEF_RETURN_IF_ERROR(insert(std::nullopt, group_id, group_id));
  }
  return core::Ok();
}

template <class Backend>
Result<void> SqlStore<Backend>::ReplaceIncidentReaders(int64_t incident_id,
                                                       const core::IncidentReaders& readers,
                                                       const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, incident_id));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * forget, connection_->Prepare(Sql::kForgetIncidentReaders));
  forget->Bind(1, incident_id);
  DEBRIEF_RETURN_IF_ERROR(forget->Run());
  DEBRIEF_RETURN_IF_ERROR(InsertIncidentReaders(incident_id, readers));
  DEBRIEF_RETURN_IF_ERROR(
      AuditWrite("replace", "incident_readers", incident_id, incident_id, change));
  return scope.Commit();
}

}  // namespace debrief::store::relational
