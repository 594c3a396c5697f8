// SqlStore<Backend>: the Store written once over SQL, for every relational back end. A back end
// (sqlite/backend.h, postgres/backend.h) brings its Connection and Statement (the same shape:
// values bound by position, rows stepped through), its WriteScope (a transaction or savepoint
// that, on PostgreSQL, locks the incident a write belongs to), its record tables and its dialect
// of each statement (Backend::Sql). Everything that is the same on every database — which rows a
// write touches, in what order, with which audit entry and which errors — is written here once;
// each adapter adds what only it has (its migrations, snapshots, library, bulk import).
//
// The member functions are defined in the headers beside this one and instantiated once per back
// end (sqlite/sql_store.cc, postgres/sql_store.cc).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "store/backup.h"
#include "store/record_codec.h"
#include "store/store.h"

namespace debrief::store::relational {

template <class Backend>
class SqlStore : public Store {
 public:
  using Connection = typename Backend::Connection;
  using Statement = typename Backend::Statement;
  using WriteScope = typename Backend::WriteScope;
  using Sql = typename Backend::Sql;
  template <class T>
  using RecordTable = typename Backend::template RecordTable<T>;

  Result<void> Ping() override;
  int64_t WriteCount() const override;
  Result<void> InTransaction(const std::function<Result<void>()>& work) override;

  Result<core::Incident> CreateIncident(core::Incident incident, const Change& change) override;
  Result<core::Incident> GetIncident(std::string_view key) override;
  Result<core::Incident> UpdateIncident(core::Incident incident, int64_t expected_version,
                                        const Change& change) override;
  Result<IncidentPage> ListIncidents(const IncidentQuery& query) override;
  Result<core::IncidentReaders> ListIncidentReaders(int64_t incident_id) override;
  Result<std::vector<core::RestrictedIncident>> ListRestrictedIncidents() override;
  Result<void> ReplaceIncidentReaders(int64_t incident_id, const core::IncidentReaders& readers,
                                      const Change& change) override;

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

  Result<core::User> CreateUser(core::User user, const Change& change) override;
  Result<core::User> GetUser(int64_t id) override;
  Result<core::User> FindUserByEmail(std::string_view email) override;
  Result<core::User> FindUserByIdentity(std::string_view issuer, std::string_view subject) override;
  Result<core::User> CreateUserWithIdentity(core::User user, const core::UserIdentity& identity,
                                            const Change& change) override;
  Result<std::vector<core::UserIdentity>> ListUserIdentities() override;
  Result<void> LinkUserIdentity(const core::UserIdentity& identity) override;
  Result<void> SavePendingSignIn(const core::PendingSignIn& pending,
                                 core::Timestamp expired_before) override;
  Result<core::PendingSignIn> TakePendingSignIn(std::string_view state_hash) override;
  Result<std::vector<core::User>> ListUsers() override;
  Result<core::User> UpdateUser(const core::User& user, const Change& change) override;
  Result<int64_t> CountUsers() override;

  Result<core::Group> CreateGroup(core::Group group, const Change& change) override;
  Result<core::Group> GetGroup(int64_t id) override;
  Result<core::Group> FindGroupByName(std::string_view name) override;
  Result<std::vector<core::Group>> ListGroups() override;
  Result<std::vector<int64_t>> ListGroupIdsOf(int64_t user_id) override;
  Result<core::Group> UpdateGroup(const core::Group& group, const Change& change) override;
  Result<void> DeleteGroup(int64_t id, const Change& change) override;

  Result<void> CreateSession(const core::Session& session) override;
  Result<SessionOwner> FindSessionOwner(std::string_view token_hash, core::Timestamp now) override;
  Result<void> DeleteSession(std::string_view token_hash) override;
  Result<int64_t> DeleteSessionsOf(int64_t user_id) override;

  Result<core::ApiToken> CreateApiToken(core::ApiToken token, const Change& change) override;
  Result<TokenOwner> FindApiTokenOwner(std::string_view token_hash) override;
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
  Result<int64_t> CountUnreadNotifications(
      int64_t user_id, const std::vector<int64_t>& hidden_incident_ids) override;
  Result<int64_t> DeleteIncidentNotifications(int64_t incident_id,
                                              const std::vector<int64_t>& user_ids) override;
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
  Result<std::unique_ptr<BackupWriter>> BeginRestore(const Backup& head) override;

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
  Result<int64_t> ForgetDeliveriesAbout(std::string_view incident_key) override;

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

