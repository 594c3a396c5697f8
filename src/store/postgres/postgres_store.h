// PostgresStore: the Store on PostgreSQL, for teams running several instances or keeping their
// review history off one disk. Open() applies the embedded migrations (migrations/postgres/)
// under an advisory lock, so instances starting together apply each exactly once.
//
// Writes to one incident are serialised by its row: every write that belongs to an incident
// locks that row (SELECT ... FOR UPDATE) before it draws any id, so on READ COMMITTED ids and
// generations of one incident are taken in commit order and a reader that has seen generation G
// has seen every row written up to it (store/postgres/write_scope.h).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "store/postgres/connection.h"
#include "store/postgres/record_table.h"
#include "store/store.h"

namespace debrief::store::postgres {

class PostgresStore final : public Store {
 public:
  struct Options {
    Connection::Options connection;
  };

  // `conninfo`: a libpq connection string or URI. `clock` must outlive the store.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& conninfo,
                                                     const core::Clock& clock,
                                                     Options options = {});

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

  // The library is not on PostgreSQL yet: each of these says so (kFailedPrecondition), and
  // OpenStore does not offer this store until it is.
  Result<void> IndexForLibrary(const LibraryEntry& entry) override;
  Result<std::vector<int64_t>> LibraryBacklog() override;
  Result<int64_t> LibraryGeneration() override;
  Result<size_t> WarmLibrary() override;
  Result<LibraryPage> SearchLibrary(const LibraryQuery& query) override;
  Result<std::vector<LibraryHit>> RelatedInLibrary(const RelatedQuery& query) override;
  Result<LessonPage> SearchLessons(const LessonQuery& query) override;
  Result<std::vector<LibraryHit>> LibraryAnniversaries(core::Date today, int window_days,
                                                       bool anonymised, int limit) override;

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
  PostgresStore(std::unique_ptr<Connection> connection, std::string conninfo,
                const core::Clock& clock);
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
  std::string conninfo_;
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
};

}  // namespace debrief::store::postgres
