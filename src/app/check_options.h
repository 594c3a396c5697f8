// What the language checker is told about an incident: its participants' names, so each word of
// a name counts as a person ("Priya said" is about someone). Shared by every place that checks
// an incident's text: records as they are written, and the review before it is published.
#pragma once

#include <vector>

#include "core/participant.h"
#include "language/checker.h"

namespace debrief::app {

inline language::CheckOptions CheckOptionsFor(const std::vector<core::Participant>& participants) {
  language::CheckOptions options;
  for (const core::Participant& participant : participants) {
    options.participant_names.push_back(participant.name);
  }
  return options;
}

}  // namespace debrief::app
