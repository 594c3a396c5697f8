// BatchReader: runs an EventSource on a thread of its own, up to two batches ahead of the caller,
// so reading and parsing a file share the machine's cores with storing its events, while memory
// holds at most three batches however large the file is.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "core/result.h"
#include "core/timeline_event.h"
#include "ingest/event_source.h"

namespace debrief::ingest {

class BatchReader {
 public:
  struct Batch {
    std::vector<core::TimelineEvent> events;
    bool last = false;                         // Nothing follows.
    uint64_t bytes_read = 0;                   // Of the input, when the batch was full.
    int64_t shortened = 0;                     // Texts cut so far.
    std::vector<AudienceSpan> audience_spans;  // With the last batch: EventSource::AudienceSpans.
  };

  // Starts reading at once, on a thread that takes no signals (Ctrl-C reaches the caller's).
  // `source` must own what it reads: the thread may outlive the reader by a moment.
  BatchReader(std::unique_ptr<EventSource> source, size_t batch_size);
  // Stops the thread. One waiting for input that may never come (a pipe) is left to end with
  // the process; it owns everything it touches.
  ~BatchReader();
  BatchReader(const BatchReader&) = delete;
  BatchReader& operator=(const BatchReader&) = delete;

  // The next batch, or nothing when `timeout` passed first. An error ends the batches.
  std::optional<core::Result<Batch>> Next(std::chrono::milliseconds timeout);
  uint64_t total_bytes() const { return total_bytes_; }

 private:
  struct Shared;
  std::shared_ptr<Shared> shared_;
  uint64_t total_bytes_;
};

}  // namespace debrief::ingest
