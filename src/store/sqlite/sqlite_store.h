// SqliteStore: the Store on an embedded SQLite file, for a single instance. Open() applies the
// embedded migrations in one transaction, turns on WAL, foreign keys and a busy timeout.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/library_index.h"
#include "store/sqlite/record_table.h"
#include "store/sqlite/wal_checkpointer.h"
#include "store/store.h"

namespace debrief::store::sqlite {

class SqliteStore final : public Store {
 public:
  struct Options {
    Connection::Options connection;
    // The busy timeout of the store's connection once it is open and migrated (migrating always
    // waits, so that instances starting together migrate in turn); unset keeps the connection's.
    std::optional<std::chrono::milliseconds> busy_timeout_after_open;
  };

  // `clock` must outlive the store.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   const core::Clock& clock, Options options = {});

  // The schema version the database is at after Open().
  int schema_version() const override { return schema_version_; }

  Result<void> Ping() override;
  int64_t WriteCount() const override;
  Result<void> InTransaction(const std::function<Result<void>()>& work) override;
  Result<void> InSnapshot(const std::function<Result<void>()>& work) override;
  Result<SnapshotSummary> CopySnapshot(const std::string& path) override;
  Result<SnapshotSummary> Verify() override;

  Result<core::Incident> CreateIncident(core::Incident incident, const Change& change) override;
  Result<core::Incident> GetIncident(std::string_view key) override;
  Result<core::Incident> UpdateIncident(core::Incident incident, int64_t expected_version,
                                        const Change& change) override;
  Result<IncidentPage> ListIncidents(const IncidentQuery& query) override;

  Result<std::unique_ptr<EventImport>> BeginEventImport(int64_t incident_id) override;
  Result<std::unique_ptr<EventImport>> BeginDetachedEventImport(int64_t incident_id) override;
  Result<std::vector<core::TimelineEvent>> ListImportedEvents(int64_t incident_id,
                                                              int64_t import_id) override;
  Result<std::vector<EventImportRecord>> ListEventImports(int64_t incident_id) override;
  Result<EventImportRecord> UndoEventImport(int64_t incident_id, int64_t import_id,
                                            const Change& change) override;
  RecordStore<core::Participant>& participants() override { return participants_; }
  RecordStore<core::Account>& accounts() override { return accounts_; }
  RecordStore<core::AccountEntry>& entries() override { return entries_; }
  RecordStore<core::TimelineEvent>& events() override { return events_; }
  RecordStore<core::DecisionPoint>& decisions() override { return decisions_; }
  RecordStore<core::ContributingFactor>& factors() override { return factors_; }
  RecordStore<core::WorkAsDone>& work_as_done() override { return work_as_done_; }
  RecordStore<core::ActionItem>& actions() override { return actions_; }
  RecordStore<core::Lesson>& lessons() override { return lessons_; }
  RecordStore<core::ReviewAnswer>& answers() override { return answers_; }
  RecordStore<core::Reviewer>& reviewers() override { return reviewers_; }
  RecordStore<core::ReviewComment>& comments() override { return comments_; }

  Result<std::vector<core::ReviewRule>> ListReviewRules() override;
  Result<core::ReviewRule> PutReviewRule(core::ReviewRule rule, int64_t expected_version,
                                         const Change& change) override;
  Result<void> DeleteReviewRule(std::string_view severity, int64_t expected_version,
                                const Change& change) override;

  Result<std::vector<core::ReviewTemplate>> ListReviewTemplates() override;
  Result<core::ReviewTemplate> PutReviewTemplate(core::ReviewTemplate review_template,
                                                 int64_t expected_version,
                                                 const Change& change) override;
  Result<void> DeleteReviewTemplate(std::string_view severity, int64_t expected_version,
                                    const Change& change) override;
  Result<std::vector<ActionWithIncident>> ListActions(const ActionQuery& query) override;
  Result<core::PublishedVersion> Publish(const core::Incident& incident, int64_t expected_version,
                                         std::string snapshot, const Change& change) override;
  Result<std::vector<core::PublishedVersion>> ListPublishedVersions(int64_t incident_id) override;
  Result<core::PublishedVersion> GetPublishedVersion(int64_t incident_id, int64_t number) override;

