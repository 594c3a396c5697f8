// JsonLinesSource: JSON Lines (one JSON object per line: journalctl -o json, deploy and CI logs,
// Kubernetes audit logs), mapped to events by an EventMapping. Blank lines are passed over;
// anything else that is not a JSON object, lacks a readable time or gives an empty text is an
// error naming the line.
#pragma once

#include <memory>

#include "ingest/event_mapping.h"
#include "ingest/event_source.h"
#include "ingest/line_reader.h"
#include "ingest/record_people.h"

namespace debrief::ingest {

class JsonLinesSource final : public EventSource {
 public:
  JsonLinesSource(std::unique_ptr<LineReader> lines, CompiledMapping mapping);

  core::Result<bool> Next(core::TimelineEvent& event) override;
  uint64_t bytes_read() const override { return lines_->bytes_read(); }
  uint64_t total_bytes() const override { return lines_->total_bytes(); }
  int64_t shortened() const override { return shortened_; }
  std::vector<AudienceSpan> AudienceSpans() const override { return people_.Spans(); }

 private:
  std::unique_ptr<LineReader> lines_;
  CompiledMapping mapping_;
  int64_t shortened_ = 0;
  RecordPeople people_;
};

}  // namespace debrief::ingest
