#include "app/timeline_cache.h"

namespace debrief::app {

std::shared_ptr<const CachedTimeline> TimelineCache::Find(const std::string& key,
                                                          int64_t generation) {
  std::lock_guard lock(mutex_);
  const std::shared_ptr<const CachedTimeline>* found = cache_.Find(key, generation);
  return found != nullptr ? *found : nullptr;
}

void TimelineCache::Put(const std::string& key, int64_t generation,
                        std::shared_ptr<const CachedTimeline> timeline) {
  size_t items = timeline->timeline.items.size();
  std::lock_guard lock(mutex_);
  cache_.Put(key, generation, std::move(timeline), items);
}

void TimelineCache::DropOlder(int64_t incident_id, int64_t generation) {
  std::lock_guard lock(mutex_);
  cache_.EraseIf([&](int64_t built_at, const std::shared_ptr<const CachedTimeline>& timeline) {
    return timeline->incident_id == incident_id && built_at < generation;
  });
}

size_t TimelineCache::size() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

}  // namespace debrief::app
