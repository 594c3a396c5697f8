// Whose released accounts tell of each key moment of an incident (it started, was detected,
// mitigated, resolved): "detection: 2 of 3 involved people"; and of each hand-off an entry tells
// of ("took command after Priya paged me", "handed over to Lena"), whether both sides do: "the
// 14:20 hand-off has one side only". A hint for the facilitator before
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
  std::string moment;  // "started", "detected", "mitigated", "resolved", "hand_off".
  Timestamp at{};
  int involved = 0;     // Participants who took part (every role but observer); a hand-off's sides.
  int told = 0;         // Of them, how many have an entry near the moment in a released account.
  std::string between;  // A hand-off's sides: "Priya Raman → Marcus Chen", "Lena → the DBA team".
};

// A released account: its author (a participant) and its entries.
struct ReleasedAccount {
  int64_t participant_id = 0;
  std::span<const AccountEntry> entries;
};

// A hand-off an entry tells of: who gave, who took (participant ids, 0 when it is someone the
// incident does not list, then named in `other`).
struct HandOff {
  Timestamp at{};
  int64_t from = 0;
  int64_t to = 0;
  std::string other;  // "the DBA team": the side that is no participant, as written.
};

// The hand-offs the entries of released accounts tell of: the author took over, command or the
// pager from someone ("took command after Priya paged me"), or handed, passed or escalated to
// someone ("handed over to Lena", "escalated to the DBA team").
std::vector<HandOff> FindHandOffs(std::span<const Participant> participants,
                                  std::span<const ReleasedAccount> accounts);

// An entry within `window` of a moment, either side, tells of it. Moments the incident has not
// set are left out; hand-offs follow the key moments, in time order.
std::vector<MomentCoverage> CoverKeyMoments(const Incident& incident,
                                            std::span<const Participant> participants,
                                            std::span<const ReleasedAccount> accounts,
                                            Duration window = std::chrono::minutes(20));

}  // namespace debrief::core
