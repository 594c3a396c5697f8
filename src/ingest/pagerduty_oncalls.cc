#include "ingest/pagerduty_oncalls.h"

#include <boost/json.hpp>

#include "core/time.h"
#include "core/utf8.h"

namespace debrief::ingest {
namespace {

namespace bj = boost::json;

core::Error Problem(size_t index, const std::string& message) {
  return core::Error::InvalidArgument("on-call " + std::to_string(index + 1) + ": " + message,
                                      "content");
}

core::Result<std::optional<core::Timestamp>> TimeField(const bj::object& entry,
                                                       std::string_view name, size_t index) {
  const bj::value* value = entry.if_contains(name);
  if (value == nullptr || value->is_null()) return std::optional<core::Timestamp>();
  if (!value->is_string()) return Problem(index, std::string(name) + " must be a time or null");
  std::optional<core::Timestamp> at = core::ParseRfc3339(value->get_string());
  if (!at) return Problem(index, std::string(name) + " must be an RFC 3339 time");
  return at;
}

std::string StringOf(const bj::object& object, std::string_view name) {
  const bj::value* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

}  // namespace

core::Result<OnCalls> ReadPagerDutyOnCalls(std::string_view json, const OnCallLimits& limits) {
  if (json.size() > limits.max_bytes) {
    return core::Error::InvalidArgument("the on-call file is larger than " +
                                            std::to_string(limits.max_bytes / (1024 * 1024)) +
                                            " MiB",
                                        "content");
  }
  if (!core::IsValidUtf8(json)) {
    return core::Error::InvalidArgument("the on-call file is not UTF-8 text", "content");
  }
  bj::error_code error;
  bj::parse_options options;
  options.max_depth = 32;
  bj::value document = bj::parse(json, error, {}, options);
  if (error) {
    return core::Error::InvalidArgument("the on-call file is not JSON (" + error.message() + ")",
                                        "content");
  }
  const bj::array* entries = nullptr;
  if (document.is_array()) {
    entries = &document.get_array();
  } else if (const bj::object* object = document.if_object()) {
    if (const bj::value* oncalls = object->if_contains("oncalls"); oncalls && oncalls->is_array()) {
      entries = &oncalls->get_array();
    }
  }
  if (entries == nullptr) {
    return core::Error::InvalidArgument(
        "an on-call file is PagerDuty's answer to GET /oncalls: an object with an \"oncalls\" "
        "list, or that list",
        "content");
  }
  if (entries->size() > limits.max_entries) {
    return core::Error::InvalidArgument(
        "the file lists more than " + std::to_string(limits.max_entries) + " on-calls", "content");
  }
  OnCalls read;
  for (size_t index = 0; index < entries->size(); ++index) {
    const bj::object* entry = (*entries)[index].if_object();
    if (entry == nullptr) return Problem(index, "must be an object");
    if (const bj::value* level = entry->if_contains("escalation_level");
        level != nullptr && !level->is_null()) {
      if (!level->is_int64()) return Problem(index, "escalation_level must be a whole number");
      if (level->get_int64() > 1) {
        ++read.later_levels;
        continue;
      }
    }
    const bj::value* user = entry->if_contains("user");
    if (user == nullptr || !user->is_object()) return Problem(index, "has no user");
    AudienceSpan span;
    span.email = StringOf(user->get_object(), "email");
    span.name = StringOf(user->get_object(), "summary");
    if (span.name.empty()) span.name = StringOf(user->get_object(), "name");
    if (span.name.empty() && span.email.empty()) {
      return Problem(index, "its user has neither a summary, a name nor an email");
    }
    DEBRIEF_ASSIGN_OR_RETURN(span.since, TimeField(*entry, "start", index));
    DEBRIEF_ASSIGN_OR_RETURN(span.until, TimeField(*entry, "end", index));
    if (span.since && span.until && *span.until <= *span.since) {
      return Problem(index, "ends before it starts");
    }
    read.spans.push_back(std::move(span));
  }
  return read;
}

}  // namespace debrief::ingest
