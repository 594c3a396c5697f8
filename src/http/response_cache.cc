#include "http/response_cache.h"

namespace debrief::http {

std::optional<std::string> ResponseCache::Find(const std::string& key, int64_t generation) {
  std::lock_guard lock(mutex_);
  const std::string* body = cache_.Find(key, generation);
  if (body == nullptr) return std::nullopt;
  return *body;
}

void ResponseCache::Put(const std::string& key, int64_t generation, std::string_view body) {
  if (body.size() > max_body_) return;
  std::string kept(body);  // Copied before the lock: other threads' lookups need not wait.
  std::lock_guard lock(mutex_);
  cache_.Put(key, generation, std::move(kept), body.size() + key.size());
}

size_t ResponseCache::size() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

size_t ResponseCache::bytes() const {
  std::lock_guard lock(mutex_);
  return cache_.cost();
}

}  // namespace debrief::http
