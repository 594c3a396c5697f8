#include "app/timeline.h"

#include <map>

#include "core/timeline_suggestions.h"

namespace debrief::app {

std::string ReaderView(const core::Principal& reader, const core::Incident& incident,
                       const core::TimelineOptions& options) {
  return std::to_string(incident.id) + "/" + std::to_string(reader.user_id) + "/" +
         std::string(core::ToString(reader.role)) + "/" +
         std::to_string(options.gap_threshold.count());
}

core::Result<std::shared_ptr<const CachedTimeline>> ReaderTimeline(
    store::Store& store, const core::Principal& reader, const core::Incident& incident,
    const core::TimelineOptions& options, const std::string& view, int64_t generation,
    TimelineCaches caches) {
  if (caches.views != nullptr) {
    if (auto cached = caches.views->Find(view, generation)) return cached;
  }
  auto loaded = std::make_shared<CachedTimeline>();
  loaded->incident_id = incident.id;
  DEBRIEF_ASSIGN_OR_RETURN(loaded->participants, store.participants().List(incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(loaded->memberships, store.ListAudienceMemberships(incident.id));
  core::IncidentRelation relation = core::RelationTo(reader, incident, loaded->participants);
  DEBRIEF_ASSIGN_OR_RETURN(auto accounts, store.accounts().List(incident.id));
  std::map<int64_t, const core::Account*> readable;
  for (const core::Account& account : accounts) {
    if (account.visibility != core::AccountVisibility::kWithdrawn &&
        core::CanReadAccount(reader, account, relation)) {
      readable.emplace(account.id, &account);
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(auto all_entries, store.entries().List(incident.id));
  for (core::AccountEntry& entry : all_entries) {
    auto account = readable.find(entry.account_id);
    if (account == readable.end()) continue;
    loaded->entries.push_back(
        {account->second->participant_id, entry.account_id, std::move(entry)});
  }
  if (caches.events != nullptr) {
    // The views of the incident from before this change are never served again; dropped now,
    // they let the snapshot of its events be brought up to date in place instead of copied.
    if (caches.views != nullptr) caches.views->DropOlder(incident.id, generation);
    DEBRIEF_ASSIGN_OR_RETURN(loaded->events, caches.events->Get(store, incident.id, generation));
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(auto events, store.events().List(incident.id));
    loaded->events = std::make_shared<const std::vector<core::TimelineEvent>>(std::move(events));
  }
  const std::vector<core::TimelineEvent>& events = *loaded->events;
  loaded->timeline = core::MergeTimeline(incident, loaded->entries, events, options);
  // For the people who confirm them (members and admins). Viewers read anonymised timelines,
  // and a suggestion's reason quotes an event's text as it is.
  if (core::SeesTimelineSuggestions(reader)) {
    loaded->suggestions = core::SuggestFromTimeline(incident, loaded->entries, events);
  }
  if (caches.views != nullptr) caches.views->Put(view, generation, loaded);
  return std::shared_ptr<const CachedTimeline>(std::move(loaded));
}

}  // namespace debrief::app
