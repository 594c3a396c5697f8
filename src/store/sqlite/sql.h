// The SQLite adapter's hand-written SQL, by name. The per-record CRUD statements are built from
// each entity's schema by record_table.h; everything else is here.
#pragma once

namespace debrief::store::sqlite {

struct Sql {
  static constexpr char kSavepoint[] = "SAVEPOINT debrief_write";
  static constexpr char kReleaseSavepoint[] = "RELEASE debrief_write";
  static constexpr char kRollbackToSavepoint[] = "ROLLBACK TO debrief_write";

  static constexpr char kPing[] = "SELECT 1";

  static constexpr char kInsertAudit[] =
      "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, incident_id, diff, "
      "generation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  // The incident's next generation: one past the highest its audit entries carry, read inside the
  // write's transaction, which holds the database's one write lock, so no other write can take the
  // same (migrations 0016 and 0017). A lookup at the end of an index, where a counter row of its
  // own cost every audited write a page more to commit.
  static constexpr char kBumpIncidentGeneration[] =
      "SELECT coalesce(max(generation), 0) + 1 FROM audit_log WHERE incident_id = ?";
  static constexpr char kListAudit[] =
      "SELECT id, at, actor_id, action, entity, entity_id, incident_id, diff FROM audit_log "
      "WHERE (?1 IS NULL OR incident_id = ?1) AND (?2 IS NULL OR id < ?2) "
      "AND NOT EXISTS (SELECT 1 FROM json_each(?4) WHERE value = audit_log.incident_id) "
      "ORDER BY id DESC LIMIT ?3";

  static constexpr char kIncidentGeneration[] =
      "SELECT coalesce(max(generation), 0) FROM audit_log WHERE incident_id = ?";

  // EventChangesSince reads at most kMostChangesRead entries (bound as the LIMIT, plus one to know
  // there were more): past that many, reading every event again is cheaper. An import names the
  // unit its events point to (entity_id since migration 0016; before, only its diff did).
  static constexpr char kIncidentChangesSince[] =
      "SELECT action, entity, entity_id, "
      "CASE WHEN action = 'import' THEN json_extract(diff, '$.added') END, "
      "CASE WHEN action = 'import' THEN json_extract(diff, '$.import_id') END "
      "FROM audit_log WHERE incident_id = ? AND generation > ? ORDER BY generation, id LIMIT ?";
  static constexpr int64_t kMostChangesRead = 4096;

  static constexpr char kNextIncidentNumber[] =
      "INSERT INTO incident_key_counters (year, last_number) VALUES (?, 1) "
      "ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number";

  // ?1 status, ?2 severity, ?3 service, ?4 text, ?5 before id, ?6 limit.
  static constexpr char kListIncidents[] =
      "SELECT {columns} FROM incidents WHERE (?1 IS NULL OR status = ?1) "
      "AND (?2 IS NULL OR severity = ?2) "
      "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(incidents.services) WHERE value = ?3)) "
      "AND (?4 IS NULL OR instr(lower(key || ' ' || title || ' ' || summary || ' ' || impact), "
      "lower(?4)) > 0) "
      "AND (?5 IS NULL OR id < ?5) AND (?7 IS NULL OR kind = ?7) "
      "AND NOT EXISTS (SELECT 1 FROM json_each(?8) WHERE value = incidents.id) "
      "ORDER BY id DESC LIMIT ?6";

  // ?1 owner, ?2 status, ?3 overdue date, ?4 after id, ?5 limit.
  static constexpr char kListActions[] =
      "SELECT {columns}, incidents.key FROM action_items "
      "JOIN incidents ON incidents.id = action_items.incident_id "
      "WHERE (?1 IS NULL OR action_items.owner_id = ?1) "
      "AND (?2 IS NULL OR action_items.status = ?2) "
      "AND (?3 IS NULL OR (action_items.due_on < ?3 "
      "AND action_items.status IN ('open', 'in_progress'))) "
      "AND (?4 IS NULL OR action_items.id > ?4) "
      "AND NOT EXISTS (SELECT 1 FROM json_each(?6) WHERE value = action_items.incident_id) "
      "ORDER BY action_items.due_on IS NULL, action_items.due_on, action_items.id LIMIT ?5";

