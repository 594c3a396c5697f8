// The PostgreSQL adapter's hand-written SQL, by name. The per-record CRUD statements are built from
// each entity's schema by record_table.h; everything else is here. Text that is ordered is ordered
// COLLATE "C" (by code point), as SQLite orders it, whatever the database's locale.
#pragma once

#include <cstdint>

namespace debrief::store::postgres::sql {

inline constexpr char kPing[] = "SELECT 1";

inline constexpr char kLockIncident[] = "SELECT 1 FROM incidents WHERE id = $1 FOR NO KEY UPDATE";

// The generation is drawn in the insert, under the incident's row lock (write_scope.h): one past
// the highest its entries carry.
inline constexpr char kInsertAudit[] =
    "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, incident_id, diff, "
    "generation) VALUES ($1, $2, $3, $4, $5, $6::bigint, $7, CASE WHEN $6::bigint IS NULL THEN "
    "NULL ELSE (SELECT coalesce(max(generation), 0) + 1 FROM audit_log WHERE incident_id = "
    "$6::bigint) END)";
inline constexpr char kListAudit[] =
    "SELECT id, at, actor_id, action, entity, entity_id, incident_id, diff FROM audit_log "
    "WHERE ($1::bigint IS NULL OR incident_id = $1) AND ($2::bigint IS NULL OR id < $2) "
    "ORDER BY id DESC LIMIT $3";
inline constexpr char kIncidentGeneration[] =
    "SELECT coalesce(max(generation), 0) FROM audit_log WHERE incident_id = $1";

// EventChangesSince reads at most kMostChangesRead entries (bound as the LIMIT, plus one to know
// there were more): past that many, reading every event again is cheaper.
inline constexpr char kIncidentChangesSince[] =
    "SELECT action, entity, entity_id, "
    "CASE WHEN action = 'import' THEN (diff::jsonb ->> 'added')::bigint END, "
    "CASE WHEN action = 'import' THEN (diff::jsonb ->> 'import_id')::bigint END "
    "FROM audit_log WHERE incident_id = $1 AND generation > $2 ORDER BY generation, id LIMIT $3";
inline constexpr int64_t kMostChangesRead = 4096;

inline constexpr char kNextIncidentNumber[] =
    "INSERT INTO incident_key_counters AS counters (year, last_number) VALUES ($1, 1) "
    "ON CONFLICT (year) DO UPDATE SET last_number = counters.last_number + 1 "
    "RETURNING last_number";

// $1 status, $2 severity, $3 service, $4 text, $5 before id, $6 limit, $7 kind.
inline constexpr char kListIncidents[] =
    "SELECT {columns} FROM incidents WHERE ($1::text IS NULL OR status = $1) "
    "AND ($2::text IS NULL OR severity = $2) "
    "AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM "
    "jsonb_array_elements_text(incidents.services::jsonb) AS service WHERE service = $3)) "
    "AND ($4::text IS NULL OR strpos(lower(key || ' ' || title || ' ' || summary || ' ' || "
    "impact), lower($4)) > 0) "
    "AND ($5::bigint IS NULL OR id < $5) AND ($7::text IS NULL OR kind = $7) "
    "ORDER BY id DESC LIMIT $6";

// $1 owner, $2 status, $3 overdue date, $4 after id, $5 limit.
inline constexpr char kListActions[] =
    "SELECT {columns}, incidents.key FROM action_items "
    "JOIN incidents ON incidents.id = action_items.incident_id "
    "WHERE ($1::bigint IS NULL OR action_items.owner_id = $1) "
    "AND ($2::text IS NULL OR action_items.status = $2) "
    "AND ($3::text IS NULL OR (action_items.due_on < $3 COLLATE \"C\" "
    "AND action_items.status IN ('open', 'in_progress'))) "
    "AND ($4::bigint IS NULL OR action_items.id > $4) "
    "ORDER BY action_items.due_on IS NULL, action_items.due_on COLLATE \"C\", action_items.id "
    "LIMIT $5";

inline constexpr char kInsertUser[] =
    "INSERT INTO users (email, name, role, password_hash, disabled, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
inline constexpr char kGetUser[] =
    "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users WHERE "
    "id = $1";
inline constexpr char kFindUserByEmail[] =
    "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users "
    "WHERE email = $1";
inline constexpr char kListUsers[] =
    "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users ORDER "
    "BY id";
inline constexpr char kUpdateUser[] =
    "UPDATE users SET name = $1, role = $2, password_hash = $3, disabled = $4, "
    "version = version + 1 WHERE id = $5 AND version = $6";
inline constexpr char kCountUsers[] = "SELECT count(*) FROM users";

inline constexpr char kDeleteExpiredSessions[] = "DELETE FROM sessions WHERE expires_at <= $1";
inline constexpr char kInsertSession[] =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)";
inline constexpr char kFindSession[] =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
    "WHERE token_hash = $1 AND expires_at > $2";
inline constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = $1";
inline constexpr char kDeleteSessionsOf[] = "DELETE FROM sessions WHERE user_id = $1";

// The next number is taken inside the insert, under the incident's lock.
inline constexpr char kInsertPublishedVersion[] =
    "INSERT INTO published_versions (incident_id, number, published_at, published_by, snapshot) "
    "SELECT $1, COALESCE(MAX(number), 0) + 1, $2, $3, $4 FROM published_versions "
    "WHERE incident_id = $1 RETURNING id, number";
inline constexpr char kListPublishedVersions[] =
    "SELECT id, incident_id, number, published_at, published_by FROM published_versions "
    "WHERE incident_id = $1 ORDER BY number DESC";
inline constexpr char kGetPublishedVersion[] =
    "SELECT id, incident_id, number, published_at, published_by, snapshot FROM published_versions "
    "WHERE incident_id = $1 AND number = $2";

// Migrations: one advisory lock (a number of debrief's own) held while they are checked and
// applied, so instances starting together apply each exactly once.
inline constexpr int64_t kMigrationLock = 0x64656272696566;  // "debrief"
inline constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, "
    "name text NOT NULL, checksum text NOT NULL, applied_at bigint NOT NULL)";
inline constexpr char kAppliedMigrations[] =
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
inline constexpr char kRecordMigration[] =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)";

}  // namespace debrief::store::postgres::sql
