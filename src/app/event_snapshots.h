// EventSnapshots: every event of the incidents being read, kept in memory between requests and
// brought up to date from the audit log. An incident with a hundred thousand imported events is
// read once; after a change (an account entry edited, an event added, an import) only the events
// written since are read back, instead of all of them on the next timeline request. Found by
// incident and generation (Store::IncidentGeneration, as in TimelineCache), so a write by another
// process on the same database is seen on the next request.
//
// Thread-safe: the map is locked for its own changes only, never while the database is read, so
// request workers read different incidents at once. Snapshots are handed out as shared pointers
// to constant data; one being brought up to date is taken out of the map first, so nobody else
// can be handed it meanwhile; then, if nobody else holds it, it is changed in place, else copied.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/timeline_event.h"
#include "store/store.h"

namespace debrief::app {

class EventSnapshots {
 public:
  using Events = std::vector<core::TimelineEvent>;

  // Keeps at most `max_events` events in all, least recently read incident out first.
  explicit EventSnapshots(size_t max_events) : max_events_(max_events) {}

  // The incident's events, oldest id first, as of `generation` (the IncidentGeneration the
  // caller read before): from memory, brought up to date, or read whole.
  core::Result<std::shared_ptr<const Events>> Get(store::Store& store, int64_t incident_id,
                                                  int64_t generation);

  size_t size() const;
  size_t events() const;

 private:
  struct Snapshot {
    int64_t incident_id = 0;
    int64_t generation = 0;
    std::shared_ptr<Events> events;
  };
  using Position = std::list<Snapshot>::iterator;

  // Applies what changed since a snapshot's generation to its events, reading back only the
  // events written since.
  static core::Result<void> Apply(store::Store& store, int64_t incident_id,
                                  const store::EventChanges& changes, Events& events);
  // Keeps `events` as of `generation` unless a snapshot of the incident at least as new is kept
  // already (another thread read it meanwhile). Called with the mutex held.
  void Keep(int64_t incident_id, int64_t generation, std::shared_ptr<Events> events);
  void Evict(Position position);

  mutable std::mutex mutex_;
  size_t max_events_;
  size_t events_ = 0;
  std::list<Snapshot> order_;  // Most recently read first.
  std::unordered_map<int64_t, Position> snapshots_;
};

}  // namespace debrief::app
