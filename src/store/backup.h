// Backup: everything a database holds that outlives a sign-in, as plain values — users, API
// tokens, review rules, every incident with all of its records, published versions and the files
// it was imported from, and the audit log. ReadBackup() reads it through any Store;
// Store::Restore() writes it into an empty database with every id, version and timestamp as it was,
// so a restored database answers exactly like the original (sessions are left out: people sign in
// again).
#pragma once

#include <functional>
#include <type_traits>
#include <vector>

#include "store/store.h"

namespace debrief::store {

struct IncidentBackup {
  core::Incident incident;
  std::vector<core::Participant> participants;
  std::vector<core::Account> accounts;
  std::vector<core::AccountEntry> entries;
  std::vector<core::TimelineEvent> events;
  std::vector<core::DecisionPoint> decisions;
  std::vector<core::ContributingFactor> factors;
  std::vector<core::WorkAsDone> work_as_done;
  std::vector<core::ActionItem> actions;
  std::vector<core::Lesson> lessons;
  std::vector<core::Reviewer> reviewers;
  std::vector<core::ReviewComment> comments;
  std::vector<core::ReviewAnswer> answers;                 // To the questions of review templates.
  std::vector<core::PublishedVersion> published_versions;  // Oldest first, with snapshots.
  std::vector<ImportedDocument> imported_documents;        // The files it was imported from.
  std::vector<EventImportRecord> event_imports;  // Oldest first; events name theirs (import_id).
  // Who was in which channel or on which receiver, and when.
  std::vector<core::AudienceMembership> audience_memberships;
  // Who besides its own people may see it, when it is restricted.
  core::IncidentReaders readers;
  // The review pulse: who answered (user ids) and the counts, kept apart as in the store.
  std::vector<int64_t> pulse_respondents;
  std::vector<core::PulseCount> pulse_counts;
};

struct Backup {
  std::vector<core::User> users;  // By id.
  // Who each user is at identity providers (sign-in through OpenID Connect).
  std::vector<core::UserIdentity> user_identities;
  // Groups as the identity provider provisioned them, with their members; by id.
  std::vector<core::Group> groups;
  std::vector<core::ApiToken> api_tokens;
  std::vector<core::ReviewRule> review_rules;
  std::vector<core::ReviewTemplate> review_templates;
  // What each person chose to be told, and how; people who never chose have none. Inboxes and
  // deliveries are not kept: they are news, not records.
  std::vector<core::NotificationSettings> notification_settings;
  std::vector<core::Webhook> webhooks;  // With their secrets; the delivery log is not kept.
  // With their token hashes; where each alert firing went is not kept (a notification repeated
  // after a restore lands on a routed incident once all the same).
  std::vector<core::AlertHook> alert_hooks;
  // What people told the language checker: the organisation's allow-entries and every
  // "not blame here" (sentence hashes, never sentences).
  std::vector<core::LanguageAllowEntry> language_allow_entries;
  std::vector<core::LanguageDismissal> language_dismissals;  // Oldest first.
  std::vector<IncidentBackup> incidents;                     // By id.
  std::vector<core::AuditEntry> audit;                       // Oldest first.
};

// Reads everything, in a stable order (ids ascending), so two backups of the same data are equal.
Result<Backup> ReadBackup(Store& store);

// Where a backup read piece by piece goes (StreamBackup); each part may be moved from.
struct BackupSink {
  // Everything but the incidents and the audit log (those two left empty), first.
  std::function<Result<void>(Backup&)> head;
  // Then each incident with all of its records, newest first.
  std::function<Result<void>(IncidentBackup&)> incident;
  // Then the audit log, a page at a time, newest first.
  std::function<Result<void>(std::vector<core::AuditEntry>&)> audit;
};
// Reads everything on one snapshot, holding no more than one incident at a time: a database
// larger than memory can be copied (app/copy_database.h). The first failure, the sink's or the
// store's, stops it.
Result<void> StreamBackup(Store& store, const BackupSink& sink);

// Calls fn(name, records) for every record list of the incident (const or not), in the order
// they can be restored: each kind refers only to kinds before it. `name` is the list's name in a
// backup file.
template <class IncidentBackupT, class Fn>
requires std::is_same_v<std::remove_const_t<IncidentBackupT>, IncidentBackup>
void ForEachRecordList(IncidentBackupT& backup, Fn&& fn) {
  fn("participants", backup.participants);
  fn("accounts", backup.accounts);
  fn("entries", backup.entries);
  fn("events", backup.events);
  fn("decisions", backup.decisions);
  fn("factors", backup.factors);
  fn("work_as_done", backup.work_as_done);
  fn("actions", backup.actions);
  fn("lessons", backup.lessons);
  fn("reviewers", backup.reviewers);
  fn("comments", backup.comments);
  fn("answers", backup.answers);
}

// Record lists that backups written by earlier versions of debrief do not have: a backup without
// one restores with the list empty.
inline bool AddedToBackupsLater(std::string_view list) { return list == "answers"; }

}  // namespace debrief::store
