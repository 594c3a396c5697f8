// SqlStore's side of backups: BeginRestore(), which writes a backup into an empty database with
// every id, version and timestamp kept, piece by piece in one transaction.
#pragma once

#include <algorithm>
#include <charconv>
#include <map>
#include <span>

#include "store/audit_redaction.h"
#include "store/backup.h"
#include "store/relational/sql_store.h"

namespace debrief::store::relational {
namespace detail {

template <class S>
void BindOptional(S& statement, int index, const std::optional<int64_t>& value) {
  if (value) {
    statement.Bind(index, *value);
  } else {
    statement.BindNull(index);
  }
}

// "INC-2026-0042" -> {2026, 42}.
inline std::optional<std::pair<int64_t, int64_t>> KeyYearAndNumber(std::string_view key) {
  size_t last = key.rfind('-');
  size_t first = key.find('-');
  if (first == std::string_view::npos || last == first) return std::nullopt;
  int64_t year = 0;
  int64_t number = 0;
  std::string_view year_text = key.substr(first + 1, last - first - 1);
  std::string_view number_text = key.substr(last + 1);
  auto parsed_year = std::from_chars(year_text.data(), year_text.data() + year_text.size(), year);
  auto parsed_number =
      std::from_chars(number_text.data(), number_text.data() + number_text.size(), number);
  if (parsed_year.ec != std::errc() || parsed_number.ec != std::errc()) return std::nullopt;
  return std::pair{year, number};
}

}  // namespace detail

template <class Backend>
Result<void> SqlStore<Backend>::RestoreIncident(const IncidentBackup& backup) {
  using Codec = RecordCodec<core::Incident>;
  const core::Incident& incident = backup.incident;
  std::string values;
  for (int index = 1; index <= 4 + Codec::FieldCount(); ++index) {
    values += (index == 1 ? "" : ", ") + Backend::Parameter(index);
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement * statement,
      connection_->Prepare("INSERT INTO incidents (id, version, created_at, updated_at, " +
                           Codec::FieldColumns() + ") VALUES (" + values + ")"));
  statement->Bind(1, incident.id);
  statement->Bind(2, incident.version);
  statement->Bind(3, core::ToEpochMillis(incident.created_at));
  statement->Bind(4, core::ToEpochMillis(incident.updated_at));
  Codec::BindFields(*statement, 5, incident);
  DEBRIEF_RETURN_IF_ERROR(statement->Run());

  Result<void> restored = core::Ok();
  ForEachRecordList(backup, [&](std::string_view, const auto& records) {
    using T = typename std::remove_cvref_t<decltype(records)>::value_type;
    for (const T& record : records) {
      if (!restored) return;
      T copy = record;
      copy.incident_id = incident.id;
      restored = RecordsOf<T>(*this).Restore(copy);
      if (!restored) {
        // Which record of which incident, so a hand-edited backup can be mended.
        restored = core::Error::InvalidArgument(incident.key + ", " + std::string(T::kNoun) + " " +
                                                std::to_string(record.id) + ": " +
                                                restored.error().message());
      }
    }
  });
  DEBRIEF_RETURN_IF_ERROR(restored);

  for (const core::PublishedVersion& version : backup.published_versions) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * insert,
                             connection_->Prepare(Sql::kRestorePublishedVersion));
    insert->Bind(1, version.id);
    insert->Bind(2, incident.id);
    insert->Bind(3, version.number);
    insert->Bind(4, core::ToEpochMillis(version.published_at));
    insert->Bind(5, version.published_by);
    insert->Bind(6, std::string_view(version.snapshot));
    DEBRIEF_RETURN_IF_ERROR(insert->Run());
  }
  for (const ImportedDocument& document : backup.imported_documents) {
    DEBRIEF_RETURN_IF_ERROR(RestoreImportedDocument(document));
  }
  for (const EventImportRecord& record : backup.event_imports) {
    DEBRIEF_RETURN_IF_ERROR(RestoreEventImport(record));
  }
  for (core::AudienceMembership membership : backup.audience_memberships) {
    membership.incident_id = incident.id;
    DEBRIEF_RETURN_IF_ERROR(RestoreAudienceMembership(membership));
  }
  DEBRIEF_RETURN_IF_ERROR(RestorePulse(incident.id, backup.pulse_respondents, backup.pulse_counts));
  DEBRIEF_RETURN_IF_ERROR(InsertIncidentReaders(incident.id, backup.readers));
  return core::Ok();
}

