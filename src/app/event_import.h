// Bringing events into an incident's timeline, the parts every edge shares: a Slack export's
// people shown under the names of the incident's participants, and a source read into one
// import with a preview of its first events. The API's Import dialog and `debrief import` both
// use them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/incident.h"
#include "ingest/event_source.h"
#include "ingest/slack_export.h"
#include "store/store.h"

namespace debrief::app {

// Slack people who are participants of the incident (the same email as the participant's user,
// else the same name) appear under the participant's name, in two steps, so that an import can
// read its file away from the store: the names the incident's participants go by (lower-case
// name or email → the participant), read from the store once, then applied to the export's
// people (and, through ImportOptions::participants, to its channel memberships).
struct ParticipantName {
  std::string name;
  int64_t id = 0;
};
using ParticipantNames = std::map<std::string, ParticipantName>;
core::Result<ParticipantNames> ReadParticipantNames(store::Store& store,
                                                    const core::Incident& incident);
// The participant someone of an import is: the same email as the participant's user, else the
// same name (case aside); null if none.
const ParticipantName* FindParticipant(const ParticipantNames& participants, std::string_view email,
                                       std::string_view name);
void NameSlackPeopleAsParticipants(const ParticipantNames& names,
                                   ingest::SlackExportSource& source);

struct ImportOutcome {
  int64_t events = 0;  // Read from the source.
  store::ImportCounts counts;
  int64_t shortened = 0;                     // Texts cut to the timeline's limit.
  std::vector<core::TimelineEvent> preview;  // The first events, as they would land.
  bool interrupted = false;                  // Stopped by the caller: nothing was stored.
  // Memberships of the source's audiences kept (with ImportOptions::participants), and the
  // people in them who are not participants of the incident, by name: what they could see is
  // not known until someone adds them.
  int64_t audience_memberships = 0;
  std::vector<std::string> people_not_participants;
};

struct ImportOptions {
  bool dry_run = false;
  store::Change change;
  store::ImportDescription what;
  size_t preview_limit = 0;
  // Read and parse on a thread of their own, a batch ahead of storing: for a large file, so the
  // two share the machine's cores. The source must then own what it reads.
  bool read_ahead = false;
  // Told after each batch: bytes of the input read, of how many, and events read so far.
  std::function<void(uint64_t read, uint64_t total, int64_t events)> progress;
  // Asked between batches; true stops the import, storing nothing (ImportOutcome::interrupted).
  std::function<bool()> interrupted;
  // The incident's participants (ReadParticipantNames): given, the source's audience
  // memberships (a Slack channel's members over time) are kept for those who are participants.
  const ParticipantNames* participants = nullptr;
};

// Reads the whole source into one import of the incident, a batch at a time (memory holds one
// batch, or three reading ahead, however large the source). A dry run counts what would be added
// and stores nothing; otherwise the events land in one transaction as one import unit. The one
// loop the API's Import dialog and `debrief import` share.
core::Result<ImportOutcome> ImportEvents(store::Store& store, const core::Incident& incident,
                                         std::unique_ptr<ingest::EventSource> source,
                                         const ImportOptions& options);

// The same into an import already begun (Store::BeginDetachedEventImport, on a worker thread).
core::Result<ImportOutcome> ImportEventsInto(std::unique_ptr<store::EventImport> import,
                                             std::unique_ptr<ingest::EventSource> source,
                                             const ImportOptions& options);

}  // namespace debrief::app
