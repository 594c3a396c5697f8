#include "app/event_snapshots.h"

#include <algorithm>
#include <iterator>

namespace debrief::app {
namespace {

using Events = EventSnapshots::Events;

Events::iterator FindById(Events& events, int64_t id) {
  return std::lower_bound(
      events.begin(), events.end(), id,
      [](const core::TimelineEvent& event, int64_t wanted) { return event.id < wanted; });
}

}  // namespace

core::Result<std::shared_ptr<const Events>> EventSnapshots::Get(store::Store& store,
                                                                int64_t incident_id,
                                                                int64_t generation) {
  if (auto found = snapshots_.find(incident_id); found != snapshots_.end()) {
    Position position = found->second;
    order_.splice(order_.begin(), order_, position);
    if (position->generation == generation) return std::shared_ptr<const Events>(position->events);
    // Generations only grow; one that went back is a database this snapshot is not from.
    std::optional<store::EventChanges> changes;
    if (position->generation < generation) {
      DEBRIEF_ASSIGN_OR_RETURN(changes, store.EventChangesSince(incident_id, position->generation));
    }
    if (changes && changes->empty()) {
      position->generation = generation;
      return std::shared_ptr<const Events>(position->events);
    }
    std::shared_ptr<Events> events = position->events;
    Evict(position);
    if (changes) {
      // A request still encoding the old events keeps them as they were.
      if (events.use_count() > 1) events = std::make_shared<Events>(*events);
      DEBRIEF_RETURN_IF_ERROR(Apply(store, incident_id, *changes, *events));
      Keep(incident_id, generation, events);
      return std::shared_ptr<const Events>(std::move(events));
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(Events listed, store.events().List(incident_id));
  auto events = std::make_shared<Events>(std::move(listed));
  Keep(incident_id, generation, events);
  return std::shared_ptr<const Events>(std::move(events));
}

core::Result<void> EventSnapshots::Apply(store::Store& store, int64_t incident_id,
                                         const store::EventChanges& changes, Events& events) {
  if (!changes.deleted.empty()) {
    std::erase_if(events, [&](const core::TimelineEvent& event) {
      return std::binary_search(changes.deleted.begin(), changes.deleted.end(), event.id);
    });
  }
  // Every event created since has an id above the highest one still held (ids only grow): those
  // come in one range read below; the ones at or under it were updated in place.
  int64_t highest = events.empty() ? 0 : events.back().id;
  bool newer = changes.imported;
  for (int64_t id : changes.written) {
    if (id > highest) {
      newer = true;
      continue;
    }
    auto position = FindById(events, id);
    auto written = store.events().Get(incident_id, id);
    if (!written) {
      // Written, then deleted in a later change this log did not reach.
      if (written.error().code() != core::ErrorCode::kNotFound) return written.error();
      if (position != events.end() && position->id == id) events.erase(position);
      continue;
    }
    if (position != events.end() && position->id == id) {
      *position = std::move(*written);
    } else {
      events.insert(position, std::move(*written));
    }
  }
  if (newer) {
    DEBRIEF_ASSIGN_OR_RETURN(Events added, store.events().ListAfter(incident_id, highest));
    events.insert(events.end(), std::make_move_iterator(added.begin()),
                  std::make_move_iterator(added.end()));
  }
  return core::Ok();
}

void EventSnapshots::Keep(int64_t incident_id, int64_t generation, std::shared_ptr<Events> events) {
  size_t count = events->size();
  if (count > max_events_) return;  // Larger than the whole budget: read every time.
  order_.push_front({incident_id, generation, std::move(events)});
  snapshots_[incident_id] = order_.begin();
  events_ += count;
  while (events_ > max_events_) Evict(std::prev(order_.end()));
}

void EventSnapshots::Evict(Position position) {
  events_ -= position->events->size();
  snapshots_.erase(position->incident_id);
  order_.erase(position);
}

}  // namespace debrief::app
