#include "app/incident_access.h"

#include <algorithm>
#include <boost/json.hpp>

#include "app/change_by.h"
#include "formats/json/record_json.h"

namespace debrief::app {
namespace {

// The incident with everyone who may see it when it is restricted.
core::Result<core::RestrictedIncident> AsRestricted(store::Store& store,
                                                    const core::Incident& incident,
                                                    const core::IncidentReaders& readers) {
  core::RestrictedIncident restricted;
  restricted.incident_id = incident.id;
  restricted.created_by = incident.created_by;
  restricted.facilitator_id = incident.facilitator_id;
  restricted.readers = readers;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           store.participants().List(incident.id));
  for (const core::Participant& participant : participants) {
    if (participant.user_id) restricted.participant_user_ids.push_back(*participant.user_id);
  }
  return restricted;
}

core::Result<bool> CanSee(store::Store& store, const core::Principal& principal,
                          const core::Incident& incident, const core::IncidentReaders& readers) {
  if (!incident.restricted) return true;
  DEBRIEF_ASSIGN_OR_RETURN(core::RestrictedIncident restricted,
                           AsRestricted(store, incident, readers));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> groups, store.ListGroupIdsOf(principal.user_id));
  return core::CanSeeRestrictedIncident(principal, groups, restricted);
}

// Ascending, each once.
std::vector<int64_t> Normalised(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

boost::json::array Ids(const std::vector<int64_t>& ids) {
  return boost::json::array(ids.begin(), ids.end());
}

}  // namespace

core::Result<std::vector<int64_t>> HiddenIncidents(store::Store& store,
                                                   const core::Principal& principal) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::RestrictedIncident> restricted,
                           store.ListRestrictedIncidents());
  std::vector<int64_t> hidden;
  if (restricted.empty()) return hidden;
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> groups, store.ListGroupIdsOf(principal.user_id));
  for (const core::RestrictedIncident& incident : restricted) {
    if (!core::CanSeeRestrictedIncident(principal, groups, incident)) {
      hidden.push_back(incident.incident_id);
    }
  }
  return hidden;
}

core::Result<bool> CanSeeIncident(store::Store& store, const core::Principal& principal,
                                  const core::Incident& incident) {
  if (!incident.restricted) return true;
  DEBRIEF_ASSIGN_OR_RETURN(core::IncidentReaders readers, store.ListIncidentReaders(incident.id));
  return CanSee(store, principal, incident, readers);
}

core::Result<core::Incident> CheckIncidentSight(store::Store& store,
                                                const core::Principal& principal,
                                                std::string_view key) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, store.GetIncident(key));
  DEBRIEF_ASSIGN_OR_RETURN(bool visible, CanSeeIncident(store, principal, incident));
  // Worded as the store words an incident that is not there.
  if (!visible) return core::Error::NotFound("no incident " + std::string(key));
  return incident;
}

core::Result<void> CheckSightKept(store::Store& store, const core::Principal& principal,
                                  const core::Incident& after,
                                  const core::IncidentReaders& readers) {
  DEBRIEF_ASSIGN_OR_RETURN(bool visible, CanSee(store, principal, after, readers));
  if (visible) return core::Ok();
  return core::Error::InvalidArgument(
      "you would no longer see this restricted incident: name yourself, or a group you are in, "
      "among its readers",
      "restricted");
}

core::Result<void> ForgetWhatTheUnseeingWereTold(store::Store& store,
                                                 const core::Incident& incident) {
  if (!incident.restricted) return core::Ok();
  DEBRIEF_ASSIGN_OR_RETURN(core::IncidentReaders readers, store.ListIncidentReaders(incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(core::RestrictedIncident restricted,
                           AsRestricted(store, incident, readers));
  return ForgetWhatTheUnseeingWereTold(store, restricted);
}

core::Result<void> ForgetWhatTheUnseeingWereTold(store::Store& store,
                                                 const core::RestrictedIncident& restricted) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::User> users, store.ListUsers());
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Group> groups, store.ListGroups());
  std::vector<int64_t> unseeing;
  for (const core::User& user : users) {
    std::vector<int64_t> theirs;
    for (const core::Group& group : groups) {
      if (std::binary_search(group.member_ids.begin(), group.member_ids.end(), user.id)) {
        theirs.push_back(group.id);
      }
    }
    if (!core::CanSeeRestrictedIncident({user.id, user.role}, theirs, restricted)) {
      unseeing.push_back(user.id);
    }
  }
  DEBRIEF_RETURN_IF_ERROR(store.DeleteIncidentNotifications(restricted.incident_id, unseeing));
  return core::Ok();
}

core::Result<core::Incident> ChangeIncidentAccess(store::Store& store,
                                                  const core::Principal& principal,
                                                  const core::Incident& current,
                                                  int64_t expected_version,
                                                  const IncidentAccess& access) {
  core::IncidentReaders readers{Normalised(access.readers.user_ids),
                                Normalised(access.readers.group_ids)};
  core::Incident updated = current;
  updated.restricted = access.restricted;
  core::Incident stored = current;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(core::IncidentReaders before, store.ListIncidentReaders(current.id));
    DEBRIEF_ASSIGN_OR_RETURN(core::RestrictedIncident own, AsRestricted(store, current, before));
    DEBRIEF_RETURN_IF_ERROR(core::AuthorizeAccessChange(principal, own));
    // Every change moves the incident's version, the readers' too: two people naming readers on
    // the same page cannot undo each other unseen, and a stale page is refused.
    DEBRIEF_ASSIGN_OR_RETURN(
        stored, store.UpdateIncident(updated, expected_version,
                                     ChangeBy(principal, formats::json::Encode(current),
                                              formats::json::Encode(updated))));
    if (readers != before) {
      boost::json::object diff{
          {"readers",
           {{"from", {{"user_ids", Ids(before.user_ids)}, {"group_ids", Ids(before.group_ids)}}},
            {"to", {{"user_ids", Ids(readers.user_ids)}, {"group_ids", Ids(readers.group_ids)}}}}}};
      DEBRIEF_RETURN_IF_ERROR(store.ReplaceIncidentReaders(
          current.id, readers, {principal.user_id, boost::json::serialize(diff)}));
    }
    // Read within the transaction: the write is undone if it would shut the caller out.
    DEBRIEF_RETURN_IF_ERROR(CheckSightKept(store, principal, updated, readers));
    // Webhooks are never told of a restricted incident: what was queued (or sent) before it
    // was restricted goes from the delivery log too.
    if (updated.restricted && !current.restricted) {
      DEBRIEF_RETURN_IF_ERROR(store.ForgetDeliveriesAbout(current.key));
    }
    return ForgetWhatTheUnseeingWereTold(store, updated);
  }));
  return stored;
}

}  // namespace debrief::app
