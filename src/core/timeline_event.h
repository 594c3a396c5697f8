// TimelineEvent: something that happened, recorded by hand or imported from a system (an alert,
// a deploy, a chat message). `visible_to` says who could see it when it happened, which is what
// the "what could this person know at that time" view is computed from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/schema.h"

namespace debrief::core {

struct TimelineEvent : Record {
  static constexpr std::string_view kCollection = "timeline_events";
  static constexpr std::string_view kNoun = "event";

  int64_t incident_id = 0;
  Timestamp at{};
  EventKind kind = EventKind::kOther;
  std::string text;
  std::string actor;  // A person's name or a system ("alertmanager", "deploy-bot").
  // "manual", "account:<id>#<entry>" or "import:<source>:<external id>"; unique per incident
  // for imports, which is what makes a re-delivered import add nothing.
  std::string source = "manual";
  std::vector<std::string> evidence_links;
  // "all", "participant:<id>", "channel:<name>" or "receiver:<name>".
  std::vector<std::string> visible_to;
  // A key moment of the incident: the short export keeps only these.
  bool starred = false;
  // An imported event's text as its source wrote it, kept when a person corrects the text.
  std::string original_text;
  // The import that added the event (store::EventImportRecord), so the import can be undone.
  std::optional<int64_t> import_id;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &TimelineEvent::incident_id),
        Writable("at", &TimelineEvent::at),
        Writable("kind", &TimelineEvent::kind),
        Prose("text", &TimelineEvent::text, 10'000),
        Writable("actor", &TimelineEvent::actor, 120),
        CreateOnly("source", &TimelineEvent::source),
        Link("evidence_links", &TimelineEvent::evidence_links),
        Writable("visible_to", &TimelineEvent::visible_to, 120),
        Writable("starred", &TimelineEvent::starred),
        ServerSet("original_text", &TimelineEvent::original_text, 10'000),
        ServerSet("import_id", &TimelineEvent::import_id),
    };
  }
};

// Before `updated` (a person's edit of `current`) is stored: an imported event whose text changes
// keeps the text its source wrote, once, so the correction never loses the original.
void KeepOriginalText(const TimelineEvent& current, TimelineEvent& updated);

}  // namespace debrief::core
