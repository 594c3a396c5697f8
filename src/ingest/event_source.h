// EventSource: an importer, giving the events of its input one at a time, so that an import
// holds one batch in memory however large the input is. Errors name the file, line and reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "core/timeline_event.h"

namespace debrief::ingest {

// Someone of the source's world (by email and name, not yet a participant) in one of its
// audiences (`audience` as events' visible_to names it) for a span of time.
struct AudienceSpan {
  std::string source;  // What records it, for replacing it on a later import ("import:slack:C1").
  std::string audience;
  std::string email;
  std::string name;
  std::optional<core::Timestamp> since;
  std::optional<core::Timestamp> until;
};

class EventSource {
 public:
  virtual ~EventSource() = default;
  // Sets `event` to the next event (its source "import:<kind>:<id>"); false at the end.
  virtual core::Result<bool> Next(core::TimelineEvent& event) = 0;
  virtual uint64_t bytes_read() const = 0;
  virtual uint64_t total_bytes() const = 0;  // 0 when unknown.
  // Texts cut to the timeline's limit so far.
  virtual int64_t shortened() const = 0;
  // Who was in which of its audiences when, once Next has returned false; most sources do not
  // know.
  virtual std::vector<AudienceSpan> AudienceSpans() const { return {}; }
};

}  // namespace debrief::ingest
