#include "ingest/json_records.h"

#include <boost/json.hpp>

#include "ingest/json_fields.h"
#include "ingest/record_mapper.h"
#include "ingest/record_people.h"

namespace debrief::ingest {
namespace bj = boost::json;

JsonRecordsSource::JsonRecordsSource(std::unique_ptr<LineReader> lines, CompiledMapping mapping)
    : lines_(std::move(lines)), mapping_(std::move(mapping)) {}

core::Error JsonRecordsSource::ErrorAt(uint64_t line, std::string_view reason) const {
  return core::Error::InvalidArgument(lines_->path() + ":" + std::to_string(line) + ": " +
                                      std::string(reason));
}

core::Result<bool> JsonRecordsSource::NextRecord() {
  const std::string& wanted = mapping_.mapping().records;
  record_.clear();
  bool in_record = false;
  while (true) {
    if (!have_line_ || line_.empty()) {
      if (have_line_ && in_record) record_ += '\n';
      std::string_view next;
      DEBRIEF_ASSIGN_OR_RETURN(bool has_line, lines_->Next(next));
      if (!has_line) break;
      line_ = next;
      have_line_ = true;
      continue;
    }
    char c = line_.front();
    line_.remove_prefix(1);
    if (in_record) record_ += c;
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      } else if (depth_ == 1 && top_ == '{') {
        string_ += c;
      }
      if (depth_ == 1 && top_ == '{' && !in_string_ && c == '"') key_ = string_;
      continue;
    }
    if (!in_record && depth_ == records_depth_ && c != '{' && c != ']' && c != ',' && c != ' ' &&
        c != '\t' && c != '\r') {
      return ErrorAt(lines_->line_number(), "the records array holds something other than objects");
    }
    switch (c) {
      case '"':
        in_string_ = true;
        string_.clear();
        break;
      case ':':
        break;  // The key was kept when its string closed.
      case '{':
      case '[':
        if (depth_ == 0) {
          if (top_ != 0) return ErrorAt(lines_->line_number(), "more than one JSON document");
          top_ = c;
          if (c == '[' && wanted.empty()) {
            records_depth_ = 1;
            records_seen_ = true;
          }
        } else if (depth_ == records_depth_) {
          if (c != '{') {
            return ErrorAt(lines_->line_number(),
                           "the records array holds something other "
                           "than objects");
          }
          in_record = true;
          record_ = "{";
          record_line_ = lines_->line_number();
        } else if (depth_ == 1 && top_ == '{' && c == '[' && !wanted.empty() && key_ == wanted &&
                   !records_seen_) {
          records_depth_ = 2;
          records_seen_ = true;
        }
        ++depth_;
        break;
      case '}':
      case ']':
        --depth_;
        if (depth_ < 0) return ErrorAt(lines_->line_number(), "a bracket closes nothing");
        if (in_record && depth_ == records_depth_) return true;
        if (records_depth_ >= 0 && depth_ == records_depth_ - 1) {
          records_depth_ = -1;
          records_ended_ = true;
        }
        if (depth_ == 1 && top_ == '{') key_.clear();
        break;
      case ',':
        if (depth_ == 1 && top_ == '{') key_.clear();
        break;
      default:
        break;
    }
  }
  // The end of the file.
  if (in_record || depth_ != 0 || in_string_) {
    return ErrorAt(in_record ? record_line_ : lines_->line_number(),
                   "the document ends before it is closed");
  }
  if (top_ == 0) return ErrorAt(1, "is empty (expected a JSON document)");
  if (!records_seen_) {
    return ErrorAt(1, wanted.empty() ? "the document is an object, not an array of records (say "
                                       "which key holds them: records)"
                                     : "the document has no \"" + wanted + "\" array");
  }
  return false;
}

core::Result<bool> JsonRecordsSource::Next(core::TimelineEvent& event) {
  DEBRIEF_ASSIGN_OR_RETURN(bool has_record, NextRecord());
  if (!has_record) return false;
  bj::monotonic_resource resource;
  bj::error_code error;
  bj::value parsed = bj::parse(record_, error, &resource);
  if (error) return ErrorAt(record_line_, "not JSON (" + error.message() + ")");
  const bj::object& object = parsed.as_object();
  auto field = [&](std::string_view path, std::string& out) {
    const bj::value* value = FindField(object, path);
    return value != nullptr && AppendFieldValue(*value, out);
  };
  bool shortened = false;
  std::string problem = MapRecord(mapping_, field, record_, event, shortened);
  if (!problem.empty()) return ErrorAt(record_line_, problem);
  people_.Note(object, mapping_.mapping(), event);
  shortened_ += shortened;
  return true;
}

}  // namespace debrief::ingest
