// EventMapping: how one record of a structured log (a JSON object, a CSV row) becomes a timeline
// event: which field holds the time and in what format, templates for the text, the actor and a
// link ("{service} {version} deployed", fields named by path, "involvedObject.name"), the field
// that identifies the record to its source, and the event kind. Presets hold the mappings of
// common sources (journald); the options of `debrief import jsonl|csv` change any part.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/event_time.h"
#include "core/result.h"
#include "core/timeline_event.h"
#include "ingest/time_zone.h"

namespace debrief::ingest {

// Text with {field} placeholders; {a|b} is the first of a and b that the record has. "{{" and
// "}}" stand for braces.
class FieldTemplate {
 public:
  static core::Result<FieldTemplate> Parse(std::string_view text);

  bool empty() const { return parts_.empty(); }

  // Appends the template with each field's value, as `append(path, out)` writes it (returning
  // false for a missing field, which then adds nothing). Returns how many fields were found.
  template <typename AppendField>
  int Render(AppendField&& append, std::string& out) const {
    int found = 0;
    for (const Part& part : parts_) {
      if (part.fields.empty()) {
        out += part.text;
        continue;
      }
      for (const std::string& field : part.fields) {
        if (append(std::string_view(field), out)) {
          ++found;
          break;
        }
      }
    }
    return found;
  }

 private:
  struct Part {
    std::string text;                 // Literal text.
    std::vector<std::string> fields;  // Or the paths of a placeholder, first present wins.
  };
  std::vector<Part> parts_;
};

struct EventMapping {
  std::string kind_name = "jsonl";  // The <kind> of "import:<kind>:<id>".
  // For a JSON document: the top-level key of its array of records ("items"); empty: the
  // document is the array.
  std::string records;
  // The field holding the time, or several as "a|b" (the first present); empty: the first
  // present of time, timestamp, ts, @timestamp.
  std::string time_field;
  core::EventTimeFormat time_format = core::EventTimeFormat::kAuto;
  // The zone of times written without an offset ("2026-03-14 10:02:00"): an IANA name, UTC or
  // an offset (see TimeZone). Empty: such times are an error that asks for it.
  std::string time_zone;
  // Empty: the first present of message, msg, text.
  std::string text;
  std::string actor;
  std::string link;
  // The field whose value identifies the record to its source; empty: a hash of the record's
  // bytes, so the same line imported again is the same event.
  std::string id_field;
  core::EventKind kind = core::EventKind::kOther;
  // A field holding the kind by name ("alert", "change", ...), or by a value `kind_values`
  // gives a kind for; other values give `kind`.
  std::string kind_field;
  std::vector<std::pair<std::string, core::EventKind>> kind_values;
  // Who could see each event when it happened, as a template ("pagerduty:{incident.id}"): an
  // audience, which the timeline's knowledge view maps to the people in it. Empty: everyone.
  std::string audience;
  // Fields naming people that a record puts in its audience from its time on (a PagerDuty log
  // entry's assignees, the user it notified, the user who acknowledged): each a person (an
  // object with a name or summary and maybe an email, or a name) or a list of them. Objects of
  // another type (a service, a team) are passed over. JSON records only.
  std::vector<std::string> people_fields;
};

// The mapping of a named preset: "journald" (journalctl -o json), "kubectl" (kubectl get events
// -o json), "pagerduty" (an incident's log entries as PagerDuty's REST API returns them),
// "opsgenie" (Opsgenie's outgoing-webhook payloads saved as a JSON array).
std::optional<EventMapping> PresetMapping(std::string_view name);
// The names PresetMapping knows, for help texts.
std::string PresetNames();

// The mapping, checked and with its templates parsed, as importers use it.
class CompiledMapping {
 public:
  static core::Result<CompiledMapping> Compile(EventMapping mapping);

  const EventMapping& mapping() const { return mapping_; }
  const std::vector<std::string>& time_fields() const { return time_fields_; }
  const FieldTemplate& text() const { return text_; }
  const std::vector<FieldTemplate>& text_fallbacks() const { return text_fallbacks_; }
  const FieldTemplate& actor() const { return actor_; }
  const FieldTemplate& link() const { return link_; }
  const FieldTemplate& audience() const { return audience_; }
  const std::optional<TimeZone>& zone() const { return zone_; }

 private:
  EventMapping mapping_;
  std::vector<std::string> time_fields_;  // Tried in order.
  FieldTemplate text_;
  std::vector<FieldTemplate> text_fallbacks_;  // When no text template was given.
  FieldTemplate actor_;
  FieldTemplate link_;
  FieldTemplate audience_;
  std::optional<TimeZone> zone_;
};

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or bytes past U+10FFFF).
bool IsUtf8(std::string_view text);

// The longest text an event holds (the timeline's limit); longer texts are cut there, at a
// character boundary, with an ellipsis.
inline constexpr size_t kMaxEventText = 10'000;
// The longest audience name an event keeps (as visible_to allows).
inline constexpr size_t kMaxAudience = 120;
// Cuts `text` to `limit` characters (UTF-8), the last of them an ellipsis; true when it did.
bool CutToCharacters(std::string& text, size_t limit);
// Cuts `text` to kMaxEventText characters; true when it did.
inline bool CutToEventText(std::string& text) { return CutToCharacters(text, kMaxEventText); }

// A stable 64-bit FNV-1a hash, as 16 hex digits: the external id of a record without one. (Not
// std::hash, whose value may change with the standard library, and with it every id.)
std::string ContentId(std::string_view bytes);

}  // namespace debrief::ingest
