// Whose released accounts tell of each key moment of an incident (it started, was detected,
// mitigated, resolved): "detection: 2 of 3 involved people". A hint for the facilitator before
// publishing, so a moment told from one side only can be asked about — never a gate, never a
// score of anyone, and never shown to readers of the published review.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/incident.h"
#include "core/participant.h"
#include "core/time.h"

namespace debrief::core {

struct MomentCoverage {
  std::string moment;  // "started", "detected", "mitigated", "resolved".
  Timestamp at{};
  int involved = 0;  // Participants who took part (every role but observer).
  int told = 0;      // Of them, how many have an entry near the moment in a released account.
};

// A released account: its author (a participant) and its entries.
struct ReleasedAccount {
  int64_t participant_id = 0;
  std::span<const AccountEntry> entries;
};

// An entry within `window` of a moment, either side, tells of it. Moments the incident has not
// set are left out.
std::vector<MomentCoverage> CoverKeyMoments(const Incident& incident,
                                            std::span<const Participant> participants,
                                            std::span<const ReleasedAccount> accounts,
                                            Duration window = std::chrono::minutes(20));

}  // namespace debrief::core
