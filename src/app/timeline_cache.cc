#include "app/timeline_cache.h"

#include <iterator>

namespace debrief::app {

std::shared_ptr<const CachedTimeline> TimelineCache::Find(const std::string& key,
                                                          int64_t generation) {
  auto found = entries_.find(key);
  if (found == entries_.end()) return nullptr;
  if (found->second->generation != generation) {
    Evict(found->second);
    return nullptr;
  }
  order_.splice(order_.begin(), order_, found->second);
  return found->second->timeline;
}

void TimelineCache::Put(const std::string& key, int64_t generation,
                        std::shared_ptr<const CachedTimeline> timeline) {
  if (max_entries_ == 0) return;
  if (auto found = entries_.find(key); found != entries_.end()) Evict(found->second);
  size_t items = timeline->timeline.items.size();
  if (items > max_items_) return;  // Larger than the whole budget: merged every time.
  order_.push_front({key, generation, std::move(timeline), items});
  entries_[key] = order_.begin();
  items_ += items;
  while (order_.size() > max_entries_ || items_ > max_items_) Evict(std::prev(order_.end()));
}

void TimelineCache::DropOlder(int64_t incident_id, int64_t generation) {
  for (auto entry = order_.begin(); entry != order_.end();) {
    auto next = std::next(entry);
    if (entry->timeline->incident_id == incident_id && entry->generation < generation) {
      Evict(entry);
    }
    entry = next;
  }
}

void TimelineCache::Evict(std::list<Entry>::iterator entry) {
  items_ -= entry->items;
  entries_.erase(entry->key);
  order_.erase(entry);
}

}  // namespace debrief::app
