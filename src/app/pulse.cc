#include "app/pulse.h"

namespace debrief::app {
namespace {

core::Result<core::IncidentRelation> RelationOf(store::Store& store, const core::Principal& reader,
                                                const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           store.participants().List(incident.id));
  return core::RelationTo(reader, incident, participants);
}

}  // namespace

core::Result<PulseView> ReadPulse(store::Store& store, const core::Principal& reader,
                                  const core::Incident& incident) {
  PulseView view;
  DEBRIEF_ASSIGN_OR_RETURN(core::IncidentRelation relation, RelationOf(store, reader, incident));
  DEBRIEF_ASSIGN_OR_RETURN(view.answered, store.AnsweredPulse(incident.id, reader.user_id));
  view.can_answer = core::CanAnswerPulse(reader, relation) && !view.answered &&
                    incident.status == core::IncidentStatus::kResolved;
  DEBRIEF_ASSIGN_OR_RETURN(core::PulseTally tally, store.PulseCounts(incident.id));
  view.responses = tally.responses;
  if (tally.responses >= core::kPulseShownFrom) view.counts = std::move(tally);
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
  DEBRIEF_RETURN_IF_ERROR(store.AddPulseAnswer(incident.id, reader.user_id, answer, change));
  return ReadPulse(store, reader, incident);
}

core::Result<PulseSummary> PulseOverAllReviews(store::Store& store) {
  DEBRIEF_ASSIGN_OR_RETURN(core::PulseTally tally, store.PulseCounts(std::nullopt));
  PulseSummary summary{tally.responses, tally.reviews, std::nullopt};
  // Over all reviews the same holds: with too few answers one person's could be read off.
  if (tally.responses >= core::kPulseShownFrom) summary.counts = std::move(tally);
  return summary;
}

}  // namespace debrief::app