// A restore under way: the transaction BeginRestore opened, and the last key number of each
// year restored so far, so Finish can set the counters past them.
template <class Backend>
class SqlStore<Backend>::Restoring final : public BackupWriter {
 public:
  Restoring(SqlStore& store, WriteScope scope) : store_(store), scope_(std::move(scope)) {}

  Result<void> WriteIncident(const IncidentBackup& incident) override {
    DEBRIEF_RETURN_IF_ERROR(Open());
    DEBRIEF_RETURN_IF_ERROR(Failing(store_.RestoreIncident(incident)));
    if (auto key = detail::KeyYearAndNumber(incident.incident.key)) {
      int64_t& last = last_number_by_year_[key->first];
      last = std::max(last, key->second);
    }
    return core::Ok();
  }

  Result<void> WriteAudit(std::span<const core::AuditEntry> entries) override {
    DEBRIEF_RETURN_IF_ERROR(Open());
    return Failing(store_.RestoreAudit(entries));
  }

  Result<void> Finish() override {
    DEBRIEF_RETURN_IF_ERROR(Open());
    DEBRIEF_RETURN_IF_ERROR(Failing(Complete()));
    finished_ = true;
    return core::Ok();
  }

 private:
  Result<void> Complete() {
    Connection& connection = *store_.connection_;
    for (const auto& [year, last] : last_number_by_year_) {
      DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection.Prepare(Sql::kRestoreKeyCounter));
      statement->Bind(1, year);
      statement->Bind(2, last);
      DEBRIEF_RETURN_IF_ERROR(statement->Run());
    }
    DEBRIEF_ASSIGN_OR_RETURN(Statement * generations, connection.Prepare(Sql::kRestoreGenerations));
    DEBRIEF_RETURN_IF_ERROR(generations->Run());
    // Ids were written as the backup had them: whatever the database draws next must follow them.
    DEBRIEF_RETURN_IF_ERROR(Backend::FollowRestoredIds(connection));
    return scope_.Commit();
  }
  // After a failure the transaction can only be rolled back (PostgreSQL refuses every further
  // statement in it): the writer says so instead of writing on.
  Result<void> Open() const {
    if (finished_) return core::Error::FailedPrecondition("this restore has finished");
    if (failed_) {
      return core::Error::FailedPrecondition(
          "an earlier part of this restore failed, and nothing of it is kept");
    }
    return core::Ok();
  }
  Result<void> Failing(Result<void> result) {
    if (!result) failed_ = true;
    return result;
  }

  SqlStore& store_;
  WriteScope scope_;
  std::map<int64_t, int64_t> last_number_by_year_;
  bool finished_ = false;
  bool failed_ = false;
};

template <class Backend>
Result<void> SqlStore<Backend>::RestoreAudit(std::span<const core::AuditEntry> entries) {
  for (const core::AuditEntry& entry : entries) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRestoreAudit));
    statement->Bind(1, entry.id);
    statement->Bind(2, core::ToEpochMillis(entry.at));
    detail::BindOptional(*statement, 3, entry.actor_id);
    statement->Bind(4, std::string_view(entry.action));
    statement->Bind(5, std::string_view(entry.entity));
    statement->Bind(6, entry.entity_id);
    detail::BindOptional(*statement, 7, entry.incident_id);
    // A backup written before the log kept words out is cleaned as it is restored.
    std::string diff = RedactAuditDiff(entry.entity, entry.diff_json);
    statement->Bind(8, std::string_view(diff));
    DEBRIEF_RETURN_IF_ERROR(statement->Run());
  }
  return core::Ok();
}