  Result<void> IndexForLibrary(const LibraryEntry& entry) override { return library_.Put(entry); }
  Result<std::vector<int64_t>> LibraryBacklog() override { return library_.Backlog(); }
  Result<int64_t> LibraryGeneration() override { return library_.Generation(); }
  // Builds the library's in-memory search index now (about 2.5 s per 100,000 reviews) rather
  // than on the first search. Returns how many reviews it holds.
  Result<size_t> WarmLibrary() override { return library_.Warm(); }
  Result<LibraryPage> SearchLibrary(const LibraryQuery& query) override {
    return library_.Search(query);
  }
  Result<void> PrepareLibrarySearch(const LibraryQuery& query) override {
    return library_.Prepare(query.anonymised, !query.terms.empty());
  }
  // A searcher with a connection of its own to the same file (none for an in-memory database,
  // which another connection cannot see). The store must outlive it.
  Result<std::unique_ptr<LibrarySearcher>> OpenLibrarySearcher() override;
  Result<std::vector<LibraryHit>> RelatedInLibrary(const RelatedQuery& query) override {
    return library_.Related(query);
  }
  Result<LessonPage> SearchLessons(const LessonQuery& query) override {
    return library_.Lessons(query);
  }
  Result<std::vector<LibraryHit>> LibraryAnniversaries(core::Date today, int window_days,
                                                       bool anonymised, int limit) override {
    return library_.Anniversaries(today, window_days, anonymised, limit);
  }

  Result<core::User> CreateUser(core::User user, const Change& change) override;
  Result<core::User> GetUser(int64_t id) override;
  Result<core::User> FindUserByEmail(std::string_view email) override;
  Result<std::vector<core::User>> ListUsers() override;
  Result<core::User> UpdateUser(const core::User& user, const Change& change) override;
  Result<int64_t> CountUsers() override;

  Result<void> CreateSession(const core::Session& session) override;
  Result<core::Session> FindSession(std::string_view token_hash, core::Timestamp now) override;
  Result<void> DeleteSession(std::string_view token_hash) override;
  Result<int64_t> DeleteSessionsOf(int64_t user_id) override;

  Result<core::ApiToken> CreateApiToken(core::ApiToken token, const Change& change) override;
  Result<core::ApiToken> FindApiToken(std::string_view token_hash) override;
  Result<std::vector<core::ApiToken>> ListApiTokens() override;
  Result<core::ApiToken> GetApiToken(int64_t id) override;

  Result<bool> AddLanguageDismissal(core::LanguageDismissal dismissal,
                                    const Change& change) override;
  Result<int64_t> CountLanguageDismissalsBy(int64_t user_id) override;
  Result<std::vector<std::pair<std::string, std::string>>> ListDismissedSentences() override;
  Result<int64_t> DeleteLanguageDismissals(std::string_view rule_id,
                                           std::optional<std::string_view> phrase,
                                           const Change& change) override;
  Result<std::vector<core::LanguageDismissalCount>> CountLanguageDismissals() override;
  Result<std::vector<core::LanguageAllowEntry>> ListLanguageAllowEntries() override;
  Result<core::LanguageAllowEntry> AddLanguageAllowEntry(core::LanguageAllowEntry entry,
                                                         const Change& change) override;
  Result<void> DeleteLanguageAllowEntry(int64_t id, const Change& change) override;
  Result<int64_t> LanguageFeedbackVersion() override;
  Result<std::vector<core::LanguageDismissal>> ListLanguageDismissals() override;

  Result<std::vector<core::AudienceMembership>> ListAudienceMemberships(
      int64_t incident_id) override;
  Result<void> ReplaceAudienceMemberships(int64_t incident_id, std::string_view source,
                                          std::vector<core::AudienceMembership> memberships,
                                          const Change& change) override;

