#include "core/knowledge.h"

#include <set>

namespace debrief::core {

bool CoversInstant(const AudienceMembership& membership, Timestamp at) {
  return (!membership.since || *membership.since <= at) &&
         (!membership.until || at < *membership.until);
}

std::string_view KnownBecauseName(KnownBecause because) {
  switch (because) {
    case KnownBecause::kOwnEntry:
      return "own_entry";
    case KnownBecause::kSaidSeen:
      return "said_seen";
    case KnownBecause::kNamed:
      return "named";
    case KnownBecause::kAudience:
      return "audience";
    case KnownBecause::kEveryone:
      return "everyone";
    case KnownBecause::kNotKnown:
      break;
  }
  return "not_known";
}

std::vector<Knowledge> KnowledgeAt(const MergedTimeline& timeline,
                                   std::span<const EntryInput> entries,
                                   std::span<const TimelineEvent> events,
                                   std::span<const AudienceMembership> memberships,
                                   int64_t participant_id, Timestamp at) {
  std::set<int64_t> seen_by_participant;
  for (const EntryInput& input : entries) {
    if (input.participant_id != participant_id || input.entry.at > at) continue;
    seen_by_participant.insert(input.entry.seen_event_ids.begin(),
                               input.entry.seen_event_ids.end());
  }
  std::vector<const AudienceMembership*> theirs;
  for (const AudienceMembership& membership : memberships) {
    if (membership.participant_id == participant_id) theirs.push_back(&membership);
  }
  std::string participant_audience = "participant:" + std::to_string(participant_id);
  std::vector<Knowledge> known(timeline.items.size());
  for (size_t position = 0; position < timeline.items.size(); ++position) {
    const TimelineItem& item = timeline.items[position];
    if (item.at > at) continue;
    Knowledge& answer = known[position];
    if (item.kind == TimelineItemKind::kEntry) {
      if (entries[item.index].participant_id == participant_id) {
        answer.because = KnownBecause::kOwnEntry;
      }
      continue;
    }
    const TimelineEvent& event = events[item.index];
    if (seen_by_participant.contains(event.id)) {
      answer.because = KnownBecause::kSaidSeen;
      continue;
    }
    bool everyone = event.visible_to.empty();
    for (const std::string& audience : event.visible_to) {
      if (audience == participant_audience) {
        answer.because = KnownBecause::kNamed;
        break;
      }
      everyone = everyone || audience == "all";
      if (answer.because == KnownBecause::kAudience) continue;
      // A message posted before they joined the channel, or after they left, did not reach them.
      for (const AudienceMembership* membership : theirs) {
        if (membership->audience == audience && CoversInstant(*membership, event.at)) {
          answer.because = KnownBecause::kAudience;
          answer.audience = audience;
          answer.since = membership->since;
          break;
        }
      }
    }
    if (answer.because == KnownBecause::kNotKnown && everyone) {
      answer.because = KnownBecause::kEveryone;
    }
  }
  return known;
}

}  // namespace debrief::core
