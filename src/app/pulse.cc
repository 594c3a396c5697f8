#include "app/pulse.h"

namespace debrief::app {
namespace {

core::Result<core::IncidentRelation> RelationOf(store::Store& store, const core::Principal& reader,
                                                const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           store.participants().List(incident.id));
  return core::RelationTo(reader, incident, participants);
}

// The pulse closes when the review is first published: from then on its counts stay as they
// are, so no one can read one person's answer off the difference a later answer makes.
core::Result<bool> PulseClosed(store::Store& store, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(auto versions, store.ListPublishedVersions(incident.id));
  return !versions.empty();
}

}  // namespace

core::Result<PulseView> ReadPulse(store::Store& store, const core::Principal& reader,
                                  const core::Incident& incident) {
  PulseView view;
  DEBRIEF_ASSIGN_OR_RETURN(core::IncidentRelation relation, RelationOf(store, reader, incident));
  DEBRIEF_ASSIGN_OR_RETURN(view.answered, store.AnsweredPulse(incident.id, reader.user_id));
  DEBRIEF_ASSIGN_OR_RETURN(view.closed, PulseClosed(store, incident));
  view.can_answer = core::CanAnswerPulse(reader, relation) && !view.answered && !view.closed &&
                    incident.status == core::IncidentStatus::kResolved;
  DEBRIEF_ASSIGN_OR_RETURN(core::PulseTally tally, store.PulseCounts(incident.id));
  view.responses = tally.responses;
  if (view.closed && tally.responses >= core::kPulseShownFrom) view.counts = std::move(tally);
  return view;
}

core::Result<PulseView> AnswerPulse(store::Store& store, const core::Principal& reader,
                                    const core::Incident& incident, const core::PulseAnswer& answer,
                                    const store::Change& change) {
  DEBRIEF_ASSIGN_OR_RETURN(core::IncidentRelation relation, RelationOf(store, reader, incident));
  if (!core::CanAnswerPulse(reader, relation)) {
    return core::Error::PermissionDenied(
        "the review pulse is answered by the incident's participants");
  }
  if (incident.status != core::IncidentStatus::kResolved) {
    return core::Error::Conflict("the review pulse opens once the incident is resolved", "status");
  }
  DEBRIEF_ASSIGN_OR_RETURN(bool closed, PulseClosed(store, incident));
  if (closed) {
    return core::Error::Conflict("the review pulse closed when the review was published");
  }
  DEBRIEF_RETURN_IF_ERROR(store.AddPulseAnswer(incident.id, reader.user_id, answer, change));
  // Answered and still open: nothing more to answer, and no counts to show yet.
  DEBRIEF_ASSIGN_OR_RETURN(core::PulseTally tally, store.PulseCounts(incident.id));
  return PulseView{.can_answer = false,
                   .answered = true,
                   .closed = false,
                   .responses = tally.responses,
                   .counts = std::nullopt};
}

core::Result<PulseSummary> PulseOverAllReviews(store::Store& store) {
  // Only closed pulses that show their own counts: one still open, or answered by too few,
  // would otherwise be read off the total by subtraction.
  DEBRIEF_ASSIGN_OR_RETURN(core::PulseTally tally,
                           store.PulseCountsOfClosedReviews(core::kPulseShownFrom));
  PulseSummary summary{tally.responses, tally.reviews, std::nullopt};
  if (tally.responses > 0) summary.counts = std::move(tally);
  return summary;
}

}  // namespace debrief::app
