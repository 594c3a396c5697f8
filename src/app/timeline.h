// The merged timeline of an incident as one reader may read it: the entries of the accounts they
// may read (released ones, and their own; never a withdrawn one), every event, merged, and the
// suggestions for those who confirm them. Built once per incident generation and reader's view,
// and kept in the timeline cache; the events come from the event snapshots, brought up to date
// instead of read again.
#pragma once

#include <memory>
#include <string>

#include "app/event_snapshots.h"
#include "app/timeline_cache.h"
#include "core/authorization.h"
#include "core/incident.h"
#include "core/result.h"
#include "core/timeline_merge.h"
#include "store/store.h"

namespace debrief::app {

// The caches a reader's timeline is kept in; either may be absent (then it is built anew).
struct TimelineCaches {
  TimelineCache* views = nullptr;
  EventSnapshots* events = nullptr;
};

// The name of a reader's view of an incident's timeline in the caches: what they may read
// depends on who they are and their role, and the options change the result; everything else
// is covered by the incident's generation.
std::string ReaderView(const core::Principal& reader, const core::Incident& incident,
                       const core::TimelineOptions& options);

// `view` names the reader's view in the cache (who they are, their role, the options), and
// `generation` the incident's, read before.
core::Result<std::shared_ptr<const CachedTimeline>> ReaderTimeline(
    store::Store& store, const core::Principal& reader, const core::Incident& incident,
    const core::TimelineOptions& options, const std::string& view, int64_t generation,
    TimelineCaches caches);

}  // namespace debrief::app