template <class Backend>
Result<std::unique_ptr<BackupWriter>> SqlStore<Backend>::BeginRestore(const Backup& backup) {
  DEBRIEF_ASSIGN_OR_RETURN(WriteScope scope, WriteScope::Begin(*connection_));
  DEBRIEF_ASSIGN_OR_RETURN(Statement * count, connection_->Prepare(Sql::kCountContent));
  DEBRIEF_ASSIGN_OR_RETURN(bool counted, count->Step());
  int64_t existing = counted ? count->Int64(0) : 0;
  count->Reset();
  if (existing != 0) {
    return core::Error::FailedPrecondition(
        "this database already holds users or incidents; restore into a new, empty database");
  }
  for (const core::User& user : backup.users) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRestoreUser));
    statement->Bind(1, user.id);
    statement->Bind(2, std::string_view(user.email));
    statement->Bind(3, std::string_view(user.name));
    statement->Bind(4, core::ToString(user.role));
    statement->Bind(5, std::string_view(user.password_hash));
    statement->Bind(6, static_cast<int64_t>(user.disabled));
    statement->Bind(7, core::ToEpochMillis(user.created_at));
    statement->Bind(8, user.version);
    DEBRIEF_RETURN_IF_ERROR(statement->Run());
  }
  for (const core::UserIdentity& identity : backup.user_identities) {
    DEBRIEF_RETURN_IF_ERROR(InsertUserIdentity(identity));
  }
  for (const core::Group& group : backup.groups) {
    if (group.id <= 0) return core::Error::InvalidArgument("a group in the backup has no id");
    DEBRIEF_RETURN_IF_ERROR(InsertGroup(group));
  }
  for (const core::ApiToken& token : backup.api_tokens) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRestoreApiToken));
    statement->Bind(1, token.id);
    statement->Bind(2, token.user_id);
    statement->Bind(3, std::string_view(token.name));
    statement->Bind(4, std::string_view(token.token_hash));
    statement->Bind(5, core::ToEpochMillis(token.created_at));
    auto millis = [](const std::optional<core::Timestamp>& at) {
      return at ? std::optional(core::ToEpochMillis(*at)) : std::nullopt;
    };
    detail::BindOptional(*statement, 6, millis(token.last_used_at));
    detail::BindOptional(*statement, 7, millis(token.expires_at));
    detail::BindOptional(*statement, 8, millis(token.revoked_at));
    DEBRIEF_RETURN_IF_ERROR(statement->Run());
  }
  // The backup's rules replace the defaults a new database starts with.
  DEBRIEF_RETURN_IF_ERROR(connection_->Execute(Sql::kForgetReviewRules));
  for (const core::ReviewRule& rule : backup.review_rules) {
    DEBRIEF_ASSIGN_OR_RETURN(Statement * statement, connection_->Prepare(Sql::kRestoreReviewRule));
    statement->Bind(1, std::string_view(rule.severity));
    statement->Bind(2, rule.version);
    statement->Bind(3, static_cast<int64_t>(rule.review_required));
    statement->Bind(4, static_cast<int64_t>(rule.approvals_required));
    detail::BindOptional(
        *statement, 5,
        rule.due_business_days ? std::optional<int64_t>(*rule.due_business_days) : std::nullopt);
    DEBRIEF_RETURN_IF_ERROR(statement->Run());
  }
  for (const core::NotificationSettings& settings : backup.notification_settings) {
    DEBRIEF_RETURN_IF_ERROR(RestoreNotificationSettings(settings));
  }
  for (const core::ReviewTemplate& review_template : backup.review_templates) {
    DEBRIEF_RETURN_IF_ERROR(RestoreReviewTemplate(review_template));
  }
  for (const core::Webhook& webhook : backup.webhooks) {
    DEBRIEF_RETURN_IF_ERROR(RestoreWebhook(webhook));
  }
  for (const core::AlertHook& hook : backup.alert_hooks) {
    DEBRIEF_RETURN_IF_ERROR(RestoreAlertHook(hook));
  }
  for (const core::LanguageAllowEntry& entry : backup.language_allow_entries) {
    DEBRIEF_RETURN_IF_ERROR(RestoreLanguageAllowEntry(entry));
  }
  for (const core::LanguageDismissal& dismissal : backup.language_dismissals) {
    DEBRIEF_RETURN_IF_ERROR(RestoreLanguageDismissal(dismissal));
  }
  return std::unique_ptr<BackupWriter>(new Restoring(*this, std::move(scope)));
}

}  // namespace debrief::store::relational
