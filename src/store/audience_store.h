// Who was in which audience of an incident, and when (core::AudienceMembership): read by the
// timeline's "what could they know" view, written by imports that know membership (a Slack
// export's channel members, joins and leaves).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/knowledge.h"
#include "core/result.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

class AudienceStore {
 public:
  virtual ~AudienceStore() = default;

  // The incident's memberships, by audience, participant and start (unknown starts first).
  virtual Result<std::vector<core::AudienceMembership>> ListAudienceMemberships(
      int64_t incident_id) = 0;
  // Replaces the memberships of the incident that `source` recorded with `memberships` (their
  // ids, incident and source are set here), in one write with one audit entry; the incident's
  // generation moves. A participant of another incident is kInvalidArgument and nothing changes.
  virtual Result<void> ReplaceAudienceMemberships(int64_t incident_id, std::string_view source,
                                                  std::vector<core::AudienceMembership> memberships,
                                                  const Change& change) = 0;
};

}  // namespace debrief::store
