#include "store/backup.h"

#include <algorithm>

namespace debrief::store {
namespace {

constexpr int kPage = 500;

template <class T>
Result<void> ReadRecords(Store& store, int64_t incident_id, std::vector<T>& out) {
  DEBRIEF_ASSIGN_OR_RETURN(out, RecordsOf<T>(store).List(incident_id));
  return core::Ok();
}

// Everything but the incidents and the audit log.
Result<Backup> ReadHead(Store& store) {
  Backup backup;
  DEBRIEF_ASSIGN_OR_RETURN(backup.users, store.ListUsers());
  std::sort(backup.users.begin(), backup.users.end(),
            [](const core::User& a, const core::User& b) { return a.id < b.id; });
  DEBRIEF_ASSIGN_OR_RETURN(backup.user_identities, store.ListUserIdentities());
  DEBRIEF_ASSIGN_OR_RETURN(backup.groups, store.ListGroups());
  DEBRIEF_ASSIGN_OR_RETURN(backup.api_tokens, store.ListApiTokens());
  DEBRIEF_ASSIGN_OR_RETURN(backup.review_rules, store.ListReviewRules());
  DEBRIEF_ASSIGN_OR_RETURN(backup.review_templates, store.ListReviewTemplates());
  for (const core::User& user : backup.users) {
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::NotificationSettings> settings,
                             store.GetNotificationSettings(user.id));
    if (settings) backup.notification_settings.push_back(std::move(*settings));
  }
  DEBRIEF_ASSIGN_OR_RETURN(backup.webhooks, store.ListWebhooks());
  DEBRIEF_ASSIGN_OR_RETURN(backup.alert_hooks, store.ListAlertHooks());
  DEBRIEF_ASSIGN_OR_RETURN(backup.language_allow_entries, store.ListLanguageAllowEntries());
  DEBRIEF_ASSIGN_OR_RETURN(backup.language_dismissals, store.ListLanguageDismissals());
  return backup;
}

// Everything of one incident.
Result<void> ReadIncident(Store& store, IncidentBackup& item) {
  int64_t id = item.incident.id;
  Result<void> read = core::Ok();
  ForEachRecordList(item, [&](std::string_view, auto& records) {
    if (read) read = ReadRecords(store, id, records);
  });
  DEBRIEF_RETURN_IF_ERROR(read);
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::PublishedVersion> versions,
                           store.ListPublishedVersions(id));
  for (auto version = versions.rbegin(); version != versions.rend(); ++version) {
    DEBRIEF_ASSIGN_OR_RETURN(core::PublishedVersion full,
                             store.GetPublishedVersion(id, version->number));
    item.published_versions.push_back(std::move(full));
  }
  DEBRIEF_ASSIGN_OR_RETURN(item.imported_documents, store.ListImportedDocuments(id));
  DEBRIEF_ASSIGN_OR_RETURN(item.event_imports, store.ListEventImports(id));
  std::reverse(item.event_imports.begin(), item.event_imports.end());  // Listed newest first.
  DEBRIEF_ASSIGN_OR_RETURN(item.audience_memberships, store.ListAudienceMemberships(id));
  std::sort(item.audience_memberships.begin(), item.audience_memberships.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  DEBRIEF_ASSIGN_OR_RETURN(item.pulse_respondents, store.ListPulseRespondents(id));
  DEBRIEF_ASSIGN_OR_RETURN(item.readers, store.ListIncidentReaders(id));
  DEBRIEF_ASSIGN_OR_RETURN(item.pulse_counts, store.ListPulseCounts(id));
  return core::Ok();
}

Result<void> StreamEverything(Store& store, const BackupSink& sink) {
  DEBRIEF_ASSIGN_OR_RETURN(Backup head, ReadHead(store));
  DEBRIEF_RETURN_IF_ERROR(sink.head(head));
  // A page of incidents at a time, newest first; only one incident's records are held at once.
  IncidentQuery query;
  query.limit = kPage;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(IncidentPage page, store.ListIncidents(query));
    for (core::Incident& incident : page.incidents) {
      IncidentBackup item;
      item.incident = std::move(incident);
      DEBRIEF_RETURN_IF_ERROR(ReadIncident(store, item));
      DEBRIEF_RETURN_IF_ERROR(sink.incident(item));
    }
    if (!page.next_before_id) break;
    query.before_id = page.next_before_id;
  }
  AuditQuery audit;
  audit.limit = kPage;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AuditEntry> page, store.ListAudit(audit));
    if (page.empty()) break;
    audit.before_id = page.back().id;
    DEBRIEF_RETURN_IF_ERROR(sink.audit(page));
  }
  return core::Ok();
}

}  // namespace

Result<void> StreamBackup(Store& store, const BackupSink& sink) {
  // One snapshot for all of it: read piece by piece while others write, an audit entry of an
  // incident created meanwhile was kept without its incident.
  return store.InSnapshot([&] { return StreamEverything(store, sink); });
}

Result<Backup> ReadBackup(Store& store) {
  Backup backup;
  DEBRIEF_RETURN_IF_ERROR(StreamBackup(
      store, BackupSink{.head = [&](Backup& head) -> Result<void> {
                          backup = std::move(head);
                          return core::Ok();
                        },
                        .incident = [&](IncidentBackup& item) -> Result<void> {
                          backup.incidents.push_back(std::move(item));
                          return core::Ok();
                        },
                        .audit = [&](std::vector<core::AuditEntry>& page) -> Result<void> {
                          for (core::AuditEntry& entry : page)
                            backup.audit.push_back(std::move(entry));
                          return core::Ok();
                        }}));
  std::sort(backup.incidents.begin(), backup.incidents.end(),
            [](const IncidentBackup& a, const IncidentBackup& b) {
              return a.incident.id < b.incident.id;
            });
  std::reverse(backup.audit.begin(), backup.audit.end());  // Read newest first.
  return backup;
}

Result<void> Store::Restore(const Backup& backup) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<BackupWriter> writer, BeginRestore(backup));
  for (const IncidentBackup& incident : backup.incidents) {
    DEBRIEF_RETURN_IF_ERROR(writer->WriteIncident(incident));
  }
  DEBRIEF_RETURN_IF_ERROR(writer->WriteAudit(backup.audit));
  return writer->Finish();
}

}  // namespace debrief::store
