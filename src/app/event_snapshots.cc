#include "app/event_snapshots.h"

#include <algorithm>
#include <atomic>
#include <iterator>

namespace debrief::app {
namespace {

using Events = EventSnapshots::Events;
}  // namespace

core::Result<std::shared_ptr<const Events>> EventSnapshots::Get(store::Store& store,
                                                                int64_t incident_id,
                                                                int64_t generation) {
  std::shared_ptr<Events> held;
  int64_t held_generation = 0;
  {
    std::lock_guard lock(mutex_);
    if (auto found = snapshots_.find(incident_id); found != snapshots_.end()) {
      Position position = found->second;
      order_.splice(order_.begin(), order_, position);
      if (position->generation == generation) {
        return std::shared_ptr<const Events>(position->events);
      }
      held = position->events;
      held_generation = position->generation;
    }
  }
  // Generations only grow; one that went back is a database this snapshot is not from.
  if (held && held_generation < generation) {
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<store::EventChanges> changes,
                             store.EventChangesSince(incident_id, held_generation));
    {
      std::lock_guard lock(mutex_);
      auto found = snapshots_.find(incident_id);
      bool still_kept = found != snapshots_.end() && found->second->events == held;
      if (changes && changes->empty()) {
        if (still_kept && found->second->generation < generation) {
          found->second->generation = generation;
        }
        return std::shared_ptr<const Events>(std::move(held));
      }
      // Out of the map, so no other request is handed it while it changes.
      if (still_kept) Evict(found->second);
    }
    if (changes) {
      // A request still encoding the old events keeps them as they were. Alone with them, the
      // fence orders the other holders' last reads (ended by their release of the count) before
      // the changes below.
      if (held.use_count() > 1) {
        held = std::make_shared<Events>(*held);
      } else {
        std::atomic_thread_fence(std::memory_order_acquire);
      }
      DEBRIEF_RETURN_IF_ERROR(Apply(store, incident_id, *changes, *held));
      std::lock_guard lock(mutex_);
      Keep(incident_id, generation, held);
      return std::shared_ptr<const Events>(std::move(held));
    }
    // The log cannot say what changed since: the events are read whole below.
  }
  DEBRIEF_ASSIGN_OR_RETURN(Events listed, store.events().List(incident_id));
  auto events = std::make_shared<Events>(std::move(listed));
  std::lock_guard lock(mutex_);
  Keep(incident_id, generation, events);
  return std::shared_ptr<const Events>(std::move(events));
}

size_t EventSnapshots::size() const {
  std::lock_guard lock(mutex_);
  return snapshots_.size();
}

size_t EventSnapshots::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

core::Result<void> EventSnapshots::Apply(store::Store& store, int64_t incident_id,
                                         const store::EventChanges& changes, Events& events) {
  // What the changes name, read as it is now: each event written, and every event of each import
  // (an import is one entry for many events). Nothing assumes ids were drawn in commit order.
  Events fresh;
  std::vector<int64_t> gone = changes.deleted;
  for (int64_t id : changes.written) {
    auto written = store.events().Get(incident_id, id);
    if (written) {
      fresh.push_back(std::move(*written));
    } else if (written.error().code() == core::ErrorCode::kNotFound) {
      gone.push_back(id);  // Written, then deleted in a later change this log did not reach.
    } else {
      return written.error();
    }
  }
  for (int64_t import_id : changes.imports) {
    DEBRIEF_ASSIGN_OR_RETURN(Events imported, store.ListImportedEvents(incident_id, import_id));
    fresh.insert(fresh.end(), std::make_move_iterator(imported.begin()),
                 std::make_move_iterator(imported.end()));
  }
  auto by_id = [](const core::TimelineEvent& a, const core::TimelineEvent& b) {
    return a.id < b.id;
  };
  std::stable_sort(fresh.begin(), fresh.end(), by_id);
  fresh.erase(std::unique(fresh.begin(), fresh.end(),
                          [](const auto& a, const auto& b) { return a.id == b.id; }),
              fresh.end());
  std::sort(gone.begin(), gone.end());
  // Out go the deleted events and the old copies of those read again; in go the fresh ones, in
  // id order.
  std::erase_if(events, [&](const core::TimelineEvent& event) {
    if (std::binary_search(gone.begin(), gone.end(), event.id)) return true;
    auto found = std::lower_bound(
        fresh.begin(), fresh.end(), event.id,
        [](const core::TimelineEvent& candidate, int64_t id) { return candidate.id < id; });
    return found != fresh.end() && found->id == event.id;
  });
  size_t held = events.size();
  events.insert(events.end(), std::make_move_iterator(fresh.begin()),
                std::make_move_iterator(fresh.end()));
  std::inplace_merge(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(held),
                     events.end(), by_id);
  return core::Ok();
}

void EventSnapshots::Keep(int64_t incident_id, int64_t generation, std::shared_ptr<Events> events) {
  size_t count = events->size();
  if (count > max_events_) return;  // Larger than the whole budget: read every time.
  if (auto kept = snapshots_.find(incident_id); kept != snapshots_.end()) {
    if (kept->second->generation >= generation) return;
    Evict(kept->second);
  }
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
