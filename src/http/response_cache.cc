#include "http/response_cache.h"

namespace debrief::http {

std::optional<std::string> ResponseCache::Find(const std::string& key, int64_t generation) {
  std::lock_guard lock(mutex_);
  auto found = index_.find(key);
  if (found == index_.end()) return std::nullopt;
  if (found->second->generation != generation) {
    Evict(found->second);
    return std::nullopt;
  }
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->body;
}

void ResponseCache::Put(const std::string& key, int64_t generation, std::string_view body) {
  if (body.size() > max_bytes_ / 4) return;
  std::string kept(body);  // Copied before the lock: other threads' lookups need not wait.
  std::lock_guard lock(mutex_);
  if (auto found = index_.find(key); found != index_.end()) Evict(found->second);
  bytes_ += body.size() + key.size();
  entries_.push_front({key, generation, std::move(kept)});
  index_[key] = entries_.begin();
  while (!entries_.empty() && (entries_.size() > max_entries_ || bytes_ > max_bytes_)) {
    Evict(std::prev(entries_.end()));
  }
}

size_t ResponseCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

size_t ResponseCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

void ResponseCache::Evict(std::list<Entry>::iterator entry) {
  bytes_ -= entry->body.size() + entry->key.size();
  index_.erase(entry->key);
  entries_.erase(entry);
}

}  // namespace debrief::http