  Result<StandInRemovals> MakeErasedStandIn(
      int64_t user_id, int64_t expected_version, std::string_view name, std::string_view email,
      const std::function<Change(const StandInRemovals&)>& change) override;
  Result<std::vector<int64_t>> RewriteStoredTexts(StoredText kind,
                                                  const TextRewrite& rewrite) override;

  Result<std::vector<core::AuditEntry>> ListAudit(const AuditQuery& query) override;
  Result<int64_t> IncidentGeneration(int64_t incident_id) override;
  Result<std::optional<EventChanges>> EventChangesSince(int64_t incident_id,
                                                        int64_t since) override;

 protected:
  SqlStore(std::unique_ptr<Connection> connection, const core::Clock& clock);

  // A user's columns from `first` on (kGetUser's order).
  Result<core::User> ReadUser(Statement& statement, int first = 0);
  // A row of (id, user_id, name, token_hash, created_at, last_used_at, expires_at, revoked_at).
  // A token's columns from `first` on (kGetApiToken's order).
  static core::ApiToken ReadApiToken(const Statement& statement, int first = 0);
  class Restoring;  // relational/restore.h
  Result<void> RestoreIncident(const IncidentBackup& backup);
  Result<void> RestoreAudit(std::span<const core::AuditEntry> entries);
  Result<void> InsertUserIdentity(const core::UserIdentity& identity);
  // Names `readers` the incident's (after its old ones are gone, or in a restore).
  Result<void> InsertIncidentReaders(int64_t incident_id, const core::IncidentReaders& readers);
  // The group in the row `statement` is on (id, name, created_at, version), with its members.
  Result<core::Group> ReadGroup(Statement& statement);
  // Writes `group`'s members (replacing any), as a write of its group.
  Result<void> WriteGroupMembers(const core::Group& group);
  // Inserts the group row as it is (restore) or new (id 0).
  Result<core::Group> InsertGroup(core::Group group);
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
  const core::Clock& clock_;
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

// `sql` with "{columns}" replaced by `columns`.
inline std::string WithColumns(std::string_view sql, const std::string& columns) {
  std::string text(sql);
  text.replace(text.find("{columns}"), 9, columns);
  return text;
}

template <class Backend>
SqlStore<Backend>::SqlStore(std::unique_ptr<Connection> connection, const core::Clock& clock)
    : connection_(std::move(connection)),
      clock_(clock),
      participants_(*connection_, clock),
      accounts_(*connection_, clock),
      entries_(*connection_, clock),
      events_(*connection_, clock),
      decisions_(*connection_, clock),
      factors_(*connection_, clock),
      work_as_done_(*connection_, clock),
      actions_(*connection_, clock),
      lessons_(*connection_, clock),
      answers_(*connection_, clock),
      reviewers_(*connection_, clock),
      comments_(*connection_, clock) {
  using Codec = RecordCodec<core::Incident>;
  incident_columns_ = Codec::SelectColumns();
  std::string values;
  std::string assignments;
  int index = 2;
  core::ForEachField<core::Incident>([&](const auto& field) {
    values += ", " + Backend::Parameter(index + 1);
    assignments += ", " + std::string(field.name) + " = " + Backend::Parameter(index);
    ++index;
  });
  insert_incident_sql_ = "INSERT INTO incidents (version, created_at, updated_at, " +
                         Codec::FieldColumns() + ") VALUES (1, " + Backend::Parameter(1) + ", " +
                         Backend::Parameter(2) + values + ") RETURNING " + incident_columns_;
  get_incident_sql_ =
      "SELECT " + incident_columns_ + " FROM incidents WHERE key = " + Backend::Parameter(1);
  update_incident_sql_ =
      "UPDATE incidents SET version = version + 1, updated_at = " + Backend::Parameter(1) +
      assignments + " WHERE id = " + Backend::Parameter(index) +
      " AND version = " + Backend::Parameter(index + 1) + " RETURNING " + incident_columns_;
  list_incidents_sql_ = WithColumns(Sql::kListIncidents, incident_columns_);
  list_actions_sql_ =
      WithColumns(Sql::kListActions, RecordCodec<core::ActionItem>::SelectColumns("action_items"));
}

}  // namespace debrief::store::relational
