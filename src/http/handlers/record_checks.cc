#include "http/handlers/record_handlers.h"

namespace debrief::http::handlers {

core::Result<void> CheckRecord(Context& context, const core::Incident& incident,
                               core::Participant& participant) {
  if (!participant.user_id) return core::Ok();
  auto user = context.store().GetUser(*participant.user_id);
  if (!user) {
    return core::Error::InvalidArgument(
        "user_id names user " + std::to_string(*participant.user_id) + ", who does not exist",
        "user_id");
  }
  if (core::IsBlank(participant.name)) participant.name = user->name;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> existing,
                           context.store().participants().List(incident.id));
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

core::Result<void> CheckRecord(Context& context, const core::Incident& incident,
                               core::DecisionPoint& decision) {
  return CheckEventsExist(context, incident.id, decision.seen_event_ids, "seen_event_ids");
}

core::Result<void> CheckRecord(Context& context, const core::Incident& incident,
                               core::ActionItem& action) {
  if (action.owner_id)
    DEBRIEF_RETURN_IF_ERROR(CheckUserExists(context, *action.owner_id, "owner_id"));
  for (int64_t id : action.factor_ids) {
    auto factor = context.store().factors().Get(incident.id, id);
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

core::Result<void> CheckRecord(Context& context, const core::Incident&, core::Lesson& lesson) {
  for (int64_t author : lesson.author_ids) {
    DEBRIEF_RETURN_IF_ERROR(CheckUserExists(context, author, "author_ids"));
  }
  return core::Ok();
}

core::Result<void> CheckRecord(Context& context, const core::Incident& incident,
                               core::ReviewAnswer& answer) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewAnswer> existing,
                           context.store().answers().List(incident.id));
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

}  // namespace debrief::http::handlers
