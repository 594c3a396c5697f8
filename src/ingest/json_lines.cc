#include "ingest/json_lines.h"

#include <boost/json.hpp>

#include "ingest/json_fields.h"
#include "ingest/record_mapper.h"
#include "ingest/record_people.h"

namespace debrief::ingest {
namespace bj = boost::json;

JsonLinesSource::JsonLinesSource(std::unique_ptr<LineReader> lines, CompiledMapping mapping)
    : lines_(std::move(lines)), mapping_(std::move(mapping)) {}

core::Result<bool> JsonLinesSource::Next(core::TimelineEvent& event) {
  std::string_view line;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool has_line, lines_->Next(line));
    if (!has_line) return false;
    if (line.find_first_not_of(" \t") != std::string_view::npos) break;
  }
  // Each line's values live in one buffer, reused.
  unsigned char buffer[8192];
  bj::monotonic_resource resource(buffer, sizeof buffer);
  bj::error_code error;
  bj::value parsed = bj::parse(line, error, &resource);
  if (error) return lines_->LineError("not JSON (" + error.message() + ")");
  const bj::object* object = parsed.if_object();
  if (object == nullptr) return lines_->LineError("expected a JSON object");
  auto field = [&](std::string_view path, std::string& out) {
    const bj::value* value = FindField(*object, path);
    return value != nullptr && AppendFieldValue(*value, out);
  };
  bool shortened = false;
  std::string problem = MapRecord(mapping_, field, line, event, shortened);
  if (!problem.empty()) return lines_->LineError(problem);
  people_.Note(*object, mapping_.mapping(), event);
  shortened_ += shortened;
  return true;
}

}  // namespace debrief::ingest
