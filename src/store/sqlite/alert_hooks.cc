// SqliteStore's alert hooks, and the record of where each alert firing they received went.
// Routes are kept as a JSON list of {"matchers": [...], "incident_key": "..."}.
#include <boost/json.hpp>

#include "store/columns.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/write_scope.h"

namespace debrief::store::sqlite {
namespace {

namespace bj = boost::json;

constexpr char kHookColumns[] =
    "id, version, created_at, updated_at, name, token_hash, routes, open_incidents, severity, "
    "active, created_by";

std::string EncodeRoutes(const std::vector<core::AlertRoute>& routes) {
  bj::array list;
  for (const core::AlertRoute& route : routes) {
    bj::array matchers;
    for (const std::string& matcher : route.matchers) matchers.emplace_back(matcher);
    list.push_back(
        bj::object{{"matchers", std::move(matchers)}, {"incident_key", route.incident_key}});
  }
  return bj::serialize(list);
}

bool DecodeRoutes(std::string_view text, std::vector<core::AlertRoute>& routes) {
  boost::system::error_code error;
  bj::value value = bj::parse(text, error);
  if (error || !value.is_array()) return false;
  for (const bj::value& item : value.get_array()) {
    const bj::object* object = item.if_object();
    if (object == nullptr) return false;
    const bj::value* matchers = object->if_contains("matchers");
    const bj::value* key = object->if_contains("incident_key");
    if (matchers == nullptr || !matchers->is_array() || key == nullptr || !key->is_string()) {
      return false;
    }
    core::AlertRoute route;
    route.incident_key = std::string(key->get_string());
    for (const bj::value& matcher : matchers->get_array()) {
      if (!matcher.is_string()) return false;
      route.matchers.emplace_back(matcher.get_string());
    }
    routes.push_back(std::move(route));
  }
  return true;
}

Result<core::AlertHook> ReadHook(const Statement& statement) {
  core::AlertHook hook;
  std::string routes;
  bool ok = ReadColumn(statement, 0, hook.id) && ReadColumn(statement, 1, hook.version) &&
            ReadColumn(statement, 2, hook.created_at) &&
            ReadColumn(statement, 3, hook.updated_at) && ReadColumn(statement, 4, hook.name) &&
            ReadColumn(statement, 5, hook.token_hash) && ReadColumn(statement, 6, routes) &&
            DecodeRoutes(routes, hook.routes) && ReadColumn(statement, 7, hook.open_incidents) &&
            ReadColumn(statement, 8, hook.severity) && ReadColumn(statement, 9, hook.active) &&
            ReadColumn(statement, 10, hook.created_by);
  if (!ok) return core::Error::Internal("a stored alert hook cannot be read");
  return hook;
}

// Binds name, token_hash, routes, open_incidents, severity, active from `first` on.
void BindHookFields(Statement& statement, int first, const core::AlertHook& hook) {
  BindColumn(statement, first, hook.name);
  BindColumn(statement, first + 1, hook.token_hash);
  BindColumn(statement, first + 2, EncodeRoutes(hook.routes));
  BindColumn(statement, first + 3, hook.open_incidents);
  BindColumn(statement, first + 4, hook.severity);
  BindColumn(statement, first + 5, hook.active);
}

core::Error Stale(int64_t id, int64_t version, int64_t expected_version) {
  return core::Error::FailedPrecondition(
      "alert hook " + std::to_string(id) + " is at version " + std::to_string(version) + ", not " +
      std::to_string(expected_version) + ": someone changed it since you read it");
}

}  // namespace

Result<core::AlertHook> SqliteStore::CreateAlertHook(core::AlertHook hook, const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  core::Timestamp now = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(std::string("INSERT INTO alert_hooks (version, created_at, updated_at, "
                                       "name, token_hash, routes, open_incidents, severity, "
                                       "active, created_by) VALUES "
                                       "(1, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ") +
                           kHookColumns));
  BindColumn(*statement, 1, now);
  BindColumn(*statement, 2, now);
  BindHookFields(*statement, 3, hook);
  statement->Bind(9, hook.created_by);
  DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
  if (!has_row) return core::Error::Internal("an alert hook insert returned no row");
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook stored, ReadHook(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("create", "alert_hooks", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

Result<void> SqliteStore::RestoreAlertHook(const core::AlertHook& hook) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("INSERT INTO alert_hooks (id, version, created_at, updated_at, name, "
                           "token_hash, routes, open_incidents, severity, active, created_by) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  statement->Bind(1, hook.id);
  statement->Bind(2, hook.version);
  BindColumn(*statement, 3, hook.created_at);
  BindColumn(*statement, 4, hook.updated_at);
  BindHookFields(*statement, 5, hook);
  statement->Bind(11, hook.created_by);
  return statement->Run();
}

Result<std::vector<core::AlertHook>> SqliteStore::ListAlertHooks() {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(std::string("SELECT ") + kHookColumns +
                                                " FROM alert_hooks ORDER BY id"));
  std::vector<core::AlertHook> hooks;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) break;
    DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook hook, ReadHook(*statement));
    hooks.push_back(std::move(hook));
  }
  return hooks;
}

