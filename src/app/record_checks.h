// The references an incident's records make, checked the same way wherever a record is written
// (the API, the Markdown archive importer): the users they name exist, and the records they
// point at are on the same incident. core::Validate checks what a record says; these check what
// it points at, which needs the store.
#pragma once

#include <string_view>
#include <vector>

#include "core/action_item.h"
#include "core/contributing_factor.h"
#include "core/decision_point.h"
#include "core/incident.h"
#include "core/lesson.h"
#include "core/participant.h"
#include "core/result.h"
#include "core/review_template.h"
#include "core/timeline_event.h"
#include "core/work_as_done.h"
#include "store/store.h"

namespace debrief::app {

// Fails (kInvalidArgument on `field`) unless the user exists.
core::Result<void> CheckUserExists(store::Store& store, int64_t user_id, std::string_view field);
// Fails (kInvalidArgument on `field`) unless every id names an event of the incident.
core::Result<void> CheckEventsExist(store::Store& store, int64_t incident_id,
                                    const std::vector<int64_t>& event_ids, std::string_view field);

// A record about to be stored on `incident` (created, or changed to this): its references must
// hold. A participant linked to a user takes the user's name when it has none, and a user takes
// part in an incident once; one answer per question of a section (a second is refused, naming
// the first to edit).
inline core::Result<void> CheckReferences(store::Store&, const core::Incident&, core::WorkAsDone&) {
  return core::Ok();
}
inline core::Result<void> CheckReferences(store::Store&, const core::Incident&,
                                          core::ContributingFactor&) {
  return core::Ok();
}
inline core::Result<void> CheckReferences(store::Store&, const core::Incident&,
                                          core::TimelineEvent&) {
  return core::Ok();
}
core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::Participant& participant);
core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::ReviewAnswer& answer);
core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::DecisionPoint& decision);
core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::ActionItem& action);
core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::Lesson& lesson);

}  // namespace debrief::app
