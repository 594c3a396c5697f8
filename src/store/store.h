// Store: where debrief keeps everything. One interface, one adapter per database (sqlite/ now,
// postgres/ for teams running several instances); callers never know which one they have, and
// tests/store/store_conformance_test.cc holds every adapter to the same behaviour.
//
// Promises, for every adapter:
// - Each write is atomic together with its audit entry, and bumps the row's `version`. Writes
//   that name a stale version fail with kFailedPrecondition and change nothing.
// - Missing rows are kNotFound; unique conflicts are kAlreadyExists naming the field.
// - A Store is used by one thread at a time (the server runs one event loop); open one per
//   thread otherwise.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/action_item.h"
#include "core/alert_hook.h"
#include "core/contributing_factor.h"
#include "core/decision_point.h"
#include "core/incident.h"
#include "core/lesson.h"
#include "core/notification.h"
#include "core/participant.h"
#include "core/published_version.h"
#include "core/result.h"
#include "core/review.h"
#include "core/review_template.h"
#include "core/timeline_event.h"
#include "core/user.h"
#include "core/webhook.h"
#include "core/work_as_done.h"
#include "store/library.h"

namespace debrief::store {

using core::Result;

// Who makes a write, and what it changes, for the audit log. `diff_json` is a JSON object of
// changed fields ({"title": {"from": "a", "to": "b"}}), computed by the caller who has both
// versions in hand.
struct Change {
  std::optional<int64_t> actor_id;
  std::string diff_json = "{}";
};

// CRUD for one kind of record that belongs to an incident.
template <class T>
class RecordStore {
 public:
  virtual ~RecordStore() = default;
  // Stores a new record (id, version, created_at, updated_at are assigned).
  virtual Result<T> Insert(T record, const Change& change) = 0;
  virtual Result<T> Get(int64_t incident_id, int64_t id) = 0;
  // Every record of the incident, oldest first.
  virtual Result<std::vector<T>> List(int64_t incident_id) = 0;
  // Replaces the record if its stored version is still `expected_version`.
  virtual Result<T> Update(T record, int64_t expected_version, const Change& change) = 0;
  virtual Result<void> Delete(int64_t incident_id, int64_t id, int64_t expected_version,
                              const Change& change) = 0;
  // Inserts a record from a backup exactly as given: id, version and timestamps included, no
  // audit entry (the backup's audit log is restored as it was). For Store::Restore.
  virtual Result<void> Restore(const T& record) = 0;
};

struct IncidentQuery {
  std::optional<core::IncidentStatus> status;
  std::optional<std::string> severity;
  std::optional<std::string> service;
  std::string text;                  // Matched against key, title, summary and impact.
  std::optional<int64_t> before_id;  // The cursor: newest first, ids below this one.
  int limit = 50;
};

struct IncidentPage {
  std::vector<core::Incident> incidents;
  std::optional<int64_t> next_before_id;  // Set when there may be more.
};

struct ActionQuery {
  std::optional<int64_t> owner_id;
  std::optional<core::ActionStatus> status;
  // Due before this date and not done or dropped.
  std::optional<core::Date> overdue_on;
  std::optional<int64_t> after_id;
  int limit = 100;
};

// An action item with the key of its incident, for lists across incidents.
struct ActionWithIncident {
  core::ActionItem action;
  std::string incident_key;
};

// How an import went: events stored, and events passed over because the incident's timeline
// already holds their source (the same system and external id: a file imported again, a webhook
// delivered twice).
struct ImportCounts {
  int64_t added = 0;
  int64_t skipped = 0;
};

// How an incident's events changed after a generation (see Store::EventChangesSince): the ids
// created or updated, the ids deleted, and the imports that added events. An import is one audit
// entry for many events, so it names its unit (EventImportRecord::id) instead of each event;
// Store::ListImportedEvents reads them. Nothing here depends on the order ids were drawn in.
struct EventChanges {
  std::vector<int64_t> written;
  std::vector<int64_t> deleted;
  std::vector<int64_t> imports;

