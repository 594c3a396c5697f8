#include "ingest/event_mapping.h"

#include <array>

#include <utf8proc.h>

namespace debrief::ingest {

core::Result<FieldTemplate> FieldTemplate::Parse(std::string_view text) {
  FieldTemplate parsed;
  std::string literal;
  for (size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    if ((c == '{' || c == '}') && at + 1 < text.size() && text[at + 1] == c) {
      literal += c;
      ++at;
      continue;
    }
    if (c == '}') {
      return core::Error::InvalidArgument("unmatched \"}\" in \"" + std::string(text) +
                                          "\" (write \"}}\" for a brace)");
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    size_t close = text.find('}', at + 1);
    if (close == std::string_view::npos) {
      return core::Error::InvalidArgument("unclosed \"{\" in \"" + std::string(text) + "\"");
    }
    std::string_view field = text.substr(at + 1, close - at - 1);
    if (field.empty()) {
      return core::Error::InvalidArgument("empty field name \"{}\" in \"" + std::string(text) +
                                          "\"");
    }
    if (!literal.empty()) parsed.parts_.push_back({std::move(literal), {}});
    literal.clear();
    Part part;
    while (true) {
      size_t bar = field.find('|');
      std::string_view name = field.substr(0, bar);
      if (name.empty()) {
        return core::Error::InvalidArgument("empty field name in \"" + std::string(text) + "\"");
      }
      part.fields.emplace_back(name);
      if (bar == std::string_view::npos) break;
      field.remove_prefix(bar + 1);
    }
    parsed.parts_.push_back(std::move(part));
    at = close;
  }
  if (!literal.empty()) parsed.parts_.push_back({std::move(literal), {}});
  return parsed;
}

std::optional<EventMapping> PresetMapping(std::string_view name) {
  if (name == "journald") {
    // journalctl -o json: every value a string, the time in microseconds, __CURSOR unique.
    EventMapping mapping;
    mapping.kind_name = "journald";
    mapping.time_field = "__REALTIME_TIMESTAMP";
    mapping.time_format = core::EventTimeFormat::kEpochMicros;
    mapping.text = "{MESSAGE}";
    mapping.actor = "{SYSLOG_IDENTIFIER|_SYSTEMD_UNIT|_COMM}";
    mapping.id_field = "__CURSOR";
    mapping.kind = core::EventKind::kObservation;
    return mapping;
  }
  if (name == "kubectl") {
    // kubectl get events -o json: an EventList; the first occurrence of an event that repeated
    // (count > 1) is when it began.
    EventMapping mapping;
    mapping.kind_name = "kubectl";
    mapping.records = "items";
    mapping.time_field = "firstTimestamp|eventTime|metadata.creationTimestamp";
    mapping.time_format = core::EventTimeFormat::kRfc3339;
    mapping.text = "{involvedObject.kind}/{involvedObject.name} {reason}: {message}";
    mapping.actor = "{source.component|reportingComponent}";
    mapping.id_field = "metadata.uid";
    mapping.kind = core::EventKind::kObservation;
    return mapping;
  }
  if (name == "pagerduty") {
    // GET /incidents/{id}/log_entries: {"log_entries": [...]}, each with a type.
    EventMapping mapping;
    mapping.kind_name = "pagerduty";
    mapping.records = "log_entries";
    mapping.time_field = "created_at";
    mapping.time_format = core::EventTimeFormat::kRfc3339;
    mapping.text = "{summary}";
    mapping.actor = "{agent.summary}";
    mapping.link = "{html_url}";
    mapping.id_field = "id";
    mapping.kind_field = "type";
    // The incident's log is seen by whoever PagerDuty put on it: the people it assigned or
    // escalated to, notified, or who acknowledged, resolved or annotated it.
    mapping.audience = "pagerduty:{incident.id}";
    mapping.people_fields = {"assignees", "user", "agent"};
    mapping.kind_values = {{"trigger_log_entry", core::EventKind::kAlert},
                           {"acknowledge_log_entry", core::EventKind::kAction},
                           {"resolve_log_entry", core::EventKind::kAction},
                           {"assign_log_entry", core::EventKind::kAction},
                           {"snooze_log_entry", core::EventKind::kAction},
                           {"reach_trigger_limit_log_entry", core::EventKind::kAlert},
                           {"escalate_log_entry", core::EventKind::kCommunication},
                           {"notify_log_entry", core::EventKind::kCommunication},
                           {"annotate_log_entry", core::EventKind::kObservation}};
    return mapping;
  }
  if (name == "opsgenie") {
    // Opsgenie's outgoing-webhook payloads, saved as a JSON array: one per action on an alert.
    // The action's time is alert.updatedAt (nanoseconds); a Create carries alert.createdAt (ms).
    EventMapping mapping;
    mapping.kind_name = "opsgenie";
    mapping.time_field = "alert.updatedAt|alert.createdAt";
    mapping.text = "{action} {alert.tinyId|alert.alias}: {alert.note|alert.message}";
    mapping.actor = "{alert.username|source.name|alert.source}";
    mapping.kind_field = "action";
    mapping.kind_values = {{"Create", core::EventKind::kAlert},
                           {"Close", core::EventKind::kAction},
                           {"Acknowledge", core::EventKind::kAction},
                           {"UnAcknowledge", core::EventKind::kAction},
                           {"TakeOwnership", core::EventKind::kAction},
                           {"AssignOwnership", core::EventKind::kAction},
                           {"Escalate", core::EventKind::kCommunication},
                           {"AddNote", core::EventKind::kCommunication},
                           {"AddTags", core::EventKind::kObservation},
                           {"Delete", core::EventKind::kOther}};
    return mapping;
  }
  return std::nullopt;
}

std::string PresetNames() { return "journald, kubectl, pagerduty, opsgenie"; }

core::Result<CompiledMapping> CompiledMapping::Compile(EventMapping mapping) {
  CompiledMapping compiled;
  if (mapping.time_field.empty()) {
    compiled.time_fields_ = {"time", "timestamp", "ts", "@timestamp"};
  } else {
    std::string_view fields = mapping.time_field;
    while (true) {
      size_t bar = fields.find('|');
      if (fields.substr(0, bar).empty()) {
        return core::Error::InvalidArgument("the time field names an empty field", "time_field");
      }
      compiled.time_fields_.emplace_back(fields.substr(0, bar));
      if (bar == std::string_view::npos) break;
      fields.remove_prefix(bar + 1);
    }
  }
  auto parse = [](const std::string& text, const char* option) -> core::Result<FieldTemplate> {
    auto parsed = FieldTemplate::Parse(text);
    if (!parsed) {
      return core::Error::InvalidArgument(
          "the " + std::string(option) + " template: " + parsed.error().message(), option);
    }
    return parsed;
  };
  if (mapping.text.empty()) {
    for (const char* field : {"{message}", "{msg}", "{text}"}) {
      DEBRIEF_ASSIGN_OR_RETURN(FieldTemplate fallback, parse(field, "text"));
      compiled.text_fallbacks_.push_back(std::move(fallback));
    }
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(compiled.text_, parse(mapping.text, "text"));
  }
  if (!mapping.time_zone.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Parse(mapping.time_zone));
    compiled.zone_ = std::move(zone);
  }
  DEBRIEF_ASSIGN_OR_RETURN(compiled.actor_, parse(mapping.actor, "actor"));
  DEBRIEF_ASSIGN_OR_RETURN(compiled.link_, parse(mapping.link, "link"));
  DEBRIEF_ASSIGN_OR_RETURN(compiled.audience_, parse(mapping.audience, "audience"));
  for (const std::string& field : mapping.people_fields) {
    if (field.empty()) {
      return core::Error::InvalidArgument("a people field is empty", "people_fields");
    }
  }
  if (mapping.kind_name.empty() || mapping.kind_name.find(':') != std::string::npos) {
    return core::Error::InvalidArgument("an import kind is a name without \":\"", "kind");
  }
  compiled.mapping_ = std::move(mapping);
  return compiled;
}

bool IsUtf8(std::string_view text) {
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t code_point = 0;
    utf8proc_ssize_t used = utf8proc_iterate(bytes, left, &code_point);
    if (used <= 0) return false;
    bytes += used;
    left -= used;
  }
  return true;
}

bool CutToCharacters(std::string& text, size_t limit) {
  auto is_lead = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  if (text.size() <= limit) return false;  // Fewer bytes than the limit's characters.
  size_t characters = 0;
  size_t keep = text.size();
  for (size_t at = 0; at < text.size(); ++at) {
    if (!is_lead(text[at])) continue;
    ++characters;
    if (characters == limit) keep = at;  // Where the last kept character would start.
    if (characters > limit) {
      text.resize(keep);
      text += "…";
      return true;
    }
  }
  return false;
}

std::string ContentId(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string id(16, '0');
  for (int at = 15; at >= 0; --at, hash >>= 4) id[static_cast<size_t>(at)] = kDigits[hash & 0xF];
  return id;
}

}  // namespace debrief::ingest
