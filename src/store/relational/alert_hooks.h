// SqlStore's alert hooks, and the record of where each alert firing they received went. Routes
// are kept as a JSON list of {"matchers": [...], "incident_key": "..."}.
#pragma once

#include <boost/json.hpp>

#include "store/columns.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

inline std::string EncodeAlertRoutes(const std::vector<core::AlertRoute>& routes) {
  boost::json::array list;
  for (const core::AlertRoute& route : routes) {
    boost::json::array matchers;
    for (const std::string& matcher : route.matchers) matchers.emplace_back(matcher);
    list.push_back(boost::json::object{{"matchers", std::move(matchers)},
                                       {"incident_key", route.incident_key}});
  }
  return boost::json::serialize(list);
}

inline bool DecodeAlertRoutes(std::string_view text, std::vector<core::AlertRoute>& routes) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error || !value.is_array()) return false;
  for (const boost::json::value& item : value.get_array()) {
    const boost::json::object* object = item.if_object();
    if (object == nullptr) return false;
    const boost::json::value* matchers = object->if_contains("matchers");
    const boost::json::value* key = object->if_contains("incident_key");
    if (matchers == nullptr || !matchers->is_array() || key == nullptr || !key->is_string()) {
      return false;
    }
    core::AlertRoute route;
    route.incident_key = std::string(key->get_string());
    for (const boost::json::value& matcher : matchers->get_array()) {
      if (!matcher.is_string()) return false;
      route.matchers.emplace_back(matcher.get_string());
    }
    routes.push_back(std::move(route));
  }
  return true;
}

// A row of (id, version, created_at, updated_at, name, token_hash, routes, open_incidents,
// severity, active, created_by).
template <class Statement>
Result<core::AlertHook> ReadAlertHook(const Statement& statement) {
  core::AlertHook hook;
  std::string routes;
  bool ok =
      ReadColumn(statement, 0, hook.id) && ReadColumn(statement, 1, hook.version) &&
      ReadColumn(statement, 2, hook.created_at) && ReadColumn(statement, 3, hook.updated_at) &&
      ReadColumn(statement, 4, hook.name) && ReadColumn(statement, 5, hook.token_hash) &&
      ReadColumn(statement, 6, routes) && DecodeAlertRoutes(routes, hook.routes) &&
      ReadColumn(statement, 7, hook.open_incidents) && ReadColumn(statement, 8, hook.severity) &&
      ReadColumn(statement, 9, hook.active) && ReadColumn(statement, 10, hook.created_by);
  if (!ok) return core::Error::Internal("a stored alert hook cannot be read");
  return hook;
}

// Binds name, token_hash, routes, open_incidents, severity, active from `first` on.
template <class Statement>
void BindAlertHookFields(Statement& statement, int first, const core::AlertHook& hook) {
  BindColumn(statement, first, hook.name);
  BindColumn(statement, first + 1, hook.token_hash);
  BindColumn(statement, first + 2, EncodeAlertRoutes(hook.routes));
  BindColumn(statement, first + 3, hook.open_incidents);
  BindColumn(statement, first + 4, hook.severity);
  BindColumn(statement, first + 5, hook.active);
}

inline core::Error StaleAlertHook(int64_t id, int64_t version, int64_t expected_version) {
  return core::Error::FailedPrecondition(
      "alert hook " + std::to_string(id) + " is at version " + std::to_string(version) + ", not " +
      std::to_string(expected_version) + ": someone changed it since you read it");
}

}  // namespace detail

template <class Backend>
Result<core::AlertHook> SqlStore<Backend>::CreateAlertHook(core::AlertHook hook,
                                                           const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  core::Timestamp now = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kInsertAlertHook));
  BindColumn(*statement, 1, now);
  BindColumn(*statement, 2, now);
  detail::BindAlertHookFields(*statement, 3, hook);
  statement->Bind(9, hook.created_by);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  if (!has_row) return core::Error::Internal("an alert hook insert returned no row");
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook stored, detail::ReadAlertHook(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "alert_hooks", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

template <class Backend>
Result<void> SqlStore<Backend>::RestoreAlertHook(const core::AlertHook& hook) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRestoreAlertHook));
  statement->Bind(1, hook.id);
  statement->Bind(2, hook.version);
  BindColumn(*statement, 3, hook.created_at);
  BindColumn(*statement, 4, hook.updated_at);
  detail::BindAlertHookFields(*statement, 5, hook);
  statement->Bind(11, hook.created_by);
  return statement->Run();
}

