// Whose released accounts tell of each key moment: counted among the people involved (never
// observers), by entries near the moment, for the moments the incident has set.
#include "core/perspective_coverage.h"

#include <gtest/gtest.h>

namespace debrief::core {
namespace {

Timestamp At(const char* text) { return *ParseRfc3339(text); }

TEST(PerspectiveCoverage, CountsWhoTellsOfEachMomentSet) {
  Incident incident;
  incident.started_at = At("2026-03-14T10:00:00Z");
  incident.detected_at = At("2026-03-14T10:07:00Z");
  incident.mitigated_at = At("2026-03-14T10:40:00Z");
  std::vector<Participant> participants(4);
  participants[0].id = 1;
  participants[1].id = 2;
  participants[2].id = 3;
  participants[3].id = 4;
  participants[3].role = ParticipantRole::kObserver;
  auto entry = [](const char* at) {
    AccountEntry made;
    made.at = At(at);
    return made;
  };
  std::vector<AccountEntry> priya = {entry("2026-03-14T10:08:00Z"), entry("2026-03-14T10:45:00Z")};
  std::vector<AccountEntry> marcus = {entry("2026-03-14T10:25:00Z")};
  std::vector<AccountEntry> observer = {entry("2026-03-14T10:07:00Z")};
  std::vector<ReleasedAccount> accounts = {{1, priya}, {2, marcus}, {4, observer}};
  std::vector<MomentCoverage> covered = CoverKeyMoments(incident, participants, accounts);
  ASSERT_EQ(covered.size(), 3u);  // Resolved is not set.
  EXPECT_EQ(covered[0].moment, "started");
  EXPECT_EQ(covered[0].involved, 3);
  EXPECT_EQ(covered[0].told, 1);  // Priya's 10:08, within 20 minutes; Marcus's 10:25 is not.
  EXPECT_EQ(covered[1].moment, "detected");
  EXPECT_EQ(covered[1].told, 2);  // 10:08 and 10:25; the observer's 10:07 does not count.
  EXPECT_EQ(covered[2].moment, "mitigated");
  EXPECT_EQ(covered[2].told, 2);
  // A wider window reaches Marcus's 10:25 from the start.
  EXPECT_EQ(CoverKeyMoments(incident, participants, accounts, std::chrono::minutes(25))[0].told, 2);
}

}  // namespace
}  // namespace debrief::core
