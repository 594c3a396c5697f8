#include "app/event_import.h"

#include <map>

#include "ingest/plain_text.h"

namespace debrief::app {
namespace {

// Events are added a batch at a time, so memory holds one batch however large the source.
constexpr size_t kBatch = 4096;

}  // namespace

core::Result<void> MapSlackPeopleToParticipants(store::Store& store, const core::Incident& incident,
                                                ingest::SlackExportSource& source) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           store.participants().List(incident.id));
  std::map<std::string, std::string> by_key;  // Lower-case name or email → participant name.
  for (const core::Participant& participant : participants) {
    by_key.emplace(ingest::AsciiLower(participant.name), participant.name);
    if (participant.user_id) {
      if (auto user = store.GetUser(*participant.user_id)) {
        by_key.emplace(ingest::AsciiLower(user->email), participant.name);
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> renames;
  for (const auto& [id, user] : source.users()) {
    auto found = by_key.find(ingest::AsciiLower(user.email));
    if (user.email.empty() || found == by_key.end()) {
      found = by_key.find(ingest::AsciiLower(user.name));
    }
    if (found != by_key.end()) renames.emplace_back(id, found->second);
  }
  for (auto& [id, name] : renames) source.Rename(id, std::move(name));
  return core::Ok();
}

core::Result<ImportOutcome> ImportEvents(store::Store& store, const core::Incident& incident,
                                         ingest::EventSource& source, bool dry_run,
                                         const store::Change& change,
                                         const store::ImportDescription& what,
                                         size_t preview_limit) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::EventImport> import,
                           store.BeginEventImport(incident.id));
  ImportOutcome outcome;
  std::vector<core::TimelineEvent> batch;
  core::TimelineEvent event;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(bool more, source.Next(event));
    if (more) {
      if (outcome.preview.size() < preview_limit) outcome.preview.push_back(event);
      batch.push_back(std::move(event));
      ++outcome.events;
    }
    if (batch.size() == kBatch || (!more && !batch.empty())) {
      DEBRIEF_RETURN_IF_ERROR(import->Add(batch));
      batch.clear();
    }
    if (!more) break;
  }
  outcome.shortened = source.shortened();
  if (dry_run) {
    DEBRIEF_ASSIGN_OR_RETURN(outcome.counts, import->Count());
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(outcome.counts, import->Commit(change, what));
  }
  return outcome;
}

}  // namespace debrief::app
