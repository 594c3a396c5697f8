#include "app/event_import.h"

#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "ingest/batch_reader.h"

#include "ingest/plain_text.h"

namespace debrief::app {
const ParticipantName* FindParticipant(const ParticipantNames& participants, std::string_view email,
                                       std::string_view name) {
  auto found = email.empty() ? participants.end() : participants.find(ingest::AsciiLower(email));
  if (found == participants.end()) found = participants.find(ingest::AsciiLower(name));
  return found == participants.end() ? nullptr : &found->second;
}

namespace {

// Events are added a batch at a time, so memory holds a few batches however large the source.
constexpr size_t kBatch = 4096;

// The source's audience spans as memberships of the incident's participants, kept with the
// import; the people who are none are named in the outcome.
void KeepAudienceMemberships(const ParticipantNames& participants,
                             std::vector<ingest::AudienceSpan> spans, store::EventImport& import,
                             ImportOutcome& outcome) {
  std::map<std::string, std::vector<core::AudienceMembership>> by_source;
  std::set<std::string> strangers;
  for (ingest::AudienceSpan& span : spans) {
    const ParticipantName* found = FindParticipant(participants, span.email, span.name);
    // Created even for strangers only: the source's earlier spans are then replaced by none.
    std::vector<core::AudienceMembership>& memberships = by_source[span.source];
    if (found == nullptr) {
      strangers.insert(span.name);
      continue;
    }
    core::AudienceMembership& membership = memberships.emplace_back();
    membership.audience = std::move(span.audience);
    membership.participant_id = found->id;
    membership.since = span.since;
    membership.until = span.until;
    membership.source = span.source;
    ++outcome.audience_memberships;
  }
  for (auto& [source, memberships] : by_source) {
    import.KeepAudienceMemberships(source, std::move(memberships));
  }
  outcome.people_not_participants.assign(strangers.begin(), strangers.end());
}

}  // namespace

core::Result<ParticipantNames> ReadParticipantNames(store::Store& store,
                                                    const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           store.participants().List(incident.id));
  ParticipantNames by_key;
  for (const core::Participant& participant : participants) {
    ParticipantName named{participant.name, participant.id};
    by_key.emplace(ingest::AsciiLower(participant.name), named);
    if (participant.user_id) {
      if (auto user = store.GetUser(*participant.user_id)) {
        by_key.emplace(ingest::AsciiLower(user->email), named);
      }
    }
  }
  return by_key;
}

void NameSlackPeopleAsParticipants(const ParticipantNames& names,
                                   ingest::SlackExportSource& source) {
  std::vector<std::pair<std::string, std::string>> renames;
  for (const auto& [id, user] : source.users()) {
    if (const ParticipantName* found = FindParticipant(names, user.email, user.name)) {
      renames.emplace_back(id, found->name);
    }
  }
  for (auto& [id, name] : renames) source.Rename(id, std::move(name));
}

core::Result<ImportOutcome> ImportEvents(store::Store& store, const core::Incident& incident,
                                         std::unique_ptr<ingest::EventSource> source,
                                         const ImportOptions& options) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::EventImport> import,
                           store.BeginEventImport(incident.id));
  return ImportEventsInto(std::move(import), std::move(source), options);
}

core::Result<ImportOutcome> ImportEventsInto(std::unique_ptr<store::EventImport> import,
                                             std::unique_ptr<ingest::EventSource> source,
                                             const ImportOptions& options) {
  ImportOutcome outcome;
  uint64_t total_bytes = source->total_bytes();
  auto interrupted = [&] { return options.interrupted && options.interrupted(); };
  // One batch in hand: its events go to the preview, then to the import.
  auto take = [&](std::vector<core::TimelineEvent>& events,
                  uint64_t bytes_read) -> core::Result<void> {
    for (const core::TimelineEvent& event : events) {
      if (outcome.preview.size() >= options.preview_limit) break;
      outcome.preview.push_back(event);
    }
    outcome.events += static_cast<int64_t>(events.size());
    if (!events.empty()) DEBRIEF_RETURN_IF_ERROR(import->Add(events));
    if (options.progress) options.progress(bytes_read, total_bytes, outcome.events);
    return core::Ok();
  };
  std::vector<ingest::AudienceSpan> spans;
  if (options.read_ahead) {
    ingest::BatchReader reader(std::move(source), kBatch);
    while (true) {
      if (interrupted()) {
        outcome.interrupted = true;
        return outcome;
      }
      std::optional<core::Result<ingest::BatchReader::Batch>> next =
          reader.Next(std::chrono::milliseconds(100));
      if (!next) continue;
      if (!*next) return next->error();
      ingest::BatchReader::Batch& batch = **next;
      DEBRIEF_RETURN_IF_ERROR(take(batch.events, batch.bytes_read));
      outcome.shortened = batch.shortened;
      if (batch.last) {
        spans = std::move(batch.audience_spans);
        break;
      }
    }
  } else {
    std::vector<core::TimelineEvent> batch;
    batch.reserve(kBatch);
    core::TimelineEvent event;
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool more, source->Next(event));
      if (more) batch.push_back(std::move(event));
      if (batch.size() == kBatch || !more) {
        if (interrupted()) {
          outcome.interrupted = true;
          return outcome;
        }
        DEBRIEF_RETURN_IF_ERROR(take(batch, source->bytes_read()));
        batch.clear();
      }
      if (!more) break;
    }
    outcome.shortened = source->shortened();
    spans = source->AudienceSpans();
  }
  if (options.participants != nullptr) {
    KeepAudienceMemberships(*options.participants, std::move(spans), *import, outcome);
  }
  if (options.dry_run) {
    DEBRIEF_ASSIGN_OR_RETURN(outcome.counts, import->Count());
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(outcome.counts, import->Commit(options.change, options.what));
  }
  return outcome;
}

}  // namespace debrief::app
