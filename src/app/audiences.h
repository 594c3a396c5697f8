// Who was in which audience of an incident (a chat channel, an alert receiver, a PagerDuty
// incident) and when: what imports read from their sources, and what the people running the
// review set by hand where no source says it: whom an Alertmanager receiver paged, who was on
// call, someone an export does not list. The timeline's "what could they know" reads both.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/incident.h"
#include "core/knowledge.h"
#include "store/store.h"

namespace debrief::app {

// The most people one audience may be given by hand.
inline constexpr size_t kMaxAudienceMembers = 500;

struct AudienceMember {
  int64_t participant_id = 0;
  std::optional<core::Timestamp> since;  // Absent: from before anything was recorded.
  std::optional<core::Timestamp> until;  // Absent: to the end.
};

// The source of the memberships set by hand for `audience`.
std::string ManualAudienceSource(std::string_view audience);

core::Result<std::vector<core::AudienceMembership>> ListAudienceMemberships(
    store::Store& store, const core::Incident& incident);

// Replaces the members set by hand of `audience` ("receiver:payments-oncall") with `members`;
// what imports recorded stays. kInvalidArgument for an audience that is empty, longer than 120
// characters, not UTF-8 or names one person ("participant:…", which an event names directly),
// for too many members, a span that ends before it starts, or someone not in the incident;
// kConflict while the review is published.
core::Result<void> SetAudienceMembers(store::Store& store, const core::Incident& incident,
                                      std::string_view audience,
                                      const std::vector<AudienceMember>& members,
                                      const store::Change& change);

// The source of the memberships an on-call rotation file gave `audience`.
std::string OnCallSource(std::string_view audience);

struct OnCallImport {
  size_t memberships = 0;                            // Spans of the incident's participants, kept.
  std::vector<std::string> people_not_participants;  // On call, but not in the incident.
  size_t later_levels = 0;  // On-calls of a later escalation level, left out.
};

// Who was on call for the rotation that answered `audience` ("receiver:payments-oncall"), read
// from PagerDuty's on-calls (ingest/pagerduty_oncalls.h) and matched to the incident's
// participants by e-mail, then name; replaces what an earlier file said of that audience. The
// same refusals as SetAudienceMembers, and kInvalidArgument for a file that is not on-calls.
core::Result<OnCallImport> ImportOnCalls(store::Store& store, const core::Incident& incident,
                                         std::string_view audience, std::string_view content,
                                         const store::Change& change);

}  // namespace debrief::app