  bool empty() const { return written.empty() && deleted.empty() && imports.empty(); }
};

// What an import brought in, for the list of an incident's imports: one unit, undone whole.
struct ImportDescription {
  std::string format;  // "slack", "alertmanager", "jsonl", "paste", "markdown", ...
  std::string name;    // What was imported: a file's name, a channel, an alert hook.
};

// An import as the incident keeps it (event_imports): who brought in what, when, how much, and
// whether it was undone.
struct EventImportRecord {
  int64_t id = 0;
  int64_t incident_id = 0;
  ImportDescription what;
  std::optional<int64_t> created_by;
  core::Timestamp created_at{};
  int64_t added = 0;
  int64_t skipped = 0;
  std::optional<core::Timestamp> undone_at;
  std::optional<int64_t> undone_by;
  int64_t removed = 0;  // Events the undo took away (some may have been deleted by hand before).
};

// One import of timeline events into an incident: Add as many batches as the source gives, then
// Commit, which lands them all in one transaction. Destroyed uncommitted (a malformed line, a dry
// run, Ctrl-C), it leaves the database as it was. Adding holds no lock on the incident's data,
// so other writers go on while a large file is read.
class EventImport {
 public:
  virtual ~EventImport() = default;
  // Events need `source` set to "import:<kind>:<external id>"; incident_id is set here.
  virtual Result<void> Add(const std::vector<core::TimelineEvent>& events) = 0;
  // What Commit would add and pass over, as of now.
  virtual Result<ImportCounts> Count() = 0;
  // Lands the import with one audit entry (`change`, plus the counts). An import that adds
  // events is kept as one unit (EventImportRecord) its events point to, so it can be undone.
  virtual Result<ImportCounts> Commit(const Change& change, const ImportDescription& what) = 0;
};

// A file an incident was imported from (a postmortem written in Markdown), kept whole beside
// the incident it became.
struct ImportedDocument {
  int64_t id = 0;
  int64_t incident_id = 0;
  std::string name;    // The file's path as it was given.
  std::string digest;  // Of its bytes (BLAKE2b-256, hex): the same file is found again by it.
  std::string content;
  core::Timestamp imported_at{};
};

struct Backup;  // store/backup.h
struct IncidentBackup;

struct AuditQuery {
  std::optional<int64_t> incident_id;
  std::optional<int64_t> before_id;
  int limit = 100;
};

class Store {
 public:
  virtual ~Store() = default;

  // Cheap round trip to the database, for /readyz.
  virtual Result<void> Ping() = 0;
  // The schema version the database is at (its last migration applied).
  virtual int schema_version() const = 0;
  // Runs `work` in one transaction: all of its writes land, or none.
  virtual Result<void> InTransaction(const std::function<Result<void>()>& work) = 0;

  // Incidents. CreateIncident assigns the next key for the year of `created_at`.
  virtual Result<core::Incident> CreateIncident(core::Incident incident, const Change& change) = 0;
  virtual Result<core::Incident> GetIncident(std::string_view key) = 0;
  virtual Result<core::Incident> UpdateIncident(core::Incident incident, int64_t expected_version,
                                                const Change& change) = 0;
  virtual Result<IncidentPage> ListIncidents(const IncidentQuery& query) = 0;

  // Starts an import of timeline events into the incident (see EventImport).
  virtual Result<std::unique_ptr<EventImport>> BeginEventImport(int64_t incident_id) = 0;
  // The events import `import_id` added to the incident that are still there, oldest id first.
  virtual Result<std::vector<core::TimelineEvent>> ListImportedEvents(int64_t incident_id,
                                                                      int64_t import_id) = 0;
  // The incident's imports, newest first.
  virtual Result<std::vector<EventImportRecord>> ListEventImports(int64_t incident_id) = 0;
  // Takes away every event the import added, in one transaction, and marks it undone (kNotFound
  // for no such import; kFailedPrecondition when it was undone already).
  virtual Result<EventImportRecord> UndoEventImport(int64_t incident_id, int64_t import_id,
                                                    const Change& change) = 0;

  virtual RecordStore<core::Participant>& participants() = 0;
  virtual RecordStore<core::Account>& accounts() = 0;
  virtual RecordStore<core::AccountEntry>& entries() = 0;
  virtual RecordStore<core::TimelineEvent>& events() = 0;
  virtual RecordStore<core::DecisionPoint>& decisions() = 0;
  virtual RecordStore<core::ContributingFactor>& factors() = 0;
  virtual RecordStore<core::WorkAsDone>& work_as_done() = 0;
  virtual RecordStore<core::ActionItem>& actions() = 0;
  virtual RecordStore<core::Lesson>& lessons() = 0;
  virtual RecordStore<core::Reviewer>& reviewers() = 0;
  virtual RecordStore<core::ReviewComment>& comments() = 0;
  virtual RecordStore<core::ReviewAnswer>& answers() = 0;

