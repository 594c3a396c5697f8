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

Result<std::vector<core::Incident>> AllIncidents(Store& store) {
  std::vector<core::Incident> incidents;
  IncidentQuery query;
  query.limit = kPage;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(IncidentPage page, store.ListIncidents(query));
    for (core::Incident& incident : page.incidents) incidents.push_back(std::move(incident));
    if (!page.next_before_id) break;
    query.before_id = page.next_before_id;
  }
  std::sort(incidents.begin(), incidents.end(),
            [](const core::Incident& a, const core::Incident& b) { return a.id < b.id; });
  return incidents;
}

Result<std::vector<core::AuditEntry>> AllAudit(Store& store) {
  std::vector<core::AuditEntry> audit;
  AuditQuery query;
  query.limit = kPage;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::AuditEntry> page, store.ListAudit(query));
    if (page.empty()) break;
    query.before_id = page.back().id;
    for (core::AuditEntry& entry : page) audit.push_back(std::move(entry));
  }
  std::reverse(audit.begin(), audit.end());
  return audit;
}

}  // namespace

namespace {

Result<Backup> ReadEverything(Store& store) {
  Backup backup;
  DEBRIEF_ASSIGN_OR_RETURN(backup.users, store.ListUsers());
  std::sort(backup.users.begin(), backup.users.end(),
            [](const core::User& a, const core::User& b) { return a.id < b.id; });
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
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Incident> incidents, AllIncidents(store));
  for (core::Incident& incident : incidents) {
    IncidentBackup& item = backup.incidents.emplace_back();
    item.incident = std::move(incident);
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
    DEBRIEF_ASSIGN_OR_RETURN(item.pulse_counts, store.ListPulseCounts(id));
  }
  DEBRIEF_ASSIGN_OR_RETURN(backup.audit, AllAudit(store));
  return backup;
}

}  // namespace

Result<Backup> ReadBackup(Store& store) {
  // One snapshot for all of it: read piece by piece while others write, an audit entry of an
  // incident created meanwhile was kept without its incident.
  Backup backup;
  DEBRIEF_RETURN_IF_ERROR(store.InSnapshot([&]() -> Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(backup, ReadEverything(store));
    return core::Ok();
  }));
  return backup;
}

}  // namespace debrief::store
