// JsonRecordsSource: the records of one JSON document, the document itself an array of objects
// or an object whose key `records` holds one ({"items": [...]} from kubectl, {"log_entries":
// [...]} from PagerDuty). The document is scanned as it is read and each record parsed alone, so
// memory holds one record, however long the array. Errors name the record's first line.
#pragma once

#include <memory>
#include <string>

#include "ingest/event_mapping.h"
#include "ingest/event_source.h"
#include "ingest/line_reader.h"
#include "ingest/record_people.h"

namespace debrief::ingest {

class JsonRecordsSource final : public EventSource {
 public:
  JsonRecordsSource(std::unique_ptr<LineReader> lines, CompiledMapping mapping);

  core::Result<bool> Next(core::TimelineEvent& event) override;
  uint64_t bytes_read() const override { return lines_->bytes_read(); }
  uint64_t total_bytes() const override { return lines_->total_bytes(); }
  int64_t shortened() const override { return shortened_; }
  std::vector<AudienceSpan> AudienceSpans() const override { return people_.Spans(); }

 private:
  // Scans on to the next record; its text in record_. False when the records have ended.
  core::Result<bool> NextRecord();
  core::Error ErrorAt(uint64_t line, std::string_view reason) const;

  std::unique_ptr<LineReader> lines_;
  CompiledMapping mapping_;
  int64_t shortened_ = 0;
  RecordPeople people_;

  // The scanner's state, carried from line to line.
  std::string_view line_;  // What is left of the current line.
  bool have_line_ = false;
  int depth_ = 0;  // Of open arrays and objects.
  bool in_string_ = false;
  bool escaped_ = false;
  char top_ = 0;            // '[' or '{', once seen.
  std::string string_;      // A string being read at the top object's level (a key, maybe).
  std::string key_;         // The key whose value comes next at that level.
  int records_depth_ = -1;  // The depth inside the records array, once in it.
  bool records_seen_ = false;
  bool records_ended_ = false;
  std::string record_;
  uint64_t record_line_ = 0;
};

}  // namespace debrief::ingest