  // Review rules, one per severity, in severity order as text. PutReviewRule creates the rule when
  // `expected_version` is 0 (kAlreadyExists if it is there) and replaces it otherwise (stale
  // versions fail like any other write).
  virtual Result<std::vector<core::ReviewRule>> ListReviewRules() = 0;
  virtual Result<core::ReviewRule> PutReviewRule(core::ReviewRule rule, int64_t expected_version,
                                                 const Change& change) = 0;
  virtual Result<void> DeleteReviewRule(std::string_view severity, int64_t expected_version,
                                        const Change& change) = 0;

  // Review templates (core/review_template.h), by severity ("default" for every other). Put and
  // delete work like review rules: expected_version 0 creates.
  virtual Result<std::vector<core::ReviewTemplate>> ListReviewTemplates() = 0;
  virtual Result<core::ReviewTemplate> PutReviewTemplate(core::ReviewTemplate review_template,
                                                         int64_t expected_version,
                                                         const Change& change) = 0;
  virtual Result<void> DeleteReviewTemplate(std::string_view severity, int64_t expected_version,
                                            const Change& change) = 0;

  virtual Result<std::vector<ActionWithIncident>> ListActions(const ActionQuery& query) = 0;

  // Publishing, in one transaction: the incident (review_status already set by the caller) is
  // updated if still at `expected_version`, and `snapshot` becomes its next published version.
  virtual Result<core::PublishedVersion> Publish(const core::Incident& incident,
                                                 int64_t expected_version, std::string snapshot,
                                                 const Change& change) = 0;
  // Newest first; snapshots are left empty in the list.
  virtual Result<std::vector<core::PublishedVersion>> ListPublishedVersions(
      int64_t incident_id) = 0;
  virtual Result<core::PublishedVersion> GetPublishedVersion(int64_t incident_id,
                                                             int64_t number) = 0;

  // The library (store/library.h). IndexForLibrary replaces the incident's entry; publishing
  // calls it in the same transaction as Publish.
  virtual Result<void> IndexForLibrary(const LibraryEntry& entry) = 0;
  // Incidents whose latest published version is missing from the library, oldest first.
  virtual Result<std::vector<int64_t>> LibraryBacklog() = 0;
  // Changes with every change to the library, so cached search results can tag themselves.
  virtual Result<int64_t> LibraryGeneration() = 0;
  // Prepares what searches read (for an adapter that keeps it in memory) before the first search,
  // so no request waits for it; the number of published reviews it took in.
  virtual Result<size_t> WarmLibrary() = 0;
  virtual Result<LibraryPage> SearchLibrary(const LibraryQuery& query) = 0;
  // Searching from other threads: PrepareLibrarySearch (on the store's thread) makes the library
  // current for the query (a copy's word index is built only for a query with words), then any
  // searcher runs it. A store that cannot search from other
  // threads gives no searcher (null), and SearchLibrary serves instead.
  virtual Result<void> PrepareLibrarySearch(const LibraryQuery& /*query*/) { return core::Ok(); }
  virtual Result<std::unique_ptr<LibrarySearcher>> OpenLibrarySearcher() {
    return std::unique_ptr<LibrarySearcher>();
  }
  virtual Result<std::vector<LibraryHit>> RelatedInLibrary(const RelatedQuery& query) = 0;
  virtual Result<LessonPage> SearchLessons(const LessonQuery& query) = 0;
  // Up to `limit` reviews of incidents that started within `window_days` of today's month and
  // day in an earlier year, closest first.
  virtual Result<std::vector<LibraryHit>> LibraryAnniversaries(core::Date today, int window_days,
                                                               bool anonymised, int limit) = 0;

  // Users, sessions, tokens.
  virtual Result<core::User> CreateUser(core::User user, const Change& change) = 0;
  virtual Result<core::User> GetUser(int64_t id) = 0;
  virtual Result<core::User> FindUserByEmail(std::string_view email) = 0;
  virtual Result<std::vector<core::User>> ListUsers() = 0;
  virtual Result<core::User> UpdateUser(const core::User& user, const Change& change) = 0;
  virtual Result<int64_t> CountUsers() = 0;

  virtual Result<void> CreateSession(const core::Session& session) = 0;
  virtual Result<core::Session> FindSession(std::string_view token_hash, core::Timestamp now) = 0;
  virtual Result<void> DeleteSession(std::string_view token_hash) = 0;