  Result<void> AddPulseAnswer(int64_t incident_id, int64_t user_id, const core::PulseAnswer& answer,
                              const Change& change) override;
  Result<bool> AnsweredPulse(int64_t incident_id, int64_t user_id) override;
  Result<core::PulseTally> PulseCounts(int64_t incident_id) override;
  Result<core::PulseTally> PulseCountsOfClosedReviews(int64_t shown_from) override;
  Result<std::vector<int64_t>> ListPulseRespondents(int64_t incident_id) override;
  Result<std::vector<core::PulseCount>> ListPulseCounts(int64_t incident_id) override;

  Result<std::optional<core::Notification>> AddNotification(
      core::Notification notification,
      const std::vector<core::NotificationDelivery>& deliveries) override;
  Result<std::vector<core::Notification>> ListNotifications(int64_t user_id,
                                                            std::optional<int64_t> before_id,
                                                            int limit) override;
  Result<core::Notification> GetNotification(int64_t id) override;
  Result<int64_t> CountUnreadNotifications(int64_t user_id) override;
  Result<int64_t> MarkNotificationsRead(int64_t user_id,
                                        const std::optional<std::vector<int64_t>>& ids,
                                        core::Timestamp at) override;
  Result<std::optional<core::NotificationSettings>> GetNotificationSettings(
      int64_t user_id) override;
  Result<core::NotificationSettings> PutNotificationSettings(core::NotificationSettings settings,
                                                             int64_t expected_version,
                                                             const Change& change) override;
  Result<std::vector<core::NotificationDelivery>> DueNotificationDeliveries(core::Timestamp now,
                                                                            int limit) override;
  Result<void> RecordNotificationDelivery(const core::NotificationDelivery& delivery) override;
  Result<core::ApiToken> RevokeApiToken(int64_t id, const Change& change) override;
  Result<void> NoteApiTokenUse(int64_t id, core::Timestamp at) override;
  Result<void> Restore(const Backup& backup) override;

  Result<core::Webhook> CreateWebhook(core::Webhook webhook, const Change& change) override;
  Result<std::vector<core::Webhook>> ListWebhooks() override;
  Result<core::Webhook> GetWebhook(int64_t id) override;
  Result<core::Webhook> UpdateWebhook(core::Webhook webhook, int64_t expected_version,
                                      const Change& change) override;
  Result<void> DeleteWebhook(int64_t id, int64_t expected_version, const Change& change) override;
  Result<int> EnqueueDeliveries(std::string_view event, std::string_view dedup_key,
                                std::string_view payload,
                                std::optional<int64_t> only_webhook) override;
  Result<std::vector<core::WebhookDelivery>> DueDeliveries(core::Timestamp now, int limit) override;
  Result<void> RecordDeliveryAttempt(const core::WebhookDelivery& delivery) override;
  Result<std::vector<core::WebhookDelivery>> ListDeliveries(int64_t webhook_id, int limit) override;
  Result<core::WebhookDelivery> RetryDelivery(int64_t webhook_id, int64_t delivery_id) override;

  Result<core::AlertHook> CreateAlertHook(core::AlertHook hook, const Change& change) override;
  Result<std::vector<core::AlertHook>> ListAlertHooks() override;
  Result<core::AlertHook> GetAlertHook(int64_t id) override;
  Result<core::AlertHook> FindAlertHookByToken(std::string_view token_hash) override;
  Result<core::AlertHook> UpdateAlertHook(core::AlertHook hook, int64_t expected_version,
                                          const Change& change) override;
  Result<void> DeleteAlertHook(int64_t id, int64_t expected_version, const Change& change) override;
  Result<std::optional<std::string>> AlertFiringIncident(int64_t hook_id,
                                                         std::string_view firing_key) override;
  Result<std::optional<std::string>> AlertGroupIncident(int64_t hook_id,
                                                        std::string_view group_key) override;
  Result<std::optional<std::string>> ImportedDocumentIncident(std::string_view digest) override;
  Result<ImportedDocument> AddImportedDocument(ImportedDocument document,
                                               const Change& change) override;
  Result<std::vector<ImportedDocument>> ListImportedDocuments(int64_t incident_id) override;
  Result<void> RecordAlertFiring(int64_t hook_id, std::string_view firing_key,
                                 std::string_view group_key, int64_t incident_id) override;

