// ListenedCopy: an in-memory copy of what a small, rarely written table holds (the review
// rules, read by every incident answer), kept only while a NotificationListener hears every
// commit to it. So a copy is never older than the last notification on its way: writes through
// this process drop it as they commit (Changed), writes elsewhere as their notification arrives.
//
// A read that raced a change is answered but not kept: each change moves a generation on, and a
// value read from the database is kept only if the generation it began under is still current.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

#include "core/result.h"

namespace debrief::store::postgres {

template <class Value>
class ListenedCopy {
 public:
  // The copy, or `read_database()` kept as the copy when nothing changed while it ran.
  template <class ReadDatabase>
  core::Result<Value> Read(ReadDatabase read_database) {
    uint64_t began;
    {
      std::lock_guard lock(mutex_);
      if (value_) return *value_;
      began = generation_;
    }
    core::Result<Value> read = read_database();
    if (read) {
      std::lock_guard lock(mutex_);
      if (listening_ && generation_ == began) value_ = *read;
    }
    return read;
  }

  // The table changed (or may have): the copy is dropped.
  void Changed() {
    std::lock_guard lock(mutex_);
    value_.reset();
    ++generation_;
  }

  // Whether every commit to the table is heard from here on; while not, nothing is kept.
  void SetListening(bool listening) {
    std::lock_guard lock(mutex_);
    listening_ = listening;
    value_.reset();
    ++generation_;
  }

 private:
  std::mutex mutex_;
  std::optional<Value> value_;
  uint64_t generation_ = 0;
  bool listening_ = false;
};

}  // namespace debrief::store::postgres
