// The SQLite adapter's hand-written SQL, by name. The per-record CRUD statements are built from
// each entity's schema by record_table.h; everything else is here.
#pragma once

namespace debrief::store::sqlite::sql {

inline constexpr char kSavepoint[] = "SAVEPOINT debrief_write";
inline constexpr char kReleaseSavepoint[] = "RELEASE debrief_write";
inline constexpr char kRollbackToSavepoint[] = "ROLLBACK TO debrief_write";

inline constexpr char kPing[] = "SELECT 1";

inline constexpr char kInsertAudit[] =
    "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, incident_id, diff, "
    "generation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
// The incident's next generation: one past the highest its audit entries carry, read inside the
// write's transaction, which holds the database's one write lock, so no other write can take the
// same (migrations 0016 and 0017). A lookup at the end of an index, where a counter row of its
// own cost every audited write a page more to commit.
inline constexpr char kBumpIncidentGeneration[] =
    "SELECT coalesce(max(generation), 0) + 1 FROM audit_log WHERE incident_id = ?";
inline constexpr char kListAudit[] =
    "SELECT id, at, actor_id, action, entity, entity_id, incident_id, diff FROM audit_log "
    "WHERE (?1 IS NULL OR incident_id = ?1) AND (?2 IS NULL OR id < ?2) "
    "ORDER BY id DESC LIMIT ?3";

inline constexpr char kIncidentGeneration[] =
    "SELECT coalesce(max(generation), 0) FROM audit_log WHERE incident_id = ?";

// EventChangesSince reads at most kMostChangesRead entries (bound as the LIMIT, plus one to know
// there were more): past that many, reading every event again is cheaper. An import names the
// unit its events point to (entity_id since migration 0016; before, only its diff did).
inline constexpr char kIncidentChangesSince[] =
    "SELECT action, entity, entity_id, "
    "CASE WHEN action = 'import' THEN json_extract(diff, '$.added') END, "
    "CASE WHEN action = 'import' THEN json_extract(diff, '$.import_id') END "
    "FROM audit_log WHERE incident_id = ? AND generation > ? ORDER BY generation, id LIMIT ?";
inline constexpr int64_t kMostChangesRead = 4096;

inline constexpr char kNextIncidentNumber[] =
    "INSERT INTO incident_key_counters (year, last_number) VALUES (?, 1) "
    "ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number";

// ?1 status, ?2 severity, ?3 service, ?4 text, ?5 before id, ?6 limit.
inline constexpr char kListIncidents[] =
    "SELECT {columns} FROM incidents WHERE (?1 IS NULL OR status = ?1) "
    "AND (?2 IS NULL OR severity = ?2) "
    "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(incidents.services) WHERE value = ?3)) "
    "AND (?4 IS NULL OR instr(lower(key || ' ' || title || ' ' || summary || ' ' || impact), "
    "lower(?4)) > 0) "
    "AND (?5 IS NULL OR id < ?5) AND (?7 IS NULL OR kind = ?7) ORDER BY id DESC LIMIT ?6";

// ?1 owner, ?2 status, ?3 overdue date, ?4 after id, ?5 limit.
inline constexpr char kListActions[] =
    "SELECT {columns}, incidents.key FROM action_items "
    "JOIN incidents ON incidents.id = action_items.incident_id "
    "WHERE (?1 IS NULL OR action_items.owner_id = ?1) "
    "AND (?2 IS NULL OR action_items.status = ?2) "
    "AND (?3 IS NULL OR (action_items.due_on < ?3 "
    "AND action_items.status IN ('open', 'in_progress'))) "
    "AND (?4 IS NULL OR action_items.id > ?4) "
    "ORDER BY action_items.due_on IS NULL, action_items.due_on, action_items.id LIMIT ?5";

inline constexpr char kInsertUser[] =
    "INSERT INTO users (email, name, role, password_hash, disabled, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
;
inline constexpr char kGetUser[] =
    "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users WHERE "
    "id = ?";
inline constexpr char kFindUserByEmail[] =
    "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users "
    "WHERE email = ?";
inline constexpr char kListUsers[] =
    "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users ORDER "
    "BY id";
inline constexpr char kUpdateUser[] =
    "UPDATE users SET name = ?, role = ?, password_hash = ?, disabled = ?, version = version + 1 "
    "WHERE id = ? AND version = ?";
inline constexpr char kCountUsers[] = "SELECT count(*) FROM users";

inline constexpr char kDeleteExpiredSessions[] = "DELETE FROM sessions WHERE expires_at <= ?";
inline constexpr char kInsertSession[] =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, ?)";
inline constexpr char kFindSession[] =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
    "WHERE token_hash = ? AND expires_at > ?";
inline constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = ?";
inline constexpr char kDeleteSessionsOf[] = "DELETE FROM sessions WHERE user_id = ?";

// The next number is taken inside the insert, so two publishes cannot share one.
inline constexpr char kInsertPublishedVersion[] =
    "INSERT INTO published_versions (incident_id, number, published_at, published_by, snapshot) "
    "SELECT ?1, COALESCE(MAX(number), 0) + 1, ?2, ?3, ?4 FROM published_versions "
    "WHERE incident_id = ?1 RETURNING id, number";
inline constexpr char kListPublishedVersions[] =
    "SELECT id, incident_id, number, published_at, published_by FROM published_versions "
    "WHERE incident_id = ? ORDER BY number DESC";
inline constexpr char kGetPublishedVersion[] =
    "SELECT id, incident_id, number, published_at, published_by, snapshot FROM published_versions "
    "WHERE incident_id = ? AND number = ?";

inline constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)";
inline constexpr char kAppliedMigrations[] =
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
inline constexpr char kRecordMigration[] =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)";

}  // namespace debrief::store::sqlite::sql
