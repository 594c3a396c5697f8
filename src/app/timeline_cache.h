// TimelineCache: merged timelines kept between requests, so paging through a large incident
// reads and merges it once instead of once per page. An entry is found by its key (the incident
// and the reader's view of it: user, role, options) and the generation it was built at —
// Store::IncidentGeneration, which moves with every write to the incident or anything in it — so
// a changed incident is merged anew, and instances sharing one database never serve each
// other stale timelines. Holds a few timelines and a bounded number of items in all, least
// recently used out first (core::GenerationCache).
//
// Thread-safe: requests run on the event loop or, on a database with request workers, on several
// threads. Entries are handed out as shared pointers to constant data, so one evicted while a
// request still encodes it stays alive until that request is done.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/generation_cache.h"
#include "core/knowledge.h"
#include "core/participant.h"
#include "core/timeline_event.h"
#include "core/timeline_merge.h"
#include "core/timeline_suggestions.h"

namespace debrief::app {

// What a timeline answer is built from, for one reader.
struct CachedTimeline {
  int64_t incident_id = 0;
  std::vector<core::Participant> participants;
  std::vector<core::EntryInput> entries;  // The accounts' entries the reader may read.
  // Every event of the incident, shared with EventSnapshots and the incident's other views.
  std::shared_ptr<const std::vector<core::TimelineEvent>> events =
      std::make_shared<const std::vector<core::TimelineEvent>>();
  core::MergedTimeline timeline;
  core::TimelineSuggestions suggestions;  // Only for members and admins.
  // Who was in which channel or on which receiver, and when: what reached them (knowledge.h).
  std::vector<core::AudienceMembership> memberships;
};

class TimelineCache {
 public:
  // A timeline of more items than the whole budget is never kept: merged every time.
  TimelineCache(size_t max_entries, size_t max_items) : cache_(max_entries, max_items, max_items) {}

  std::shared_ptr<const CachedTimeline> Find(const std::string& key, int64_t generation);
  void Put(const std::string& key, int64_t generation,
           std::shared_ptr<const CachedTimeline> timeline);
  // Drops every view of the incident from before `generation`: none can be served again, and
  // letting go of them lets the incident's event snapshot be brought up to date in place.
  void DropOlder(int64_t incident_id, int64_t generation);

  size_t size() const;

 private:
  mutable std::mutex mutex_;
  core::GenerationCache<std::shared_ptr<const CachedTimeline>> cache_;  // Costs are items.
};

}  // namespace debrief::app