  static constexpr char kInsertUser[] =
      "INSERT INTO users (email, name, role, password_hash, disabled, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
  static constexpr char kGetUser[] =
      "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users WHERE "
      "id = ?";
  static constexpr char kFindUserByEmail[] =
      "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users "
      "WHERE email = ?";
  static constexpr char kListUsers[] =
      "SELECT id, email, name, role, password_hash, disabled, created_at, version FROM users ORDER "
      "BY id";
  static constexpr char kUpdateUser[] =
      "UPDATE users SET name = ?, role = ?, password_hash = ?, disabled = ?, version = version + 1 "
      "WHERE id = ? AND version = ?";
  static constexpr char kFindUserByIdentity[] =
      "SELECT u.id, u.email, u.name, u.role, u.password_hash, u.disabled, u.created_at, u.version "
      "FROM user_identities i JOIN users u ON u.id = i.user_id "
      "WHERE i.issuer = ?1 AND i.subject = ?2";
  static constexpr char kInsertUserIdentity[] =
      "INSERT INTO user_identities (issuer, subject, user_id, created_at) VALUES (?1, ?2, ?3, ?4)";
  static constexpr char kListUserIdentities[] =
      "SELECT user_id, issuer, subject, created_at FROM user_identities ORDER BY user_id, issuer, "
      "subject";
  static constexpr char kInsertPendingSignIn[] =
      "INSERT INTO pending_sign_ins (state_hash, nonce, code_verifier, return_to, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)";
  static constexpr char kDropPendingSignInsBefore[] =
      "DELETE FROM pending_sign_ins WHERE created_at < ?1";
  static constexpr char kTakePendingSignIn[] =
      "DELETE FROM pending_sign_ins WHERE state_hash = ?1 "
      "RETURNING nonce, code_verifier, return_to, created_at";
  static constexpr char kCountUsers[] = "SELECT count(*) FROM users";

  // Restricted incidents (relational/incident_readers.h).
  static constexpr char kListIncidentReaders[] =
      "SELECT user_id, group_id FROM incident_readers WHERE incident_id = ?1 "
      "ORDER BY user_id, group_id";
  static constexpr char kForgetIncidentReaders[] =
      "DELETE FROM incident_readers WHERE incident_id = ?1";
  static constexpr char kInsertIncidentReader[] =
      "INSERT INTO incident_readers (incident_id, user_id, group_id) VALUES (?1, ?2, ?3)";
  static constexpr char kListRestrictedIncidents[] =
      "SELECT id, created_by, facilitator_id FROM incidents WHERE restricted = 1 ORDER BY id";
  // Every list and search asks (app::HiddenIncidents): CROSS JOIN keeps the few restricted
  // incidents the outer loop, where the planner would otherwise scan every participant.
  static constexpr char kListRestrictedParticipants[] =
      "SELECT i.id, p.user_id FROM incidents i CROSS JOIN participants p ON p.incident_id = i.id "
      "WHERE i.restricted = 1 AND p.user_id IS NOT NULL ORDER BY 1, 2";
  static constexpr char kListRestrictedReaders[] =
      "SELECT i.id, r.user_id, r.group_id FROM incidents i CROSS JOIN incident_readers r ON "
      "r.incident_id = i.id WHERE i.restricted = 1 ORDER BY 1, 2, 3";

  static constexpr char kInsertGroup[] =
      "INSERT INTO user_groups (name, name_key, created_at, version) VALUES (?1, ?2, ?3, "
      "?4) RETURNING id";
  static constexpr char kRestoreGroup[] =
      "INSERT INTO user_groups (name, name_key, created_at, version, id) "
      "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
  static constexpr char kGetGroup[] =
      "SELECT id, name, created_at, version FROM user_groups WHERE id = ?1";
  static constexpr char kFindGroupByName[] =
      "SELECT id, name, created_at, version FROM user_groups WHERE name_key = ?1";
  static constexpr char kListGroupIds[] = "SELECT id FROM user_groups ORDER BY id";
  static constexpr char kListGroupMembers[] =
      "SELECT user_id FROM user_group_members WHERE group_id = ?1 ORDER BY user_id";
  static constexpr char kListGroupIdsOf[] =
      "SELECT group_id FROM user_group_members WHERE user_id = ?1 ORDER BY group_id";
  static constexpr char kUpdateGroup[] =
      "UPDATE user_groups SET name = ?1, name_key = ?2, version = version + 1 "
      "WHERE id = ?3 AND version = ?4";
  static constexpr char kForgetGroupMembers[] =
      "DELETE FROM user_group_members WHERE group_id = ?1";
  static constexpr char kInsertGroupMember[] =
      "INSERT INTO user_group_members (group_id, user_id) VALUES (?1, ?2)";
  static constexpr char kDeleteGroup[] = "DELETE FROM user_groups WHERE id = ?1";

