// What the merged timeline suggests for the facilitator to confirm, read off imported events:
// - key moments: "detected" when the first imported alert fired, "resolved" when the last of
//   the imported alerts resolved (once every one that fired has resolved);
// - links from account entries to imported events close in time that name the same alert,
//   service or deploy ("HighErrorRate", "checkout", "4.2.1", "web-1"), so that "I saw the alert"
//   becomes a link the discrepancy check and the "what could X know at T" view can use.
// Nothing here changes anything: the facilitator sets the incident's times, the author of an
// entry adds the link. Pure, like the merge.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/incident.h"
#include "core/time.h"
#include "core/timeline_event.h"
#include "core/timeline_merge.h"

namespace debrief::core {

struct KeyMomentSuggestion {
  std::string field;  // "detected_at" or "resolved_at", the incident's field.
  Timestamp at{};
  std::string event_ref;  // "event:<id>" the moment was read off.
  std::string reason;
};

struct EntryLinkSuggestion {
  std::string entry_ref;  // "entry:<id>"
  std::string event_ref;  // "event:<id>"
  std::string shared;     // The name both mention, as the event writes it.
  Duration apart{0};      // How far apart in time (never negative).
};

struct TimelineSuggestions {
  std::vector<KeyMomentSuggestion> key_moments;
  std::vector<EntryLinkSuggestion> links;
};

struct SuggestionOptions {
  // An imported event this close to an entry, either side, may be what it describes.
  Duration link_window = std::chrono::minutes(30);
  size_t links_per_entry = 3;  // The closest ones.
};

// Key moments are only suggested where the incident's field is unset or says something else.
// Links already made (seen_event_ids) are not suggested again.
TimelineSuggestions SuggestFromTimeline(const Incident& incident,
                                        std::span<const EntryInput> entries,
                                        std::span<const TimelineEvent> events,
                                        const SuggestionOptions& options = {});

// The names in a text that identify things in a system rather than ordinary words: words with a
// digit, dot, hyphen, underscore or inner capital, of at least three characters, and any of the
// incident's services. Lower-cased, each once, in order of appearance.
std::vector<std::string> NamesIn(std::string_view text, std::span<const std::string> services);

}  // namespace debrief::core
