// MapRecord: one record of a structured log (a JSON object, a CSV row) to a timeline event, by a
// compiled EventMapping, whatever the record's format: `field(path, out)` appends the value at
// `path` to `out` and says whether there was one.
#pragma once

#include <string>
#include <string_view>

#include "core/validation.h"
#include "ingest/event_mapping.h"

namespace debrief::ingest {

// Fills `event` (its source "import:<kind>:<id>"), or returns why the record cannot be an event
// (empty when it can). `raw` is the record's bytes, for the id of a record without one.
// `shortened` is set when the text was cut to the timeline's limit.
template <typename Field>
std::string MapRecord(const CompiledMapping& compiled, Field&& field, std::string_view raw,
                      core::TimelineEvent& event, bool& shortened) {
  const EventMapping& mapping = compiled.mapping();
  event = core::TimelineEvent{};
  std::string value;
  const std::string* time_field = nullptr;
  for (const std::string& name : compiled.time_fields()) {
    value.clear();
    if (field(std::string_view(name), value)) {
      time_field = &name;
      break;
    }
  }
  if (time_field == nullptr) {
    if (compiled.time_fields().size() == 1) {
      return "no time: the field \"" + compiled.time_fields().front() + "\" is missing";
    }
    std::string names;
    for (const std::string& name : compiled.time_fields()) {
      names += (names.empty() ? "" : ", ") + name;
    }
    return "no time: none of the fields " + names + " is there" +
           (mapping.time_field.empty() ? " (name the field that holds the time: time_field)" : "");
  }
  auto at = core::ParseEventTime(value, mapping.time_format);
  if (!at) {
    // A date and time without an offset is read in the mapping's zone, and only then.
    std::optional<LocalDateTime> local;
    if (mapping.time_format == core::EventTimeFormat::kAuto ||
        mapping.time_format == core::EventTimeFormat::kRfc3339) {
      local = ParseLocalDateTime(value);
    }
    if (!local) return "the time in \"" + *time_field + "\": " + at.error().message();
    if (!compiled.zone()) {
      return "the time in \"" + *time_field + "\" (\"" + value +
             "\") has no UTC offset: say which time zone such times are in (time_zone)";
    }
    at = compiled.zone()->ToUtc(local->day, local->time);
  }
  event.at = *at;

  if (!compiled.text().empty()) {
    compiled.text().Render(field, event.text);
  } else {
    for (const FieldTemplate& fallback : compiled.text_fallbacks()) {
      if (fallback.Render(field, event.text) > 0) break;
    }
  }
  if (core::IsBlank(event.text)) {
    return compiled.text().empty()
               ? "no text: none of the fields message, msg, text is there (say what the text "
                 "is with --text)"
               : "the text is empty";
  }
  shortened = CutToEventText(event.text);
  compiled.actor().Render(field, event.actor);
  if (event.actor.size() > 120) event.actor.resize(120);
  if (!compiled.link().empty()) {
    std::string link;
    // A record whose address is not http(s) keeps its event and loses the link: it would be
    // refused as a link anywhere else (core::IsSafeLink).
    if (compiled.link().Render(field, link) > 0 && core::IsSafeLink(link)) {
      event.evidence_links.push_back(std::move(link));
    }
  }
  if (!compiled.audience().empty()) {
    std::string audience;
    // A record that gives none of the audience's fields is shown to everyone, as without one.
    if (compiled.audience().Render(field, audience) > 0 && !core::IsBlank(audience)) {
      CutToCharacters(audience, kMaxAudience);
      event.visible_to.push_back(std::move(audience));
    }
  }
  event.kind = mapping.kind;
  if (!mapping.kind_field.empty()) {
    value.clear();
    if (field(std::string_view(mapping.kind_field), value)) {
      if (auto kind = core::ParseEnum<core::EventKind>(value)) event.kind = *kind;
      for (const auto& [given, kind] : mapping.kind_values) {
        if (value == given) event.kind = kind;
      }
    }
  }
  std::string id;
  if (!mapping.id_field.empty()) {
    if (!field(std::string_view(mapping.id_field), id) || id.empty()) {
      return "no id: the field \"" + mapping.id_field + "\" is missing";
    }
  } else {
    id = ContentId(raw);
  }
  event.source = "import:" + mapping.kind_name + ":" + id;
  return {};
}

}  // namespace debrief::ingest