  static constexpr char kDeleteExpiredSessions[] = "DELETE FROM sessions WHERE expires_at <= ?";
  static constexpr char kInsertSession[] =
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?)";
  static constexpr char kFindSessionOwner[] =
      "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, u.id, u.email, "
      "u.name, u.role, u.password_hash, u.disabled, u.created_at, u.version FROM sessions s "
      "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?";
  static constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = ?";
  static constexpr char kDeleteSessionsOf[] = "DELETE FROM sessions WHERE user_id = ?";

  // The next number is taken inside the insert, so two publishes cannot share one.
  static constexpr char kInsertPublishedVersion[] =
      "INSERT INTO published_versions (incident_id, number, published_at, published_by, snapshot) "
      "SELECT ?1, COALESCE(MAX(number), 0) + 1, ?2, ?3, ?4 FROM published_versions "
      "WHERE incident_id = ?1 RETURNING id, number";
  static constexpr char kListPublishedVersions[] =
      "SELECT id, incident_id, number, published_at, published_by FROM published_versions "
      "WHERE incident_id = ? ORDER BY number DESC";
  static constexpr char kGetPublishedVersion[] =
      "SELECT id, incident_id, number, published_at, published_by, snapshot FROM "
      "published_versions "
      "WHERE incident_id = ? AND number = ?";

