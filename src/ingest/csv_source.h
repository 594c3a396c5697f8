// CsvSource: CSV (RFC 4180: a header row naming the columns, fields separated by a delimiter,
// quoted fields with "" for a quote and line breaks inside) mapped to events by an EventMapping
// whose fields are column names. Deploy tools, spreadsheets and most log exports write it.
// A byte-order mark before the header is ignored. A row with more or fewer fields than the
// header, an unclosed quote or bytes that are not UTF-8 is an error naming the row's first line.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/event_mapping.h"
#include "ingest/event_source.h"
#include "ingest/line_reader.h"

namespace debrief::ingest {

class CsvSource final : public EventSource {
 public:
  // Reads the header row; fails when there is none, or the mapping names a column it lacks.
  static core::Result<std::unique_ptr<CsvSource>> Open(std::unique_ptr<LineReader> lines,
                                                       CompiledMapping mapping,
                                                       char delimiter = ',');

  core::Result<bool> Next(core::TimelineEvent& event) override;
  uint64_t bytes_read() const override { return lines_->bytes_read(); }
  uint64_t total_bytes() const override { return lines_->total_bytes(); }
  int64_t shortened() const override { return shortened_; }

 private:
  CsvSource(std::unique_ptr<LineReader> lines, CompiledMapping mapping, char delimiter);
  // The next record's fields into fields_ (and its text into record_); false at the end.
  core::Result<bool> ReadRecord();

  std::unique_ptr<LineReader> lines_;
  CompiledMapping mapping_;
  char delimiter_;
  std::unordered_map<std::string, size_t> columns_;  // Header name -> index.
  size_t column_count_ = 0;
  std::vector<std::string> fields_;
  std::string record_;
  uint64_t record_line_ = 0;
  int64_t shortened_ = 0;
};

}  // namespace debrief::ingest
