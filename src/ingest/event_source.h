// EventSource: an importer, giving the events of its input one at a time, so that an import
// holds one batch in memory however large the input is. Errors name the file, line and reason.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "core/timeline_event.h"

namespace debrief::ingest {

class EventSource {
 public:
  virtual ~EventSource() = default;
  // Sets `event` to the next event (its source "import:<kind>:<id>"); false at the end.
  virtual core::Result<bool> Next(core::TimelineEvent& event) = 0;
  virtual uint64_t bytes_read() const = 0;
  virtual uint64_t total_bytes() const = 0;  // 0 when unknown.
  // Texts cut to the timeline's limit so far.
  virtual int64_t shortened() const = 0;
};

}  // namespace debrief::ingest
