#include "app/record_checks.h"

#include <string>

#include "app/incident_access.h"
#include "core/validation.h"

namespace debrief::app {

core::Result<void> CheckUserExists(store::Store& store, int64_t user_id, std::string_view field) {
  auto user = store.GetUser(user_id);
  if (user) return core::Ok();
  if (user.error().code() != core::ErrorCode::kNotFound) return user.error();
  return core::Error::InvalidArgument(
      std::string(field) + " names user " + std::to_string(user_id) + ", who does not exist",
      std::string(field));
}

core::Result<void> CheckEventsExist(store::Store& store, int64_t incident_id,
                                    const std::vector<int64_t>& event_ids, std::string_view field) {
  // One indexed read per id: entries are saved on every pause in typing, and listing a large
  // incident's events each time would make autosave slower as the review grows.
  for (int64_t id : event_ids) {
    auto event = store.events().Get(incident_id, id);
    if (event) continue;
    if (event.error().code() != core::ErrorCode::kNotFound) return event.error();
    return core::Error::InvalidArgument(std::string(field) + " names event " + std::to_string(id) +
                                            ", which is not on this incident",
                                        std::string(field));
  }
  return core::Ok();
}

core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::Participant& participant) {
  if (!participant.user_id) return core::Ok();
  auto user = store.GetUser(*participant.user_id);
  if (!user) {
    return core::Error::InvalidArgument(
        "user_id names user " + std::to_string(*participant.user_id) + ", who does not exist",
        "user_id");
  }
  if (core::IsBlank(participant.name)) participant.name = user->name;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> existing,
                           store.participants().List(incident.id));
  for (const core::Participant& other : existing) {
    if (other.id != participant.id && other.user_id == participant.user_id) {
      return core::Error::AlreadyExists(user->name +
                                            " already takes part in this incident (participant " +
                                            std::to_string(other.id) + ")",
                                        "user_id");
    }
  }
  return core::Ok();
}

core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::DecisionPoint& decision) {
  return CheckEventsExist(store, incident.id, decision.seen_event_ids, "seen_event_ids");
}

core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::ActionItem& action) {
  if (action.owner_id) {
    DEBRIEF_RETURN_IF_ERROR(CheckUserExists(store, *action.owner_id, "owner_id"));
    // An owner follows the action up in the review: of a restricted incident, only someone who
    // may see it (the action would otherwise sit in nobody's list).
    if (incident.restricted) {
      DEBRIEF_ASSIGN_OR_RETURN(core::User owner, store.GetUser(*action.owner_id));
      DEBRIEF_ASSIGN_OR_RETURN(bool sees, CanSeeIncident(store, {owner.id, owner.role}, incident));
      if (!sees) {
        return core::Error::InvalidArgument(
            owner.name + " cannot see this restricted incident: name them among its readers first",
            "owner_id");
      }
    }
  }
  for (int64_t id : action.factor_ids) {
    auto factor = store.factors().Get(incident.id, id);
    if (!factor && factor.error().code() != core::ErrorCode::kNotFound) return factor.error();
    if (!factor) {
      return core::Error::InvalidArgument("factor_ids names contributing factor " +
                                              std::to_string(id) +
                                              ", which is not on this incident",
                                          "factor_ids");
    }
  }
  return core::Ok();
}

core::Result<void> CheckReferences(store::Store& store, const core::Incident&,
                                   core::Lesson& lesson) {
  for (int64_t author : lesson.author_ids) {
    DEBRIEF_RETURN_IF_ERROR(CheckUserExists(store, author, "author_ids"));
  }
  return core::Ok();
}

core::Result<void> CheckReferences(store::Store& store, const core::Incident& incident,
                                   core::ReviewAnswer& answer) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewAnswer> existing,
                           store.answers().List(incident.id));
  for (const core::ReviewAnswer& other : existing) {
    if (other.id != answer.id && other.section == answer.section &&
        other.question == answer.question) {
      return core::Error::AlreadyExists("this question is already answered (answer " +
                                            std::to_string(other.id) +
                                            "): edit that answer instead",
                                        "question");
    }
  }
  return core::Ok();
}

}  // namespace debrief::app
