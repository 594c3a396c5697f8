// Whose released accounts tell of each key moment: counted among the people involved (never
// observers), by entries near the moment, for the moments the incident has set; and whether both
// sides of a hand-off tell of it.
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

std::vector<Participant> People() {
  std::vector<Participant> people(3);
  const char* names[] = {"Priya Raman", "Marcus Chen", "Lena Fischer"};
  for (int index = 0; index < 3; ++index) {
    people[index].id = index + 1;
    people[index].name = names[index];
  }
  return people;
}

AccountEntry Did(const char* at, std::string did) {
  AccountEntry entry;
  entry.at = At(at);
  entry.did = std::move(did);
  return entry;
}

TEST(PerspectiveCoverage, HandOffsTheEntriesTellOf) {
  std::vector<Participant> people = People();
  std::vector<AccountEntry> marcus = {
      Did("2026-03-14T10:20:00Z", "Took command after Priya paged me")};
  std::vector<AccountEntry> lena = {
      Did("2026-03-14T11:05:00Z", "Handed the database work over to Marcus"),
      Did("2026-03-14T11:30:00Z", "Escalated to the storage vendor's support"),
      Did("2026-03-14T11:40:00Z", "Took the dashboard screenshot for the ticket")};
  std::vector<ReleasedAccount> accounts = {{2, marcus}, {3, lena}};
  std::vector<HandOff> found = FindHandOffs(people, accounts);
  ASSERT_EQ(found.size(), 3u);  // Not the screenshot she took.
  EXPECT_EQ(found[0].from, 1);
  EXPECT_EQ(found[0].to, 2);
  EXPECT_EQ(found[1].from, 3);
  EXPECT_EQ(found[1].to, 2);
  EXPECT_EQ(found[2].to, 0);
  EXPECT_EQ(found[2].other, "the storage vendor's support");
}

TEST(PerspectiveCoverage, WhoTookFromWhomIsReadAroundTheVerb) {
  std::vector<Participant> people = People();
  // The taker wrote it ("asked me to"), the giver too: one hand-off, Priya to Marcus.
  std::vector<AccountEntry> priya = {Did("2026-03-14T10:15:00Z", "Handed over to Marcus")};
  std::vector<AccountEntry> marcus = {
      Did("2026-03-14T10:18:00Z", "Priya asked me to take over the incident")};
  // Someone named later in the entry, for something else, is no giver.
  std::vector<AccountEntry> lena = {
      Did("2026-03-14T10:40:00Z", "Took command and asked Marcus to roll back the deploy")};
  std::vector<ReleasedAccount> accounts = {{1, priya}, {2, marcus}, {3, lena}};
  std::vector<HandOff> found = FindHandOffs(people, accounts);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].from, 1);
  EXPECT_EQ(found[0].to, 2);
  // A long text of the words is read by its start, in proportion to its length.
  std::string pasted;
  for (int copy = 0; copy < 8'000; ++copy) pasted += "to take over ";
  std::vector<AccountEntry> long_entry = {Did("2026-03-14T11:00:00Z", pasted)};
  std::vector<ReleasedAccount> one = {{3, long_entry}};
  EXPECT_TRUE(FindHandOffs(people, one).empty());
}

TEST(PerspectiveCoverage, AHandOffToldFromOneSideOnly) {
  Incident incident;  // No key moment set: only hand-offs.
  std::vector<Participant> people = People();
  std::vector<AccountEntry> marcus = {
      Did("2026-03-14T10:20:00Z", "Took over as incident commander from Priya")};
  std::vector<AccountEntry> lena = {Did("2026-03-14T12:00:00Z", "Escalated to the DBA team")};
  std::vector<ReleasedAccount> accounts = {{2, marcus}, {3, lena}};
  std::vector<MomentCoverage> covered = CoverKeyMoments(incident, people, accounts);
  ASSERT_EQ(covered.size(), 2u);
  EXPECT_EQ(covered[0].moment, "hand_off");
  EXPECT_EQ(covered[0].between, "Priya Raman \u2192 Marcus Chen");
  EXPECT_EQ(covered[0].involved, 2);
  EXPECT_EQ(covered[0].told, 1);  // Priya's account says nothing near 10:20.
  EXPECT_EQ(covered[1].between, "Lena Fischer \u2192 the DBA team");
  EXPECT_EQ(covered[1].told, 1);  // The team's side is in no account here.
  EXPECT_EQ(covered[1].involved, 2);
  // Once Priya's account tells of 10:15, both sides do; hers is the same hand-off told by its
  // giver ("Marcus to take over": Marcus takes it).
  std::vector<AccountEntry> priya = {Did("2026-03-14T10:15:00Z", "Paged Marcus to take over")};
  accounts.push_back({1, priya});
  std::vector<HandOff> found = FindHandOffs(people, accounts);
  ASSERT_EQ(found.size(), 2u);  // Told by both its sides, it is one.
  EXPECT_EQ(found[0].from, 1);  // Priya's 10:15.
  EXPECT_EQ(found[0].to, 2);
  covered = CoverKeyMoments(incident, people, accounts);
  ASSERT_EQ(covered.size(), 2u);
  EXPECT_EQ(covered[0].told, 2);
}

}  // namespace
}  // namespace debrief::core
