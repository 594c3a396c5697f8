#include "ingest/json_lines.h"

#include <boost/json.hpp>

#include "ingest/record_mapper.h"

namespace debrief::ingest {
namespace bj = boost::json;
namespace {

// The value at a dotted path ("involvedObject.name"); a key holding dots itself is found whole
// first, as journald's and Kubernetes' field names never hold dots but others' may.
const bj::value* Find(const bj::object& object, std::string_view path) {
  if (const bj::value* whole = object.if_contains(path)) return whole;
  const bj::object* at = &object;
  while (true) {
    size_t dot = path.find('.');
    const bj::value* found = at->if_contains(path.substr(0, dot));
    if (found == nullptr || dot == std::string_view::npos) return found;
    at = found->if_object();
    if (at == nullptr) return nullptr;
    path.remove_prefix(dot + 1);
  }
}

// A JSON value as the text of a field: strings as they are, numbers and booleans as JSON writes
// them; null, objects and arrays count as missing (objects and arrays are written as JSON).
bool AppendValue(const bj::value& value, std::string& out) {
  switch (value.kind()) {
    case bj::kind::string:
      out += value.get_string();
      return true;
    case bj::kind::null:
      return false;
    default:
      out += bj::serialize(value);
      return true;
  }
}

}  // namespace

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
    const bj::value* value = Find(*object, path);
    return value != nullptr && AppendValue(*value, out);
  };
  bool shortened = false;
  std::string problem = MapRecord(mapping_, field, line, event, shortened);
  if (!problem.empty()) return lines_->LineError(problem);
  shortened_ += shortened;
  return true;
}

}  // namespace debrief::ingest
