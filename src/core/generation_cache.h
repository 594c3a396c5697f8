// GenerationCache: values kept between requests, each tagged with the generation of the data it
// was built from (Store::IncidentGeneration, Store::LibraryGeneration: counters moved in the
// transaction of every write). A lookup names the current generation; an entry built at another
// one is a miss and is dropped, so a changed incident is never served stale, and instances
// sharing one database agree without telling each other anything.
//
// Bounded by the number of entries and by a total cost (items, bytes) that the caller gives each
// value; least recently used out first. A value costing more than `max_single_cost` is never
// kept (one would push out everything else). Not thread-safe: a cache shared by threads holds
// its own lock around it (http::ResponseCache).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace debrief::core {

template <class Value>
class GenerationCache {
 public:
  GenerationCache(size_t max_entries, size_t max_cost, size_t max_single_cost)
      : max_entries_(max_entries), max_cost_(max_cost), max_single_cost_(max_single_cost) {}

  // The value kept for `key` if it was built at `generation`; null otherwise.
  const Value* Find(const std::string& key, int64_t generation) {
    auto found = index_.find(key);
    if (found == index_.end()) return nullptr;
    if (found->second->generation != generation) {
      Evict(found->second);
      return nullptr;
    }
    order_.splice(order_.begin(), order_, found->second);
    return &found->second->value;
  }

  // Keeps `value` for `key` at `generation`, replacing what was kept for the key; `cost` counts
  // against the budget. Whether it is kept can be asked first (Keeps), to spare building a copy
  // that would not be.
  void Put(const std::string& key, int64_t generation, Value value, size_t cost) {
    if (auto found = index_.find(key); found != index_.end()) Evict(found->second);
    if (!Keeps(cost)) return;
    order_.push_front({key, generation, std::move(value), cost});
    index_[key] = order_.begin();
    cost_ += cost;
    while (!order_.empty() && (order_.size() > max_entries_ || cost_ > max_cost_)) {
      Evict(std::prev(order_.end()));
    }
  }

  bool Keeps(size_t cost) const { return max_entries_ > 0 && cost <= max_single_cost_; }

  // Drops every entry for which `drop(generation, value)` holds.
  template <class Predicate>
  void EraseIf(Predicate&& drop) {
    for (auto entry = order_.begin(); entry != order_.end();) {
      auto next = std::next(entry);
      if (drop(entry->generation, entry->value)) Evict(entry);
      entry = next;
    }
  }

  size_t size() const { return order_.size(); }
  size_t cost() const { return cost_; }

 private:
  struct Entry {
    std::string key;
    int64_t generation = 0;
    Value value;
    size_t cost = 0;
  };
  void Evict(typename std::list<Entry>::iterator entry) {
    cost_ -= entry->cost;
    index_.erase(entry->key);
    order_.erase(entry);
  }

  size_t max_entries_;
  size_t max_cost_;
  size_t max_single_cost_;
  size_t cost_ = 0;
  std::list<Entry> order_;  // Most recently used first.
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
};

}  // namespace debrief::core