  // API tokens (core::ApiToken). CreateApiToken keeps the caller's expires_at. FindApiToken finds
  // revoked and expired tokens too: the caller tells them apart, to say why a token fails.
  virtual Result<core::ApiToken> CreateApiToken(core::ApiToken token, const Change& change) = 0;
  virtual Result<core::ApiToken> FindApiToken(std::string_view token_hash) = 0;
  virtual Result<core::ApiToken> GetApiToken(int64_t id) = 0;
  // Every API token (hashes only), by id.
  virtual Result<std::vector<core::ApiToken>> ListApiTokens() = 0;
  // Revokes a token now (kNotFound when there is none; a token revoked before keeps its time).
  virtual Result<core::ApiToken> RevokeApiToken(int64_t id, const Change& change) = 0;
  // Remembers when a token was last used; not audited.
  virtual Result<void> NoteApiTokenUse(int64_t id, core::Timestamp at) = 0;

  // Webhooks (core/webhook.h), set by admins. Secrets are stored to sign deliveries.
  virtual Result<core::Webhook> CreateWebhook(core::Webhook webhook, const Change& change) = 0;
  virtual Result<std::vector<core::Webhook>> ListWebhooks() = 0;
  virtual Result<core::Webhook> GetWebhook(int64_t id) = 0;
  virtual Result<core::Webhook> UpdateWebhook(core::Webhook webhook, int64_t expected_version,
                                              const Change& change) = 0;
  virtual Result<void> DeleteWebhook(int64_t id, int64_t expected_version,
                                     const Change& change) = 0;
  // Queues a delivery of `payload` to every active webhook subscribed to `event` (or to
  // `only_webhook`, whatever it subscribes to), due at once. A webhook already holding a delivery
  // with `dedup_key` gets no second one. Returns how many were queued.
  virtual Result<int> EnqueueDeliveries(std::string_view event, std::string_view dedup_key,
                                        std::string_view payload,
                                        std::optional<int64_t> only_webhook = std::nullopt) = 0;
  // Pending deliveries due by `now`, oldest first.
  virtual Result<std::vector<core::WebhookDelivery>> DueDeliveries(core::Timestamp now,
                                                                   int limit) = 0;
  // Stores the outcome of an attempt: status, attempts, next_attempt_at, delivered_at, the last
  // status code and error.
  virtual Result<void> RecordDeliveryAttempt(const core::WebhookDelivery& delivery) = 0;
  // The webhook's deliveries, newest first.
  virtual Result<std::vector<core::WebhookDelivery>> ListDeliveries(int64_t webhook_id,
                                                                    int limit) = 0;
  // Makes a delivery pending again, due at once (an admin's "retry now").
  virtual Result<core::WebhookDelivery> RetryDelivery(int64_t webhook_id, int64_t delivery_id) = 0;

  // Alert hooks (core/alert_hook.h), set by admins; a notification finds its hook by the hash
  // of the token it carries. UpdateAlertHook also replaces the token hash (a new token).
  virtual Result<core::AlertHook> CreateAlertHook(core::AlertHook hook, const Change& change) = 0;
  virtual Result<std::vector<core::AlertHook>> ListAlertHooks() = 0;
  virtual Result<core::AlertHook> GetAlertHook(int64_t id) = 0;
  virtual Result<core::AlertHook> FindAlertHookByToken(std::string_view token_hash) = 0;
  virtual Result<core::AlertHook> UpdateAlertHook(core::AlertHook hook, int64_t expected_version,
                                                  const Change& change) = 0;
  virtual Result<void> DeleteAlertHook(int64_t id, int64_t expected_version,
                                       const Change& change) = 0;
  // Where a hook put alert firings before, by incident key: the incident holding this firing
  // (fingerprint and start), and the one the group's latest firing went to.
  virtual Result<std::optional<std::string>> AlertFiringIncident(int64_t hook_id,
                                                                 std::string_view firing_key) = 0;
  virtual Result<std::optional<std::string>> AlertGroupIncident(int64_t hook_id,
                                                                std::string_view group_key) = 0;
  // Remembers where a firing went; a firing already remembered keeps its incident.
  virtual Result<void> RecordAlertFiring(int64_t hook_id, std::string_view firing_key,
                                         std::string_view group_key, int64_t incident_id) = 0;

