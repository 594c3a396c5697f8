// ResponseCache: recently built response bodies, each tagged with the generation of the data it
// was built from. A lookup names the current generation; an entry from an older one is a miss.
// The merged timeline uses it with Store::IncidentGeneration: every write to an incident moves it
// in the same transaction, so a changed incident never serves a stale timeline, and the check is
// one indexed query that works across instances.
//
// Bounded by entry count and total bytes (least recently used out first; core::GenerationCache).
// Thread-safe: the event loop, the request workers and the search workers share it, so a hit hands
// out a copy.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/generation_cache.h"

namespace debrief::http {

class ResponseCache {
 public:
  ResponseCache(size_t max_entries, size_t max_bytes)
      : max_body_(max_bytes / 4), cache_(max_entries, max_bytes, max_bytes) {}

  // The cached body for `key` if it was built at `generation`.
  std::optional<std::string> Find(const std::string& key, int64_t generation);
  // Copies the body only when it is kept: a body over a quarter of the budget never is (one would
  // push out everything else), and the whole timeline of a large incident is tens of megabytes.
  void Put(const std::string& key, int64_t generation, std::string_view body);

  size_t size() const;
  size_t bytes() const;

 private:
  size_t max_body_;
  mutable std::mutex mutex_;
  core::GenerationCache<std::string> cache_;  // Costs are bytes: the body's and the key's.
};

}  // namespace debrief::http