Result<core::AlertHook> SqliteStore::GetAlertHook(int64_t id) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(std::string("SELECT ") + kHookColumns +
                                                " FROM alert_hooks WHERE id = ?"));
  statement->Bind(1, id);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no alert hook " + std::to_string(id));
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook hook, ReadHook(*statement));
  statement->Reset();
  return hook;
}

Result<core::AlertHook> SqliteStore::FindAlertHookByToken(std::string_view token_hash) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement * statement,
                           connection_->Prepare(std::string("SELECT ") + kHookColumns +
                                                " FROM alert_hooks WHERE token_hash = ?"));
  statement->Bind(1, token_hash);
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement->Step());
  if (!found) return core::Error::NotFound("no alert hook has this token");
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook hook, ReadHook(*statement));
  statement->Reset();
  return hook;
}

Result<core::AlertHook> SqliteStore::UpdateAlertHook(core::AlertHook hook, int64_t expected_version,
                                                     const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare(std::string("UPDATE alert_hooks SET version = version + 1, "
                                       "updated_at = ?, name = ?, token_hash = ?, routes = ?, "
                                       "open_incidents = ?, severity = ?, active = ? "
                                       "WHERE id = ? AND version = ? RETURNING ") +
                           kHookColumns));
  BindColumn(*statement, 1, clock_.Now());
  BindHookFields(*statement, 2, hook);
  statement->Bind(8, hook.id);
  statement->Bind(9, expected_version);
  DEBRIEF_ASSIGN_OR_RETURN(bool updated, statement->Step());
  if (!updated) {
    statement->Reset();
    DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook current, GetAlertHook(hook.id));
    return Stale(hook.id, current.version, expected_version);
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook stored, ReadHook(*statement));
  statement->Reset();
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("update", "alert_hooks", stored.id, std::nullopt, change));
  DEBRIEF_RETURN_IF_ERROR(scope.Commit());
  return stored;
}

Result<void> SqliteStore::DeleteAlertHook(int64_t id, int64_t expected_version,
                                          const Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("DELETE FROM alert_hooks WHERE id = ? AND version = ?"));
  statement->Bind(1, id);
  statement->Bind(2, expected_version);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());
  if (connection_->Changes() == 0) {
    DEBRIEF_ASSIGN_OR_RETURN(core::AlertHook current, GetAlertHook(id));
    return Stale(id, current.version, expected_version);
  }
  DEBRIEF_RETURN_IF_ERROR(AuditWrite("delete", "alert_hooks", id, std::nullopt, change));
  return scope.Commit();
}

Result<std::optional<std::string>> SqliteStore::IncidentKeyOfQuery(Statement& statement) {
  DEBRIEF_ASSIGN_OR_RETURN(bool found, statement.Step());
  if (!found) return std::optional<std::string>();
  std::string key(statement.Text(0));
  statement.Reset();
  return std::optional<std::string>(std::move(key));
}

Result<std::optional<std::string>> SqliteStore::AlertFiringIncident(int64_t hook_id,
                                                                    std::string_view firing_key) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("SELECT incidents.key FROM alert_hook_firings JOIN incidents ON "
                           "incidents.id = alert_hook_firings.incident_id WHERE hook_id = ? AND "
                           "firing_key = ?"));
  statement->Bind(1, hook_id);
  statement->Bind(2, firing_key);
  return IncidentKeyOfQuery(*statement);
}

Result<std::optional<std::string>> SqliteStore::AlertGroupIncident(int64_t hook_id,
                                                                   std::string_view group_key) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("SELECT incidents.key FROM alert_hook_firings JOIN incidents ON "
                           "incidents.id = alert_hook_firings.incident_id WHERE hook_id = ? AND "
                           "group_key = ? ORDER BY received_at DESC LIMIT 1"));
  statement->Bind(1, hook_id);
  statement->Bind(2, group_key);
  return IncidentKeyOfQuery(*statement);
}

Result<void> SqliteStore::RecordAlertFiring(int64_t hook_id, std::string_view firing_key,
                                            std::string_view group_key, int64_t incident_id) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("INSERT OR IGNORE INTO alert_hook_firings (hook_id, firing_key, "
                           "group_key, incident_id, received_at) VALUES (?, ?, ?, ?, ?)"));
  statement->Bind(1, hook_id);
  statement->Bind(2, firing_key);
  statement->Bind(3, group_key);
  statement->Bind(4, incident_id);
  BindColumn(*statement, 5, clock_.Now());
  return statement->Run();
}

}  // namespace debrief::store::sqlite
