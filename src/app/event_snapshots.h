// EventSnapshots: every event of the incidents being read, kept in memory between requests and
// brought up to date from the audit log. An incident with a hundred thousand imported events is
// read once; after a change (an account entry edited, an event added, an import) only the events
// written since are read back, instead of all of them on the next timeline request. Found by
// incident and generation (Store::IncidentGeneration, as in TimelineCache), so a write by another
// process on the same database is seen on the next request.
//
// Used on the event loop only (timeline requests are answered there): not thread-safe. Snapshots
// are handed out as shared pointers to constant data; one nobody else holds is brought up to date
// in place, one still in use is copied first.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
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

  size_t size() const { return snapshots_.size(); }
  size_t events() const { return events_; }

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
  void Keep(int64_t incident_id, int64_t generation, std::shared_ptr<Events> events);
  void Evict(Position position);

  size_t max_events_;
  size_t events_ = 0;
  std::list<Snapshot> order_;  // Most recently read first.
  std::unordered_map<int64_t, Position> snapshots_;
};

}  // namespace debrief::app
