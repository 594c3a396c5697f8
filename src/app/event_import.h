// Bringing events into an incident's timeline, the parts every edge shares: a Slack export's
// people shown under the names of the incident's participants, and a source read into one
// import with a preview of its first events. The API's Import dialog and `debrief import` both
// use them.
#pragma once

#include <memory>
#include <vector>

#include "core/incident.h"
#include "ingest/event_source.h"
#include "ingest/slack_export.h"
#include "store/store.h"

namespace debrief::app {

// Slack people who are participants of the incident (the same email as the participant's user,
// else the same name) appear under the participant's name.
core::Result<void> MapSlackPeopleToParticipants(store::Store& store, const core::Incident& incident,
                                                ingest::SlackExportSource& source);

struct ImportOutcome {
  int64_t events = 0;  // Read from the source.
  store::ImportCounts counts;
  int64_t shortened = 0;                     // Texts cut to the timeline's limit.
  std::vector<core::TimelineEvent> preview;  // The first events, as they would land.
};

// Reads the whole source into one import of the incident. A dry run counts what would be added
// and stores nothing; otherwise the events land in one transaction as one import unit.
core::Result<ImportOutcome> ImportEvents(store::Store& store, const core::Incident& incident,
                                         ingest::EventSource& source, bool dry_run,
                                         const store::Change& change,
                                         const store::ImportDescription& what,
                                         size_t preview_limit);

}  // namespace debrief::app
