// SqlStore's incidents: their keys, reads and writes, lists across incidents, and the
// generation every write moves.
#pragma once

#include <algorithm>

#include "core/incident_key.h"
#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {

template <class Backend>
Result<core::Incident> SqlStore<Backend>::CreateIncident(core::Incident incident,
                                                         const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  core::Timestamp now = clock_.Now();
  int year = static_cast<int>(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
  DEBRIEF_ASSIGN_OR_RETURN(Statement * counter, connection_->Prepare(Sql::kNextIncidentNumber));
  counter->Bind(1, static_cast<int64_t>(year));
  DEBRIEF_ASSIGN_OR_RETURN(bool counted, counter->Step());
  if (!counted) return core::Error::Internal("incident key counter returned no row");
  int64_t number = counter->Int64(0);
  counter->Reset();
  incident.key = core::FormatIncidentKey({year, number});

  DEBRIEF_ASSIGN_OR_RETURN(Statement * insert, connection_->Prepare(insert_incident_sql_));
  insert->Bind(1, core::ToEpochMillis(now));
  insert->Bind(2, core::ToEpochMillis(now));
  RecordCodec<core::Incident>::BindFields(*insert, 3, incident);
  DEBRIEF_ASSIGN_OR_RETURN(bool inserted, insert->Step());
  if (!inserted) return core::Error::Internal("incident insert returned no row");
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored, RecordCodec<core::Incident>::Read(*insert));
  insert->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "incidents", stored.id, stored.id, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

template <class Backend>
Result<core::Incident> SqlStore<Backend>::GetIncident(std::string_view key) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(get_incident_sql_));
  statement->Bind(1, key);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no incident " + std::string(key));
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, RecordCodec<core::Incident>::Read(*statement));
  statement->Reset();
  return incident;
}

template <class Backend>
Result<core::Incident> SqlStore<Backend>::UpdateIncident(core::Incident incident,
                                                         int64_t expected_version,
                                                         const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_, incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(update_incident_sql_));
  statement->Bind(1, core::ToEpochMillis(clock_.Now()));
  RecordCodec<core::Incident>::BindFields(*statement, 2, incident);
  int next = 2 + RecordCodec<core::Incident>::FieldCount();
  statement->Bind(next, incident.id);
  statement->Bind(next + 1, expected_version);
  DEBRIEF_ASSIGN_OR_RETURN(bool updated, statement->Step());
  if (!updated) {
    statement->Reset();
    DEBRIEF_ASSIGN_OR_RETURN(core::Incident current, GetIncident(incident.key));
    return core::Error::FailedPrecondition(
        "incident " + incident.key + " is at version " + std::to_string(current.version) +
        ", not " + std::to_string(expected_version) + ": someone changed it since you read it");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored, RecordCodec<core::Incident>::Read(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "incidents", stored.id, stored.id, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

template <class Backend>
Result<IncidentPage> SqlStore<Backend>::ListIncidents(const IncidentQuery& query) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(list_incidents_sql_));
  if (query.status) {
    statement->Bind(1, core::ToString(*query.status));
  } else {
    statement->BindNull(1);
  }
  BindColumn(*statement, 2, query.severity);
  BindColumn(*statement, 3, query.service);
  if (!query.text.empty()) {
    statement->Bind(4, std::string_view(query.text));
  } else {
    statement->BindNull(4);
  }
  BindColumn(*statement, 5, query.before_id);
  // One more than asked for tells whether there is a next page.
  statement->Bind(6, static_cast<int64_t>(query.limit) + 1);
  if (query.kind) {
    statement->Bind(7, core::ToString(*query.kind));
  } else {
    statement->BindNull(7);
  }
  BindColumn(*statement, 8, query.hidden_incident_ids);
  IncidentPage page;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident,
                             RecordCodec<core::Incident>::Read(*statement));
    page.incidents.push_back(std::move(incident));
  }
  if (page.incidents.size() > static_cast<size_t>(query.limit)) {
    page.incidents.pop_back();
    page.next_before_id = page.incidents.back().id;
  }
  return page;
}

template <class Backend>
Result<std::vector<ActionWithIncident>> SqlStore<Backend>::ListActions(const ActionQuery& query) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(list_actions_sql_));
  BindColumn(*statement, 1, query.owner_id);
  if (query.status) {
    statement->Bind(2, core::ToString(*query.status));
  } else {
    statement->BindNull(2);
  }
  if (query.overdue_on) {
    statement->Bind(3, std::string_view(core::FormatDate(*query.overdue_on)));
  } else {
    statement->BindNull(3);
  }
  BindColumn(*statement, 4, query.after_id);
  statement->Bind(5, static_cast<int64_t>(query.limit));
  BindColumn(*statement, 6, query.hidden_incident_ids);
  std::vector<ActionWithIncident> actions;
  int key_column = 4 + RecordCodec<core::ActionItem>::FieldCount();
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    DEBRIEF_ASSIGN_OR_RETURN(core::ActionItem action,
                             RecordCodec<core::ActionItem>::Read(*statement));
    actions.push_back({std::move(action), std::string(statement->Text(key_column))});
  }
  return actions;
}

template <class Backend>
Result<int64_t> SqlStore<Backend>::IncidentGeneration(int64_t incident_id) {
  return ReadIncidentGeneration(*connection_, incident_id);
}

template <class Backend>
Result<std::optional<EventChanges>> SqlStore<Backend>::EventChangesSince(int64_t incident_id,
                                                                         int64_t since) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kIncidentChangesSince));
  statement->Bind(1, incident_id);
  statement->Bind(2, since);
  statement->Bind(3, Sql::kMostChangesRead + 1);
  EventChanges changes;
  // Kept in the order written, each id once: a later entry about an id wins.
  std::vector<std::pair<int64_t, bool>> touched;  // (id, deleted)
  int64_t read = 0;
  bool describable = true;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    if (++read > Sql::kMostChangesRead) {
      describable = false;
      break;
    }
    if (statement->Text(1) != core::TimelineEvent::kCollection) continue;
    std::string_view action = statement->Text(0);
    int64_t id = statement->Int64(2);
    if (action == "import") {
      // The unit its events point to; an import that added nothing changed nothing. An entry
      // written before imports were kept as units says it added events but not where they are.
      int64_t added = statement->Int64(3);
      int64_t unit = statement->IsNull(4) ? id : statement->Int64(4);
      if (added > 0 && unit <= 0) {
        describable = false;
        break;
      }
      if (added > 0) changes.imports.push_back(unit);
    } else if (action == "create" || action == "update" || action == "delete") {
      touched.emplace_back(id, action == "delete");
    } else {
      describable = false;
      break;
    }
  }
  statement->Reset();
  if (!describable) return std::optional<EventChanges>();
  std::stable_sort(touched.begin(), touched.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t index = 0; index < touched.size(); ++index) {
    bool last_of_id =
        index + 1 == touched.size() || touched[index + 1].first != touched[index].first;
    if (!last_of_id) continue;
    (touched[index].second ? changes.deleted : changes.written).push_back(touched[index].first);
  }
  return std::optional<EventChanges>(std::move(changes));
}

}  // namespace debrief::store::relational
