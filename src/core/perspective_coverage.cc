#include "core/perspective_coverage.h"

#include <algorithm>
#include <set>

namespace debrief::core {

std::vector<MomentCoverage> CoverKeyMoments(const Incident& incident,
                                            std::span<const Participant> participants,
                                            std::span<const ReleasedAccount> accounts,
                                            Duration window) {
  std::set<int64_t> involved;
  for (const Participant& participant : participants) {
    if (participant.role != ParticipantRole::kObserver) involved.insert(participant.id);
  }
  std::vector<MomentCoverage> covered;
  const std::pair<const char*, const std::optional<Timestamp>*> moments[] = {
      {"started", &incident.started_at},
      {"detected", &incident.detected_at},
      {"mitigated", &incident.mitigated_at},
      {"resolved", &incident.resolved_at}};
  for (const auto& [name, at] : moments) {
    if (!*at) continue;
    MomentCoverage moment{name, **at, static_cast<int>(involved.size()), 0};
    std::set<int64_t> told;
    // Copied: clang before 16 lets no lambda capture a structured binding (the fuzz build).
    Timestamp when = **at;
    for (const ReleasedAccount& account : accounts) {
      if (!involved.contains(account.participant_id)) continue;
      bool near = std::any_of(
          account.entries.begin(), account.entries.end(), [&](const AccountEntry& entry) {
            Duration apart = entry.at > when ? entry.at - when : when - entry.at;
            return apart <= window;
          });
      if (near) told.insert(account.participant_id);
    }
    moment.told = static_cast<int>(told.size());
    covered.push_back(std::move(moment));
  }
  return covered;
}

}  // namespace debrief::core
