// AlertmanagerFileSource: alerts saved from Prometheus Alertmanager, as people have them at hand
// after an incident: webhook notifications (one JSON object, an array of them, or one per line as
// a receiver logged them), or the alerts of its API (GET /api/v2/alerts, `amtool alert query -o
// json`), an array of alerts each with its receivers and state. Each alert becomes the same
// events an alert hook makes of it (ingest/alertmanager.h: "firing" at its start, "resolved" at
// its end), so a file and a live hook that saw the same alert add it once.
#pragma once

#include <memory>
#include <vector>

#include "core/timeline_event.h"
#include "ingest/event_source.h"
#include "ingest/line_reader.h"

namespace debrief::ingest {

class AlertmanagerFileSource final : public EventSource {
 public:
  // Reads the whole input (alert files are small) and refuses it with the reason and, for a
  // file of lines, the line that is not a notification.
  static core::Result<std::unique_ptr<EventSource>> Open(std::unique_ptr<LineReader> lines);

  core::Result<bool> Next(core::TimelineEvent& event) override;
  uint64_t bytes_read() const override { return bytes_; }
  uint64_t total_bytes() const override { return bytes_; }
  int64_t shortened() const override { return 0; }

 private:
  std::vector<core::TimelineEvent> events_;
  size_t next_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace debrief::ingest