template <class Backend>
Result<std::vector<core::AlertHook>> SqlStore<Backend>::ListAlertHooks() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kListAlertHooks));
  std::vector<core::AlertHook> hooks;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    auto hook = detail::ReadAlertHook(*statement);
    if (!hook) {
      // This statement binds nothing: without the reset its next use would go on from here.
      statement->Reset();
      return hook.error();
    }
    hooks.push_back(std::move(*hook));
  }
  return hooks;
}

template <class Backend>
Result<core::AlertHook> SqlStore<Backend>::GetAlertHook(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kGetAlertHook));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no alert hook " + std::to_string(id));
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook hook, detail::ReadAlertHook(*statement));
  statement->Reset();
  return hook;
}

template <class Backend>
Result<core::AlertHook> SqlStore<Backend>::FindAlertHookByToken(std::string_view token_hash) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kFindAlertHookByToken));
  statement->Bind(1, token_hash);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no alert hook has this token");
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook hook, detail::ReadAlertHook(*statement));
  statement->Reset();
  return hook;
}

template <class Backend>
Result<core::AlertHook> SqlStore<Backend>::UpdateAlertHook(core::AlertHook hook,
                                                           int64_t expected_version,
                                                           const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kUpdateAlertHook));
  BindColumn(*statement, 1, clock_.Now());
  detail::BindAlertHookFields(*statement, 2, hook);
  statement->Bind(8, hook.id);
  statement->Bind(9, expected_version);
  DEBRIEF_ASSIGN_OR_RETURN(bool updated, statement->Step());
  if (!updated) {
    statement->Reset();
    DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook current, GetAlertHook(hook.id));
    return detail::StaleAlertHook(hook.id, current.version, expected_version);
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook stored, detail::ReadAlertHook(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "alert_hooks", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

template <class Backend>
Result<void> SqlStore<Backend>::DeleteAlertHook(int64_t id, int64_t expected_version,
                                                const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kDeleteAlertHook));
  statement->Bind(1, id);
  statement->Bind(2, expected_version);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (statement->Changes() == 0) {
    DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook current, GetAlertHook(id));
    return detail::StaleAlertHook(id, current.version, expected_version);
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "alert_hooks", id, std::nullopt, change));
  return scope.Commit();
}

template <class Backend>
Result<std::optional<std::string>> SqlStore<Backend>::IncidentKeyOfQuery(Statement& statement) {
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement.Step());
  if (!found) return std::optional<std::string>();
  std::string key(statement.Text(0));
  statement.Reset();
  return std::optional<std::string>(std::move(key));
}

template <class Backend>
Result<std::optional<std::string>> SqlStore<Backend>::AlertFiringIncident(
    int64_t hook_id, std::string_view firing_key) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kAlertFiringIncident));
  statement->Bind(1, hook_id);
  statement->Bind(2, firing_key);
  return IncidentKeyOfQuery(*statement);
}

template <class Backend>
Result<std::optional<std::string>> SqlStore<Backend>::AlertGroupIncident(
    int64_t hook_id, std::string_view group_key) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kAlertGroupIncident));
  statement->Bind(1, hook_id);
  statement->Bind(2, group_key);
  return IncidentKeyOfQuery(*statement);
}

// One statement with no id or generation drawn and no audit entry, so it needs no WriteScope; the
// caller (alert intake) runs it in the transaction that imported the firing's events. A firing
// already remembered keeps its incident.
template <class Backend>
Result<void> SqlStore<Backend>::RecordAlertFiring(int64_t hook_id, std::string_view firing_key,
                                                  std::string_view group_key, int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRecordAlertFiring));
  statement->Bind(1, hook_id);
  statement->Bind(2, firing_key);
  statement->Bind(3, group_key);
  statement->Bind(4, incident_id);
  BindColumn(*statement, 5, clock_.Now());
  return statement->Run();
}

}  // namespace debrief::store::relational
