// What a participant could know at a moment of the incident, and why: the question the timeline
// asks against hindsight ("what could Ana see at 10:20?"). An item is known to them when it is
// their own entry, an event shown to everyone or to them by name, one an entry of theirs says they
// saw, or one that reached an audience they were in when it happened: a chat channel from the
// moment they joined it until they left, an alert receiver while they were on it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/time.h"
#include "core/timeline_merge.h"

namespace debrief::core {

// A participant in an audience ("channel:#incident-142", "receiver:payments-oncall") for a span of
// time: what reached the audience then reached them.
struct AudienceMembership {
  int64_t id = 0;
  int64_t incident_id = 0;
  std::string audience;
  int64_t participant_id = 0;
  std::optional<Timestamp> since;  // Absent: a member from before anything was recorded.
  std::optional<Timestamp> until;  // Absent: still a member.
  // Where the membership was read, as an import names it ("import:slack:C0123"), or "manual".
  std::string source = "manual";
};

// Whether a membership covers an instant: since <= at < until.
bool CoversInstant(const AudienceMembership& membership, Timestamp at);

enum class KnownBecause {
  kNotKnown,
  kOwnEntry,  // Their own entry.
  kSaidSeen,  // An entry of theirs up to then says they saw the event.
  kNamed,     // The event was shown to them by name ("participant:<id>").
  kAudience,  // The event reached an audience they were in (`audience`, since `since`).
  kEveryone,  // The event was shown to everyone.
};

struct Knowledge {
  KnownBecause because = KnownBecause::kNotKnown;
  std::string audience;            // kAudience: which one.
  std::optional<Timestamp> since;  // kAudience: since when they were in it, when known.
  bool known() const { return because != KnownBecause::kNotKnown; }
};

// "own_entry", "said_seen", "named", "audience", "everyone", "not_known".
std::string_view KnownBecauseName(KnownBecause because);

// One answer per item of `timeline`: what `participant_id` could know at `at`. Items after `at`
// are not known; an event is known for the strongest reason that holds (their word that they saw
// it, then being named, then an audience, then everyone).
std::vector<Knowledge> KnowledgeAt(const MergedTimeline& timeline,
                                   std::span<const EntryInput> entries,
                                   std::span<const TimelineEvent> events,
                                   std::span<const AudienceMembership> memberships,
                                   int64_t participant_id, Timestamp at);

}  // namespace debrief::core
