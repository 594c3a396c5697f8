#include "ingest/csv_source.h"

#include "ingest/record_mapper.h"

namespace debrief::ingest {
namespace {

core::Error RowError(const LineReader& lines, uint64_t line, std::string_view reason) {
  return core::Error::InvalidArgument(lines.path() + ":" + std::to_string(line) + ": " +
                                      std::string(reason));
}

}  // namespace

CsvSource::CsvSource(std::unique_ptr<LineReader> lines, CompiledMapping mapping, char delimiter)
    : lines_(std::move(lines)), mapping_(std::move(mapping)), delimiter_(delimiter) {}

core::Result<std::unique_ptr<CsvSource>> CsvSource::Open(std::unique_ptr<LineReader> lines,
                                                         CompiledMapping mapping, char delimiter) {
  std::unique_ptr<CsvSource> source(new CsvSource(std::move(lines), std::move(mapping), delimiter));
  DEBRIEF_ASSIGN_OR_RETURN(bool has_header, source->ReadRecord());
  if (!has_header) {
    return core::Error::InvalidArgument(source->lines_->path() +
                                        ": is empty (a CSV file starts with a header row)");
  }
  std::vector<std::string>& names = source->fields_;
  if (!names.empty() && names.front().starts_with("\xEF\xBB\xBF")) names.front().erase(0, 3);
  for (size_t index = 0; index < names.size(); ++index) {
    if (!source->columns_.emplace(names[index], index).second) {
      return RowError(*source->lines_, source->record_line_,
                      "the header names \"" + names[index] + "\" twice");
    }
  }
  source->column_count_ = names.size();
  // Columns the mapping needs and the header lacks are named now, not on every row.
  const EventMapping& wanted = source->mapping_.mapping();
  for (const std::string* column : {&wanted.time_field, &wanted.id_field, &wanted.kind_field}) {
    if (!column->empty() && !source->columns_.contains(*column)) {
      return RowError(*source->lines_, source->record_line_,
                      "the header has no column \"" + *column + "\"");
    }
  }
  return source;
}

core::Result<bool> CsvSource::ReadRecord() {
  fields_.clear();
  record_.clear();
  std::string_view line;
  do {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_line, lines_->Next(line));
    if (!has_line) return false;
  } while (line.empty());
  record_line_ = lines_->line_number();
  std::string field;
  bool quoted = false;      // Inside a quoted field.
  bool was_quoted = false;  // The current field was quoted (text may not follow the quote).
  while (true) {
    if (!IsUtf8(line)) return RowError(*lines_, lines_->line_number(), "not valid UTF-8");
    record_ += line;
    for (size_t at = 0; at < line.size(); ++at) {
      char c = line[at];
      if (quoted) {
        if (c != '"') {
          field += c;
        } else if (at + 1 < line.size() && line[at + 1] == '"') {
          field += '"';
          ++at;
        } else {
          quoted = false;
        }
      } else if (c == delimiter_) {
        fields_.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = true;
        was_quoted = true;
      } else if (was_quoted) {
        return RowError(*lines_, lines_->line_number(),
                        "text after a quoted field's closing quote");
      } else {
        field += c;
      }
    }
    if (!quoted) break;
    // A line break inside quotes belongs to the field.
    DEBRIEF_ASSIGN_OR_RETURN(bool has_line, lines_->Next(line));
    if (!has_line) return RowError(*lines_, record_line_, "a quoted field is never closed");
    field += '\n';
    record_ += '\n';
  }
  fields_.push_back(std::move(field));
  return true;
}

core::Result<bool> CsvSource::Next(core::TimelineEvent& event) {
  DEBRIEF_ASSIGN_OR_RETURN(bool has_record, ReadRecord());
  if (!has_record) return false;
  if (fields_.size() != column_count_) {
    return RowError(*lines_, record_line_,
                    std::to_string(fields_.size()) + " fields where the header has " +
                        std::to_string(column_count_));
  }
  auto field = [&](std::string_view name, std::string& out) {
    auto found = columns_.find(std::string(name));
    if (found == columns_.end() || fields_[found->second].empty()) return false;
    out += fields_[found->second];
    return true;
  };
  bool shortened = false;
  std::string problem = MapRecord(mapping_, field, record_, event, shortened);
  if (!problem.empty()) return RowError(*lines_, record_line_, problem);
  shortened_ += shortened;
  return true;
}

}  // namespace debrief::ingest