  static constexpr char kCreateMigrationsTable[] =
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)";
  static constexpr char kAppliedMigrations[] =
      "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
  static constexpr char kRecordMigration[] =
      "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)";

  // Imports as units (relational/event_imports.h).
  static constexpr char kListImports[] =
      "SELECT id, incident_id, format, name, created_by, created_at, added, skipped, undone_at, "
      "undone_by, removed FROM event_imports WHERE incident_id = ? ORDER BY id DESC";
  static constexpr char kGetImport[] =
      "SELECT id, incident_id, format, name, created_by, created_at, added, skipped, undone_at, "
      "undone_by, removed FROM event_imports WHERE incident_id = ? AND id = ?";
  static constexpr char kRestoreImport[] =
      "INSERT INTO event_imports (id, incident_id, format, name, created_by, created_at, added, "
      "skipped, undone_at, undone_by, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static constexpr char kRemoveEvents[] =
      "DELETE FROM timeline_events WHERE incident_id = ? AND import_id = ?";
  static constexpr char kMarkUndone[] =
      "UPDATE event_imports SET undone_at = ?, undone_by = ?, removed = ? WHERE id = ?";

  // Restoring a backup (relational/restore.h).
  static constexpr char kCountContent[] =
      "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM incidents)";
  static constexpr char kRestoreUser[] =
      "INSERT INTO users (id, email, name, role, password_hash, disabled, created_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static constexpr char kRestoreApiToken[] =
      "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, last_used_at, "
      "expires_at, "
      "revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static constexpr char kForgetReviewRules[] = "DELETE FROM review_rules";
  static constexpr char kRestoreReviewRule[] =
      "INSERT INTO review_rules (severity, version, review_required, approvals_required, "
      "due_business_days) VALUES (?, ?, ?, ?, ?)";
  static constexpr char kRestorePublishedVersion[] =
      "INSERT INTO published_versions (id, incident_id, number, published_at, published_by, "
      "snapshot) VALUES (?, ?, ?, ?, ?, ?)";
  static constexpr char kRestoreAudit[] =
      "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, incident_id, diff) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  // A backup's audit entries carry no generation: ids were drawn in commit order by the database
  // that wrote them, so they serve, and each restored incident's generation goes on from its
  // latest.
  static constexpr char kRestoreGenerations[] =
      "UPDATE audit_log SET generation = id WHERE incident_id IS NOT NULL AND generation IS NULL";
  static constexpr char kRestoreKeyCounter[] =
      "INSERT INTO incident_key_counters (year, last_number) VALUES (?, ?)";

  // Webhooks, alert hooks, notifications and imported documents.
  // Webhooks (relational/webhooks.h). A webhook row is read as (id, version, created_at,
  // updated_at, url, events, secret, active, description); a delivery row as (id, webhook_id,
  // event, dedup_key, payload, status, attempts, created_at, next_attempt_at, delivered_at,
  // last_status_code, last_error).
  static constexpr char kInsertWebhook[] =
      "INSERT INTO webhooks (version, created_at, updated_at, url, events, secret, active, "
      "description) VALUES (1, ?, ?, ?, ?, ?, ?, ?) RETURNING "
      "id, version, created_at, updated_at, url, events, secret, active, description";
  static constexpr char kRestoreWebhook[] =
      "INSERT INTO webhooks (id, version, created_at, updated_at, url, events, "
      "secret, active, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static constexpr char kListWebhooks[] =
      "SELECT id, version, created_at, updated_at, url, events, secret, active, description "
      "FROM webhooks ORDER BY id";
  static constexpr char kGetWebhook[] =
      "SELECT id, version, created_at, updated_at, url, events, secret, active, description "
      "FROM webhooks WHERE id = ?";
  static constexpr char kUpdateWebhook[] =
      "UPDATE webhooks SET version = version + 1, updated_at = ?, url = ?, events = ?, "
      "secret = ?, active = ?, description = ? WHERE id = ? AND version = ? RETURNING "
      "id, version, created_at, updated_at, url, events, secret, active, description";
  static constexpr char kDeleteWebhook[] = "DELETE FROM webhooks WHERE id = ? AND version = ?";
  // Subscribed: the event is in the webhook's JSON list of events. A delivery already queued
  // under the same dedup key (per webhook) is left as it is.
  static constexpr char kEnqueueWebhookDeliveries[] =
      "INSERT OR IGNORE INTO webhook_deliveries (webhook_id, event, dedup_key, payload, "
      "status, attempts, created_at, next_attempt_at, last_error) "
      "SELECT id, ?1, ?2, ?3, 'pending', 0, ?4, ?4, '' FROM webhooks WHERE "
      "(?5 IS NULL AND active = 1 AND EXISTS (SELECT 1 FROM json_each(webhooks.events) "
      "WHERE value = ?1)) OR id = ?5";
  static constexpr char kDueWebhookDeliveries[] =
      "SELECT id, webhook_id, event, dedup_key, payload, status, attempts, created_at, "
      "next_attempt_at, delivered_at, last_status_code, last_error "
      "FROM webhook_deliveries WHERE status = 'pending' AND "
      "next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";
  static constexpr char kRecordWebhookDeliveryAttempt[] =
      "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, "
      "delivered_at = ?, last_status_code = ?, last_error = ? WHERE id = ?";
  static constexpr char kListWebhookDeliveries[] =
      "SELECT id, webhook_id, event, dedup_key, payload, status, attempts, created_at, "
      "next_attempt_at, delivered_at, last_status_code, last_error "
      "FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?";
  static constexpr char kRetryWebhookDelivery[] =
      "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? "
      "WHERE id = ? AND webhook_id = ? RETURNING "
      "id, webhook_id, event, dedup_key, payload, status, attempts, created_at, "
      "next_attempt_at, delivered_at, last_status_code, last_error";

  // Alert hooks (relational/alert_hooks.h). A hook row is read as (id, version, created_at,
  // updated_at, name, token_hash, routes, open_incidents, severity, active, created_by).
  static constexpr char kInsertAlertHook[] =
      "INSERT INTO alert_hooks (version, created_at, updated_at, name, token_hash, routes, "
      "open_incidents, severity, active, created_by) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id, version, created_at, updated_at, name, token_hash, routes, open_incidents, "
      "severity, active, created_by";
  static constexpr char kRestoreAlertHook[] =
      "INSERT INTO alert_hooks (id, version, created_at, updated_at, name, "
      "token_hash, routes, open_incidents, severity, active, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static constexpr char kListAlertHooks[] =
      "SELECT id, version, created_at, updated_at, name, token_hash, routes, open_incidents, "
      "severity, active, created_by FROM alert_hooks ORDER BY id";
  static constexpr char kGetAlertHook[] =
      "SELECT id, version, created_at, updated_at, name, token_hash, routes, open_incidents, "
      "severity, active, created_by FROM alert_hooks WHERE id = ?";
  static constexpr char kFindAlertHookByToken[] =
      "SELECT id, version, created_at, updated_at, name, token_hash, routes, open_incidents, "
      "severity, active, created_by FROM alert_hooks WHERE token_hash = ?";
  static constexpr char kUpdateAlertHook[] =
      "UPDATE alert_hooks SET version = version + 1, updated_at = ?, name = ?, token_hash = ?, "
      "routes = ?, open_incidents = ?, severity = ?, active = ? WHERE id = ? AND version = ? "
      "RETURNING id, version, created_at, updated_at, name, token_hash, routes, open_incidents, "
      "severity, active, created_by";
  static constexpr char kDeleteAlertHook[] = "DELETE FROM alert_hooks WHERE id = ? AND version = ?";
  static constexpr char kAlertFiringIncident[] =
      "SELECT incidents.key FROM alert_hook_firings JOIN incidents ON "
      "incidents.id = alert_hook_firings.incident_id WHERE hook_id = ? AND firing_key = ?";
  // The group's latest firing.
  static constexpr char kAlertGroupIncident[] =
      "SELECT incidents.key FROM alert_hook_firings JOIN incidents ON "
      "incidents.id = alert_hook_firings.incident_id WHERE hook_id = ? AND "
      "group_key = ? ORDER BY received_at DESC LIMIT 1";
  // A firing already remembered keeps its incident.
  static constexpr char kRecordAlertFiring[] =
      "INSERT OR IGNORE INTO alert_hook_firings (hook_id, firing_key, group_key, incident_id, "
      "received_at) VALUES (?, ?, ?, ?, ?)";

  // Notifications (relational/notifications.h).
