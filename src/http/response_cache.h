// ResponseCache: recently built response bodies, each tagged with the generation of the data it
// was built from. A lookup names the current generation; an entry from an older one is a miss.
// The merged timeline uses it with Store::IncidentGeneration: every write to an incident moves it
// in the same transaction, so a changed incident never serves a stale timeline, and the check is
// one indexed query that works across instances.
//
// Bounded by entry count and total bytes (least recently used out first). Thread-safe: the event
// loop and the search workers share it, so a hit hands out a copy.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace debrief::http {

class ResponseCache {
 public:
  ResponseCache(size_t max_entries, size_t max_bytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  // The cached body for `key` if it was built at `generation`.
  std::optional<std::string> Find(const std::string& key, int64_t generation);
  // Copies the body only when it is kept: a body over a quarter of the budget never is (one would
  // push out everything else), and the whole timeline of a large incident is tens of megabytes.
  void Put(const std::string& key, int64_t generation, std::string_view body);

  size_t size() const;
  size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    int64_t generation = 0;
    std::string body;
  };
  void Evict(std::list<Entry>::iterator entry);

  mutable std::mutex mutex_;
  size_t max_entries_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::list<Entry> entries_;  // Most recently used first.
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace debrief::http