  // Notifications (core/notification.h). AddNotification stores a notification with its
  // deliveries by e-mail or chat, unless the person already has one with its dedup_key (then
  // nullopt, and nothing is stored). None of these writes is audited or touches an incident's
  // generation: being told about a change is not a change to the incident.
  virtual Result<std::optional<core::Notification>> AddNotification(
      core::Notification notification,
      const std::vector<core::NotificationDelivery>& deliveries) = 0;
  // The person's notifications, newest first, ids below `before_id` when given.
  virtual Result<std::vector<core::Notification>> ListNotifications(
      int64_t user_id, std::optional<int64_t> before_id, int limit) = 0;
  virtual Result<core::Notification> GetNotification(int64_t id) = 0;
  virtual Result<int64_t> CountUnreadNotifications(int64_t user_id) = 0;
  // Marks the person's notifications read: those named, or all of them. Returns how many changed.
  virtual Result<int64_t> MarkNotificationsRead(int64_t user_id,
                                                const std::optional<std::vector<int64_t>>& ids,
                                                core::Timestamp at) = 0;
  // The person's stored choices (nullopt: they have chosen nothing yet).
  virtual Result<std::optional<core::NotificationSettings>> GetNotificationSettings(
      int64_t user_id) = 0;
  // Creates the person's settings at expected_version 0, replaces them at their version.
  virtual Result<core::NotificationSettings> PutNotificationSettings(
      core::NotificationSettings settings, int64_t expected_version, const Change& change) = 0;
  // Pending deliveries due by `now`, oldest first.
  virtual Result<std::vector<core::NotificationDelivery>> DueNotificationDeliveries(
      core::Timestamp now, int limit) = 0;
  virtual Result<void> RecordNotificationDelivery(const core::NotificationDelivery& delivery) = 0;

  // Imported documents: the key of the incident a file with this digest became, if any; a new
  // one (its id and time are set here, with an audit entry); an incident's, oldest first.
  virtual Result<std::optional<std::string>> ImportedDocumentIncident(std::string_view digest) = 0;
  virtual Result<ImportedDocument> AddImportedDocument(ImportedDocument document,
                                                       const Change& change) = 0;
  virtual Result<std::vector<ImportedDocument>> ListImportedDocuments(int64_t incident_id) = 0;

  // Writes a backup (store/backup.h) into this database, which must hold no users and no
  // incidents: every id, version and timestamp is kept, and the next incident key of each year
  // follows the restored ones. All of it lands, or nothing does.
  virtual Result<void> Restore(const Backup& backup) = 0;

  virtual Result<std::vector<core::AuditEntry>> ListAudit(const AuditQuery& query) = 0;
  // The incident's generation: a counter moved in the transaction of every write to the
  // incident or anything in it (and written on that write's audit entry), so it tags cached
  // views of the incident; 0 before any write. It only grows, whatever order ids are drawn in.
  virtual Result<int64_t> IncidentGeneration(int64_t incident_id) = 0;
  // What happened to the incident's events after generation `since` (an IncidentGeneration
  // value), as its audit log tells, up to now: for a caller holding the events as they were then,
  // who reads back only what changed. Relies on every write to events leaving its audit entry
  // (the promise above) and on the log keeping every entry. nullopt when the log cannot say (it
  // holds a change to events it does not describe, or more entries than reading everything again
  // would cost).
  virtual Result<std::optional<EventChanges>> EventChangesSince(int64_t incident_id,
                                                                int64_t since) = 0;
};

// The record store of type T, for code written once for every kind of record.
template <class T>
RecordStore<T>& RecordsOf(Store& store) {
  if constexpr (std::is_same_v<T, core::Participant>) return store.participants();
  if constexpr (std::is_same_v<T, core::Account>) return store.accounts();
  if constexpr (std::is_same_v<T, core::AccountEntry>) return store.entries();
  if constexpr (std::is_same_v<T, core::TimelineEvent>) return store.events();
  if constexpr (std::is_same_v<T, core::DecisionPoint>) return store.decisions();
  if constexpr (std::is_same_v<T, core::ContributingFactor>) return store.factors();
  if constexpr (std::is_same_v<T, core::WorkAsDone>) return store.work_as_done();
  if constexpr (std::is_same_v<T, core::ActionItem>) return store.actions();
  if constexpr (std::is_same_v<T, core::Lesson>) return store.lessons();
  if constexpr (std::is_same_v<T, core::Reviewer>) return store.reviewers();
  if constexpr (std::is_same_v<T, core::ReviewComment>) return store.comments();
  if constexpr (std::is_same_v<T, core::ReviewAnswer>) return store.answers();
}

}  // namespace debrief::store