#define DEBRIEF_NOTIFICATION_COLUMNS_                                                            \
  "id, user_id, kind, incident_id, incident_key, title, path, dedup_key, actor_id, created_at, " \
  "read_at"
  static constexpr char kInsertNotification[] =
      "INSERT INTO notifications (user_id, kind, incident_id, incident_key, title, path, "
      "dedup_key, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (user_id, dedup_key) DO NOTHING RETURNING " DEBRIEF_NOTIFICATION_COLUMNS_;
  static constexpr char kListNotifications[] =
      "SELECT " DEBRIEF_NOTIFICATION_COLUMNS_
      " FROM notifications WHERE user_id = ?1 AND (?2 IS NULL OR id < ?2) ORDER BY id DESC "
      "LIMIT ?3";
  static constexpr char kGetNotification[] =
      "SELECT " DEBRIEF_NOTIFICATION_COLUMNS_ " FROM notifications WHERE id = ?";
#undef DEBRIEF_NOTIFICATION_COLUMNS_
  static constexpr char kDeleteIncidentNotifications[] =
      "DELETE FROM notifications WHERE incident_id = ?1 "
      "AND user_id IN (SELECT value FROM json_each(?2))";
  static constexpr char kCountUnreadNotifications[] =
      "SELECT count(*) FROM notifications WHERE user_id = ?1 AND read_at IS NULL "
      "AND NOT EXISTS (SELECT 1 FROM json_each(?2) WHERE value = notifications.incident_id)";
  static constexpr char kMarkAllNotificationsRead[] =
      "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL";
  static constexpr char kMarkOneNotificationRead[] =
      "UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL";
  static constexpr char kInsertNotificationDelivery[] =
      "INSERT INTO notification_deliveries (notification_id, user_id, channel, next_attempt_at) "
      "VALUES (?, ?, ?, ?)";
  static constexpr char kDueNotificationDeliveries[] =
      "SELECT id, notification_id, user_id, channel, status, attempts, next_attempt_at, "
      "delivered_at, last_error FROM notification_deliveries "
      "WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";
  static constexpr char kRecordNotificationDelivery[] =
      "UPDATE notification_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, "
      "delivered_at = ?, last_error = ? WHERE id = ?";
  static constexpr char kGetNotificationSettings[] =
      "SELECT user_id, version, email_kinds, chat_kinds, email_digest_hour, chat_webhook_url, "
      "chat_format FROM notification_settings WHERE user_id = ?";
  static constexpr char kInsertNotificationSettings[] =
      "INSERT INTO notification_settings (user_id, version, email_kinds, chat_kinds, "
      "email_digest_hour, chat_webhook_url, chat_format) VALUES (?, 1, ?, ?, ?, ?, ?) "
      "ON CONFLICT (user_id) DO NOTHING";
  static constexpr char kRestoreNotificationSettings[] =
      "INSERT INTO notification_settings (user_id, version, email_kinds, chat_kinds, "
      "email_digest_hour, chat_webhook_url, chat_format) VALUES (?, ?, ?, ?, ?, ?, ?)";
  static constexpr char kUpdateNotificationSettings[] =
      "UPDATE notification_settings SET version = version + 1, email_kinds = ?, chat_kinds = ?, "
      "email_digest_hour = ?, chat_webhook_url = ?, chat_format = ? "
      "WHERE user_id = ? AND version = ?";

  // Imported documents (relational/imported_documents.h). A document row is read as (id,
  // incident_id, name, digest, content, imported_at).
  static constexpr char kImportedDocumentIncident[] =
      "SELECT incidents.key FROM imported_documents JOIN incidents ON "
      "incidents.id = imported_documents.incident_id WHERE digest = ?";
  static constexpr char kInsertImportedDocument[] =
      "INSERT INTO imported_documents (incident_id, name, digest, content, "
      "imported_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
  static constexpr char kListImportedDocuments[] =
      "SELECT id, incident_id, name, digest, content, imported_at "
      "FROM imported_documents WHERE incident_id = ? ORDER BY id";
  static constexpr char kRestoreImportedDocument[] =
      "INSERT INTO imported_documents (id, incident_id, name, digest, content, imported_at) "
      "VALUES (?, ?, ?, ?, ?, ?)";

  // Language feedback, audiences, the pulse, review rules and templates, API tokens.
  // Language feedback (relational/language_feedback.h). A dismissal given already (the same rule,
  // sentence and person) inserts nothing and returns no id.
  static constexpr char kInsertLanguageDismissal[] =
      "INSERT INTO language_dismissals (rule_id, sentence_hash, phrase, user_id, created_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (rule_id, sentence_hash, user_id) DO NOTHING "
      "RETURNING id";
  static constexpr char kCountLanguageDismissalsBy[] =
      "SELECT count(*) FROM language_dismissals WHERE user_id = ?";
  static constexpr char kListDismissedSentences[] =
      "SELECT DISTINCT rule_id, sentence_hash FROM language_dismissals ORDER BY 1, 2";
  static constexpr char kDeleteLanguageDismissals[] =
      "DELETE FROM language_dismissals WHERE rule_id = ?1 AND (?2 IS NULL OR phrase = ?2)";
  static constexpr char kCountLanguageDismissals[] =
      "SELECT rule_id, phrase, count(*), count(DISTINCT sentence_hash), count(DISTINCT user_id) "
      "FROM language_dismissals GROUP BY rule_id, phrase ORDER BY 3 DESC, 1, 2";
  static constexpr char kListLanguageDismissals[] =
      "SELECT rule_id, sentence_hash, phrase, user_id, created_at FROM language_dismissals "
      "ORDER BY id";
  // Every allow-entry statement reads the columns in this order (ReadLanguageAllowEntry).
  static constexpr char kListLanguageAllowEntries[] =
      "SELECT id, rule_id, phrase, created_by, created_at FROM language_allow_entries ORDER BY id";
  static constexpr char kInsertLanguageAllowEntry[] =
      "INSERT INTO language_allow_entries (rule_id, phrase, created_by, created_at) "
      "VALUES (?, ?, ?, ?) RETURNING id, rule_id, phrase, created_by, created_at";
  static constexpr char kRestoreLanguageAllowEntry[] =
      "INSERT INTO language_allow_entries (id, rule_id, phrase, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?)";
  static constexpr char kDeleteLanguageAllowEntry[] =
      "DELETE FROM language_allow_entries WHERE id = ?";
  static constexpr char kBumpLanguageFeedbackVersion[] =
      "UPDATE language_feedback_version SET version = version + 1 WHERE only_row = 1";
  static constexpr char kLanguageFeedbackVersion[] =
      "SELECT version FROM language_feedback_version WHERE only_row = 1";

  // Audience memberships (relational/audience_memberships.h).
  static constexpr char kListAudienceMemberships[] =
      "SELECT id, incident_id, audience, participant_id, since, until, source "
      "FROM audience_memberships WHERE incident_id = ? ORDER BY audience, "
      "participant_id, since IS NOT NULL, since, id";
  static constexpr char kDeleteAudienceMembershipsOfSource[] =
      "DELETE FROM audience_memberships WHERE incident_id = ? AND source = ?";
  static constexpr char kInsertAudienceMembership[] =
      "INSERT INTO audience_memberships (incident_id, audience, participant_id, since, until, "
      "source) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM participants WHERE id = ? AND "
      "incident_id = ?)";
  static constexpr char kRestoreAudienceMembership[] =
      "INSERT INTO audience_memberships (id, incident_id, audience, participant_id, since, until, "
      "source) VALUES (?, ?, ?, ?, ?, ?, ?)";
  static constexpr char kAudienceParticipantOfIncident[] =
      "SELECT 1 FROM participants WHERE id = ? AND incident_id = ?";

  // The review pulse (relational/pulse.h).
  static constexpr char kAddPulseRespondent[] =
      "INSERT INTO pulse_respondents (incident_id, user_id) VALUES (?, ?)";
  static constexpr char kAnsweredPulse[] =
      "SELECT 1 FROM pulse_respondents WHERE incident_id = ? AND user_id = ?";
  static constexpr char kCountPulseAnswer[] =
      "INSERT INTO pulse_counts (incident_id, question, answer, count) VALUES (?, ?, ?, 1) "
      "ON CONFLICT (incident_id, question, answer) DO UPDATE SET count = count + 1";
  static constexpr char kPulseCountsOfIncident[] =
      "SELECT question, answer, count FROM pulse_counts WHERE incident_id = ?";
  static constexpr char kPulseRespondentsOfIncident[] =
      "SELECT count(*), count(DISTINCT incident_id) FROM pulse_respondents WHERE incident_id = ?1";
  // The closed pulses answered by at least ?1 people: their review has a published version.
