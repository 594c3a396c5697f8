// The facilitator's question at each entry: invented entries of each kind and the near misses
// that must not prompt one.
#include "core/facilitation_prompts.h"

#include <gtest/gtest.h>

namespace debrief::core {
namespace {

AccountEntry Entry(std::string did, std::string saw = "", std::string expected = "",
                   std::string assumed = "") {
  AccountEntry entry;
  entry.did = std::move(did);
  entry.saw = std::move(saw);
  entry.expected = std::move(expected);
  entry.assumed = std::move(assumed);
  return entry;
}

std::string KindOf(const AccountEntry& entry, std::optional<ObviousWords> obvious = {}) {
  std::optional<FacilitationPrompt> prompt = PromptForEntry(entry, "Lena", obvious);
  return prompt ? std::string(PromptKindName(prompt->kind)) : "none";
}

TEST(FacilitationPrompts, CertaintyInTheFirstPersonAsksHowTheyKnew) {
  EXPECT_EQ(KnowledgeClaim("I knew straight away it was the cache"), "I knew");
  EXPECT_EQ(KnowledgeClaim("we were sure the replica had caught up"), "we were sure");
  EXPECT_EQ(KnowledgeClaim("From the graph I could tell the pool was exhausted"), "I could tell");
  EXPECT_EQ(KnowledgeClaim("I just realised the flag was still on"), "I just realised");
  // Not certain, or not about themselves.
  EXPECT_EQ(KnowledgeClaim("I wasn't sure the replica had caught up"), "");
  EXPECT_EQ(KnowledgeClaim("nobody knew the flag was on"), "");
  EXPECT_EQ(KnowledgeClaim("I checked whether the team knew"), "");
  std::optional<FacilitationPrompt> prompt =
      PromptForEntry(Entry("", "", "", "I knew the batch would finish by six"), "Lena", {});
  ASSERT_TRUE(prompt);
  EXPECT_EQ(prompt->kind, PromptKind::kKnew);
  EXPECT_EQ(prompt->field, "assumed");
  EXPECT_EQ(prompt->question,
            "Lena wrote \u201cI knew\u201d. How did you know? What told you, and could others see "
            "it?");
}

TEST(FacilitationPrompts, AChoiceAsksForTheOptionsAndPressures) {
  EXPECT_EQ(ChoiceWords("Decided to drain the EU region"), "Decided");
  EXPECT_EQ(ChoiceWords("we went with a restart over a failover"), "went with");
  EXPECT_EQ(ChoiceWords("Made the call to page the vendor"), "Made the call");
  EXPECT_EQ(ChoiceWords("Restarted the consumers"), "");
  EXPECT_EQ(KindOf(Entry("Opted for a rollback instead of a hotfix")), "decision");
  EXPECT_EQ(KindOf(Entry("Restarted the consumers")), "none");
}

TEST(FacilitationPrompts, AnObservationAsksWhatMadeItLookOff) {
  EXPECT_EQ(KindOf(Entry("", "Queue depth at 40k on the ingest dashboard")), "observation");
}

TEST(FacilitationPrompts, HindsightComesFirst) {
  AccountEntry entry = Entry("Decided to roll back", "I knew the deploy was bad");
  EXPECT_EQ(KindOf(entry), "knew");
  EXPECT_EQ(KindOf(entry, ObviousWords{"saw", "obviously the deploy"}), "obvious");
}

TEST(FacilitationPrompts, ADecisionPointWithoutOptionsOrPressures) {
  DecisionPoint decision;
  decision.who = "incident commander";
  decision.situation = "Checkout errors at 30%, cause unknown";
  ASSERT_TRUE(PromptForDecision(decision));
  EXPECT_EQ(PromptForDecision(decision)->question,
            "At this decision (\u201cCheckout errors at 30%, cause unknown\u201d, incident "
            "commander): What other options were there, and what pressures?");
  decision.options = {"roll back", "fail over"};
  EXPECT_EQ(PromptForDecision(decision)->field, "pressures");
  decision.pressures = {"time pressure"};
  EXPECT_FALSE(PromptForDecision(decision));
}

}  // namespace
}  // namespace debrief::core
