#include "app/audiences.h"

#include <set>
#include <tuple>

#include "app/event_import.h"
#include "core/utf8.h"
#include "core/validation.h"
#include "ingest/pagerduty_oncalls.h"

namespace debrief::app {

std::string ManualAudienceSource(std::string_view audience) {
  return "manual:" + std::string(audience);
}

core::Result<std::vector<core::AudienceMembership>> ListAudienceMemberships(
    store::Store& store, const core::Incident& incident) {
  return store.ListAudienceMemberships(incident.id);
}

namespace {

// An audience as events name it, which a person can be placed in; and a review still open.
core::Result<void> CheckAudienceWrite(const core::Incident& incident, std::string_view audience) {
  if (core::IsBlank(audience) || audience.size() > 120 || !core::IsValidUtf8(audience)) {
    return core::Error::InvalidArgument(
        "audience must be 1 to 120 characters of UTF-8, as events name it "
        "(\"receiver:payments-oncall\", \"channel:#incident-142\")",
        "audience");
  }
  if (audience.starts_with("participant:")) {
    return core::Error::InvalidArgument(
        "an event shown to one participant names them itself: an audience is a group", "audience");
  }
  if (incident.review_status == core::ReviewStatus::kPublished) {
    return core::Error::Conflict(
        "the review is published, so what each person could see stays as published; reopen the "
        "review to change who was in " +
        std::string(audience));
  }
  return core::Ok();
}

}  // namespace

std::string OnCallSource(std::string_view audience) {
  return "import:oncall:" + std::string(audience);
}

core::Result<OnCallImport> ImportOnCalls(store::Store& store, const core::Incident& incident,
                                         std::string_view audience, std::string_view content,
                                         const store::Change& change) {
  DEBRIEF_RETURN_IF_ERROR(CheckAudienceWrite(incident, audience));
  DEBRIEF_ASSIGN_OR_RETURN(ingest::OnCalls read, ingest::ReadPagerDutyOnCalls(content));
  DEBRIEF_ASSIGN_OR_RETURN(ParticipantNames names, ReadParticipantNames(store, incident));
  OnCallImport imported;
  imported.later_levels = read.later_levels;
  std::set<std::string> strangers;
  std::vector<core::AudienceMembership> memberships;
  std::set<std::tuple<int64_t, std::optional<core::Timestamp>, std::optional<core::Timestamp>>>
      seen;
  for (const ingest::AudienceSpan& span : read.spans) {
    const ParticipantName* found = FindParticipant(names, span.email, span.name);
    if (found == nullptr) {
      strangers.insert(span.name.empty() ? span.email : span.name);
      continue;
    }
    // The same span twice (two schedules on one policy) is one membership.
    if (!seen.emplace(found->id, span.since, span.until).second) continue;
    if (memberships.size() >= kMaxAudienceMembers) {
      return core::Error::InvalidArgument(
          "the file puts more than " + std::to_string(kMaxAudienceMembers) +
              " on-call spans of the incident's people in one audience: ask PagerDuty for the "
              "incident's hours only (since and until)",
          "content");
    }
    core::AudienceMembership& membership = memberships.emplace_back();
    membership.audience = std::string(audience);
    membership.participant_id = found->id;
    membership.since = span.since;
    membership.until = span.until;
  }
  imported.memberships = memberships.size();
  imported.people_not_participants.assign(strangers.begin(), strangers.end());
  // Read again, the rotation replaces what an earlier file of it said.
  DEBRIEF_RETURN_IF_ERROR(store.ReplaceAudienceMemberships(incident.id, OnCallSource(audience),
                                                           std::move(memberships), change));
  return imported;
}

core::Result<void> SetAudienceMembers(store::Store& store, const core::Incident& incident,
                                      std::string_view audience,
                                      const std::vector<AudienceMember>& members,
                                      const store::Change& change) {
  DEBRIEF_RETURN_IF_ERROR(CheckAudienceWrite(incident, audience));
  if (members.size() > kMaxAudienceMembers) {
    return core::Error::InvalidArgument(
        "an audience is given at most " + std::to_string(kMaxAudienceMembers) + " members",
        "members");
  }
  std::vector<core::AudienceMembership> memberships;
  std::set<std::tuple<int64_t, std::optional<core::Timestamp>>> seen;
  for (const AudienceMember& member : members) {
    if (member.since && member.until && *member.until <= *member.since) {
      return core::Error::InvalidArgument("a member's until must be after their since", "until");
    }
    // The same person from the same moment twice is one membership.
    if (!seen.emplace(member.participant_id, member.since).second) continue;
    core::AudienceMembership& membership = memberships.emplace_back();
    membership.audience = std::string(audience);
    membership.participant_id = member.participant_id;
    membership.since = member.since;
    membership.until = member.until;
  }
  return store.ReplaceAudienceMemberships(incident.id, ManualAudienceSource(audience),
                                          std::move(memberships), change);
}

}  // namespace debrief::app