#define DEBRIEF_CLOSED_PULSES                                                             \
  "SELECT incident_id FROM pulse_respondents GROUP BY incident_id HAVING count(*) >= ?1 " \
  "AND EXISTS (SELECT 1 FROM published_versions WHERE published_versions.incident_id = "  \
  "pulse_respondents.incident_id) AND NOT EXISTS (SELECT 1 FROM incidents WHERE "         \
  "incidents.id = pulse_respondents.incident_id AND incidents.restricted = 1)"
  static constexpr char kClosedPulseCounts[] =
      "SELECT question, answer, sum(count) FROM pulse_counts WHERE incident_id IN "
      "(" DEBRIEF_CLOSED_PULSES ") GROUP BY question, answer";
  static constexpr char kClosedPulseRespondents[] =
      "SELECT count(*), count(DISTINCT incident_id) FROM pulse_respondents WHERE incident_id IN "
      "(" DEBRIEF_CLOSED_PULSES ")";
#undef DEBRIEF_CLOSED_PULSES
  static constexpr char kPulseRespondentsInOrder[] =
      "SELECT user_id FROM pulse_respondents WHERE incident_id = ? ORDER BY user_id";
  static constexpr char kPulseCountsInOrder[] =
      "SELECT question, answer, count FROM pulse_counts WHERE incident_id = ? ORDER BY question, "
      "answer";
  static constexpr char kRestorePulseCount[] =
      "INSERT INTO pulse_counts (incident_id, question, answer, count) VALUES (?, ?, ?, ?)";

  // Review rules (relational/review_rules.h).
  static constexpr char kListReviewRules[] =
      "SELECT severity, version, review_required, approvals_required, due_business_days "
      "FROM review_rules ORDER BY severity";
  static constexpr char kGetReviewRuleVersion[] =
      "SELECT version FROM review_rules WHERE severity = ?";
  static constexpr char kInsertReviewRule[] =
      "INSERT INTO review_rules (severity, version, review_required, approvals_required, "
      "due_business_days) VALUES (?1, 1, ?2, ?3, ?4)";
  static constexpr char kUpdateReviewRule[] =
      "UPDATE review_rules SET version = version + 1, review_required = ?2, "
      "approvals_required = ?3, due_business_days = ?4 WHERE severity = ?1 AND version = ?5";
  static constexpr char kDeleteReviewRule[] =
      "DELETE FROM review_rules WHERE severity = ? AND version = ?";

  // Review templates (relational/review_templates.h).
  static constexpr char kListReviewTemplates[] =
      "SELECT severity, version, sections FROM review_templates ORDER BY severity";
  static constexpr char kGetReviewTemplateVersion[] =
      "SELECT version FROM review_templates WHERE severity = ?";
  static constexpr char kInsertReviewTemplate[] =
      "INSERT INTO review_templates (severity, version, sections) VALUES (?1, 1, ?2)";
  static constexpr char kUpdateReviewTemplate[] =
      "UPDATE review_templates SET version = version + 1, sections = ?2 "
      "WHERE severity = ?1 AND version = ?3";
  static constexpr char kRestoreReviewTemplate[] =
      "INSERT INTO review_templates (severity, version, sections) VALUES (?1, ?2, ?3)";
  static constexpr char kDeleteReviewTemplate[] =
      "DELETE FROM review_templates WHERE severity = ? AND version = ?";

  // API tokens (relational/api_tokens.h). Every statement reads the columns in this order
  // (ReadApiToken).