  Result<std::vector<core::AuditEntry>> ListAudit(const AuditQuery& query) override;
  Result<int64_t> IncidentGeneration(int64_t incident_id) override;
  Result<std::optional<EventChanges>> EventChangesSince(int64_t incident_id,
                                                        int64_t since) override;

 private:
  SqliteStore(std::unique_ptr<Connection> connection, const core::Clock& clock);
  Result<void> Migrate();
  Result<core::User> ReadUser(Statement& statement);
  // A row of (id, user_id, name, token_hash, created_at, last_used_at).
  static core::ApiToken ReadApiToken(const Statement& statement);
  Result<void> RestoreIncident(const IncidentBackup& backup);
  Result<void> RestoreWebhook(const core::Webhook& webhook);
  Result<void> RestoreReviewTemplate(const core::ReviewTemplate& review_template);
  Result<void> RestoreNotificationSettings(const core::NotificationSettings& settings);
  Result<void> RestoreEventImport(const EventImportRecord& record);
  Result<void> RestoreAlertHook(const core::AlertHook& hook);
  Result<void> RestoreLanguageDismissal(const core::LanguageDismissal& dismissal);
  Result<void> RestoreLanguageAllowEntry(const core::LanguageAllowEntry& entry);
  Result<void> RestoreAudienceMembership(const core::AudienceMembership& membership);
  Result<void> RestorePulse(int64_t incident_id, const std::vector<int64_t>& respondents,
                            const std::vector<core::PulseCount>& counts);
  Result<void> BumpLanguageFeedbackVersion();
  Result<void> RestoreImportedDocument(const ImportedDocument& document);
  Result<std::optional<std::string>> IncidentKeyOfQuery(Statement& statement);
  Result<void> ReviewTemplateNotWritten(std::string_view severity, int64_t expected_version);
  Result<void> ReviewRuleNotWritten(std::string_view severity, int64_t expected_version);
  Result<void> AuditWrite(std::string_view action, std::string_view entity, int64_t entity_id,
                          std::optional<int64_t> incident_id, const Change& change);

  std::unique_ptr<Connection> connection_;
  // The second connection large event lists are read with (RecordTable::ListInHalves).
  std::unique_ptr<Connection> list_helper_;
  // Checkpoints the write-ahead log off the writing thread (a file database only). Declared after
  // connection_ so it is gone before the connection it watches.
  std::unique_ptr<WalCheckpointer> checkpointer_;
  std::string path_;
  // How connections of its own (a detached import's) are opened: as the main one, without its
  // query observer, which belongs to the main connection's thread.
  Connection::Options detached_options_;
  const core::Clock& clock_;
  int schema_version_ = 0;
  std::string incident_columns_;
  std::string insert_incident_sql_;
  std::string get_incident_sql_;
  std::string update_incident_sql_;
  std::string list_incidents_sql_;
  std::string list_actions_sql_;
  RecordTable<core::Participant> participants_;
  RecordTable<core::Account> accounts_;
  RecordTable<core::AccountEntry> entries_;
  RecordTable<core::TimelineEvent> events_;
  RecordTable<core::DecisionPoint> decisions_;
  RecordTable<core::ContributingFactor> factors_;
  RecordTable<core::WorkAsDone> work_as_done_;
  RecordTable<core::ActionItem> actions_;
  RecordTable<core::Lesson> lessons_;
  RecordTable<core::ReviewAnswer> answers_;
  RecordTable<core::Reviewer> reviewers_;
  RecordTable<core::ReviewComment> comments_;
  LibraryIndex library_;
};

}  // namespace debrief::store::sqlite
