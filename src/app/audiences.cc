#include "app/audiences.h"

#include <set>
#include <tuple>

#include "core/utf8.h"
#include "core/validation.h"

namespace debrief::app {

std::string ManualAudienceSource(std::string_view audience) {
  return "manual:" + std::string(audience);
}

core::Result<std::vector<core::AudienceMembership>> ListAudienceMemberships(
    store::Store& store, const core::Incident& incident) {
  return store.ListAudienceMemberships(incident.id);
}

core::Result<void> SetAudienceMembers(store::Store& store, const core::Incident& incident,
                                      std::string_view audience,
                                      const std::vector<AudienceMember>& members,
                                      const store::Change& change) {
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
  if (members.size() > kMaxAudienceMembers) {
    return core::Error::InvalidArgument(
        "an audience is given at most " + std::to_string(kMaxAudienceMembers) + " members",
        "members");
  }
  if (incident.review_status == core::ReviewStatus::kPublished) {
    return core::Error::Conflict(
        "the review is published, so what each person could see stays as published; reopen the "
        "review to change who was in " +
        std::string(audience));
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