#define DEBRIEF_TOKEN_COLUMNS_ \
  "id, user_id, name, token_hash, created_at, last_used_at, expires_at, revoked_at"
  static constexpr char kInsertApiToken[] =
      "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING " DEBRIEF_TOKEN_COLUMNS_;
  static constexpr char kFindApiTokenOwner[] =
      "SELECT t.id, t.user_id, t.name, t.token_hash, t.created_at, t.last_used_at, t.expires_at, "
      "t.revoked_at, u.id, u.email, u.name, u.role, u.password_hash, u.disabled, u.created_at, "
      "u.version FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";
  static constexpr char kGetApiToken[] =
      "SELECT " DEBRIEF_TOKEN_COLUMNS_ " FROM api_tokens WHERE id = ?";
  static constexpr char kListApiTokens[] =
      "SELECT " DEBRIEF_TOKEN_COLUMNS_ " FROM api_tokens ORDER BY id";
  // A token revoked before keeps the time it was revoked.
  static constexpr char kRevokeApiToken[] =
      "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? "
      "RETURNING " DEBRIEF_TOKEN_COLUMNS_;
#undef DEBRIEF_TOKEN_COLUMNS_
  static constexpr char kNoteApiTokenUse[] = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";

  static constexpr char kForgetDeliveriesAbout[] =
      "DELETE FROM webhook_deliveries WHERE json_extract(payload, '$.incident.key') = ?1";

  // Erasing a person (store/erasure_store.h).
  static constexpr char kEraseUser[] =
      "UPDATE users SET name = ?1, email = ?2, password_hash = '', disabled = 1, "
      "version = version + 1 WHERE id = ?3 AND version = ?4";
  static constexpr char kDeleteUserIdentitiesOf[] =
      "DELETE FROM user_identities WHERE user_id = ?1";
  static constexpr char kDeleteGroupMembershipsOf[] =
      "DELETE FROM user_group_members WHERE user_id = ?1";
  static constexpr char kDeleteNotificationsTo[] = "DELETE FROM notifications WHERE user_id = ?1";
  static constexpr char kDeleteNotificationSettingsOf[] =
      "DELETE FROM notification_settings WHERE user_id = ?1";
  static constexpr char kRevokeApiTokensOf[] =
      "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?1) WHERE user_id = ?2";
  // Each stored text (StoredText, in its order): a page of (id, text, incident id) after an id,
  // and the rewrite of one.
  static constexpr const char* kStoredTextPages[] = {
      "SELECT id, snapshot, incident_id FROM published_versions WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, content, incident_id FROM imported_documents WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, name, incident_id FROM event_imports WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, title, 0 FROM notifications WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, payload, 0 FROM webhook_deliveries WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, diff, 0 FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, name, 0 FROM api_tokens WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, name, incident_id FROM imported_documents WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, audience, incident_id FROM audience_memberships WHERE id > ?1 ORDER BY id "
      "LIMIT ?2",
      "SELECT id, description, 0 FROM webhooks WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, name, 0 FROM alert_hooks WHERE id > ?1 ORDER BY id LIMIT ?2",
      "SELECT id, phrase, 0 FROM language_allow_entries WHERE id > ?1 ORDER BY id LIMIT ?2",
  };
  static constexpr const char* kStoredTextUpdates[] = {
      "UPDATE published_versions SET snapshot = ?1 WHERE id = ?2",
      "UPDATE imported_documents SET content = ?1 WHERE id = ?2",
      "UPDATE event_imports SET name = ?1 WHERE id = ?2",
      "UPDATE notifications SET title = ?1 WHERE id = ?2",
      "UPDATE webhook_deliveries SET payload = ?1 WHERE id = ?2",
      "UPDATE audit_log SET diff = ?1 WHERE id = ?2",
      "UPDATE api_tokens SET name = ?1 WHERE id = ?2",
      "UPDATE imported_documents SET name = ?1 WHERE id = ?2",
      "UPDATE audience_memberships SET audience = ?1 WHERE id = ?2",
      "UPDATE webhooks SET description = ?1 WHERE id = ?2",
      "UPDATE alert_hooks SET name = ?1 WHERE id = ?2",
      "UPDATE language_allow_entries SET phrase = ?1 WHERE id = ?2",
  };
};

}  // namespace debrief::store::sqlite
