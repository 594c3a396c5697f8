#include "core/review_workflow.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "core/comment_anchor.h"

namespace debrief::core {
namespace {

using std::chrono::April;
using std::chrono::March;

ReviewRule Required(int approvals, std::optional<int> due_days = std::nullopt) {
  ReviewRule rule;
  rule.severity = "SEV1";
  rule.review_required = true;
  rule.approvals_required = approvals;
  rule.due_business_days = due_days;
  return rule;
}

Reviewer With(ReviewDecision decision) {
  Reviewer reviewer;
  reviewer.decision = decision;
  return reviewer;
}

TEST(ReviewStatusByHand, OnlyDraftingIsSetByHand) {
  EXPECT_TRUE(CheckReviewStatusByHand(ReviewStatus::kNone, ReviewStatus::kDrafting, "INC-1"));
  EXPECT_TRUE(CheckReviewStatusByHand(ReviewStatus::kDrafting, ReviewStatus::kNone, "INC-1"));
  // Taking a request for review back.
  EXPECT_TRUE(CheckReviewStatusByHand(ReviewStatus::kInReview, ReviewStatus::kDrafting, "INC-1"));
  // Unchanged is always fine (a PATCH of other fields).
  EXPECT_TRUE(CheckReviewStatusByHand(ReviewStatus::kPublished, ReviewStatus::kPublished, "INC-1"));
}

TEST(ReviewStatusByHand, EveryOtherMoveNamesItsEndpoint) {
  struct Case {
    ReviewStatus from, to;
    const char* hint;
  };
  for (const Case& move : std::vector<Case>{
           {ReviewStatus::kDrafting, ReviewStatus::kInReview, "/incidents/INC-1/review/request"},
           {ReviewStatus::kInReview, ReviewStatus::kApproved, "/review/decision"},
           {ReviewStatus::kInReview, ReviewStatus::kChangesRequested, "/review/decision"},
           {ReviewStatus::kApproved, ReviewStatus::kPublished, "/incidents/INC-1/publish"},
           {ReviewStatus::kPublished, ReviewStatus::kReopened, "/review/reopen"},
           {ReviewStatus::kPublished, ReviewStatus::kDrafting, "/review/reopen"},
           {ReviewStatus::kApproved, ReviewStatus::kDrafting, "cannot go back"},
       }) {
    auto result = CheckReviewStatusByHand(move.from, move.to, "INC-1");
    ASSERT_FALSE(result) << ToString(move.from) << " -> " << ToString(move.to);
    EXPECT_EQ(result.error().code(), ErrorCode::kConflict);
    EXPECT_EQ(result.error().field(), "review_status");
    EXPECT_THAT(result.error().message(), ::testing::HasSubstr(move.hint));
  }
}

TEST(ReviewWorkflow, RequestingDecidingAndReopeningHappenInTheirStates) {
  EXPECT_TRUE(CheckCanRequestReview(ReviewStatus::kDrafting, "INC-1"));
  EXPECT_TRUE(CheckCanRequestReview(ReviewStatus::kChangesRequested, "INC-1"));
  EXPECT_TRUE(CheckCanRequestReview(ReviewStatus::kReopened, "INC-1"));
  EXPECT_FALSE(CheckCanRequestReview(ReviewStatus::kPublished, "INC-1"));

  EXPECT_TRUE(CheckCanDecide(ReviewStatus::kInReview));
  EXPECT_TRUE(CheckCanDecide(ReviewStatus::kApproved));  // A reviewer may change their mind.
  EXPECT_FALSE(CheckCanDecide(ReviewStatus::kDrafting));
  EXPECT_FALSE(CheckCanDecide(ReviewStatus::kPublished));

  EXPECT_TRUE(CheckCanReopen(ReviewStatus::kPublished));
  EXPECT_FALSE(CheckCanReopen(ReviewStatus::kReopened));
  EXPECT_FALSE(CheckCanReopen(ReviewStatus::kDrafting));
}

TEST(ReviewWorkflow, PublishingFollowsTheRule) {
  ReviewRule optional;
  EXPECT_TRUE(CheckCanPublish(ReviewStatus::kNone, optional, "INC-1"));
  EXPECT_TRUE(CheckCanPublish(ReviewStatus::kDrafting, optional, "INC-1"));
  EXPECT_TRUE(CheckCanPublish(ReviewStatus::kPublished, optional, "INC-1"));  // Version 2.
  // Reviewers asked, or asking for changes, are never skipped.
  EXPECT_FALSE(CheckCanPublish(ReviewStatus::kInReview, optional, "INC-1"));
  EXPECT_FALSE(CheckCanPublish(ReviewStatus::kChangesRequested, optional, "INC-1"));

  ReviewRule required = Required(2);
  auto drafting = CheckCanPublish(ReviewStatus::kDrafting, required, "INC-1");
  ASSERT_FALSE(drafting);
  EXPECT_THAT(drafting.error().message(), ::testing::HasSubstr("SEV1 reviews need 2 approvals"));
  EXPECT_FALSE(CheckCanPublish(ReviewStatus::kReopened, required, "INC-1"));
  auto again = CheckCanPublish(ReviewStatus::kPublished, required, "INC-1");
  ASSERT_FALSE(again);
  EXPECT_THAT(again.error().message(), ::testing::HasSubstr("/review/reopen"));
  EXPECT_TRUE(CheckCanPublish(ReviewStatus::kApproved, required, "INC-1"));
}

TEST(ReviewWorkflow, DecisionsAddUp) {
  ReviewRule two = Required(2);
  std::vector<Reviewer> reviewers = {With(ReviewDecision::kApproved),
                                     With(ReviewDecision::kPending),
                                     With(ReviewDecision::kPending)};
  EXPECT_EQ(StatusAfterDecisions(reviewers, two), ReviewStatus::kInReview);
  reviewers[2].decision = ReviewDecision::kApproved;
  EXPECT_EQ(StatusAfterDecisions(reviewers, two), ReviewStatus::kApproved);
  // Any request for changes wins over approvals.
  reviewers[1].decision = ReviewDecision::kChangesRequested;
  EXPECT_EQ(StatusAfterDecisions(reviewers, two), ReviewStatus::kChangesRequested);
  // Without a rule, one approval is enough.
  EXPECT_EQ(StatusAfterDecisions(std::vector{With(ReviewDecision::kApproved)}, ReviewRule{}),
            ReviewStatus::kApproved);
  EXPECT_EQ(StatusAfterDecisions(std::vector<Reviewer>{}, ReviewRule{}), ReviewStatus::kInReview);
  EXPECT_EQ(ApprovalsNeeded(Required(0)), 1);
}

TEST(ReviewWorkflow, BusinessDaysSkipWeekends) {
  Date friday = std::chrono::sys_days(std::chrono::year(2026) / March / 13);
  EXPECT_EQ(AddBusinessDays(friday, 0), friday);
  EXPECT_EQ(AddBusinessDays(friday, 1),
            std::chrono::sys_days(std::chrono::year(2026) / March / 16));
  EXPECT_EQ(AddBusinessDays(friday, 5),
            std::chrono::sys_days(std::chrono::year(2026) / March / 20));
  Date saturday = friday + std::chrono::days(1);
  EXPECT_EQ(AddBusinessDays(saturday, 1),
            std::chrono::sys_days(std::chrono::year(2026) / March / 16));
  EXPECT_EQ(AddBusinessDays(friday, 10),
            std::chrono::sys_days(std::chrono::year(2026) / March / 27));
}

TEST(ReviewWorkflow, DueAndOverdueCountFromResolution) {
  Incident incident;
  incident.review_status = ReviewStatus::kDrafting;
  ReviewRule rule = Required(1, 5);
  EXPECT_FALSE(ReviewDueOn(incident, rule));                     // Not resolved yet.
  incident.resolved_at = *ParseRfc3339("2026-03-13T23:30:00Z");  // A Friday night.
  Date due = *ReviewDueOn(incident, rule);
  EXPECT_EQ(FormatDate(due), "2026-03-20");
  EXPECT_FALSE(ReviewOverdue(incident, rule, due));
  EXPECT_TRUE(ReviewOverdue(incident, rule, due + std::chrono::days(1)));
  // Published once, never overdue again.
  incident.review_status = ReviewStatus::kReopened;
  EXPECT_FALSE(
      ReviewOverdue(incident, rule, std::chrono::sys_days(std::chrono::year(2026) / April / 30)));
  // No due rule, no due date.
  EXPECT_FALSE(ReviewDueOn(incident, ReviewRule{}));
}

TEST(ReviewWorkflow, RulesAreLookedUpBySeverity) {
  std::vector<ReviewRule> rules = {Required(2)};
  EXPECT_TRUE(RuleFor("SEV1", rules).review_required);
  ReviewRule none = RuleFor("SEV4", rules);
  EXPECT_FALSE(none.review_required);
  EXPECT_EQ(none.severity, "SEV4");
}

TEST(CommentAnchor, SectionsAndRecordsParse) {
  auto section = ParseCommentAnchor("section:factors");
  ASSERT_TRUE(section);
  EXPECT_TRUE(section->is_section());
  EXPECT_EQ(section->section, "factors");
  auto event = ParseCommentAnchor("event:12");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, "event");
  EXPECT_EQ(event->record_id, 12);
  for (const char* bad :
       {"", "factors", "section:", "section:root_cause", "event:", "event:0", "event:-3",
        "event:12x", "event:99999999999999999999", "culprit:1", "event:1:2"}) {
    auto result = ParseCommentAnchor(bad);
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().field(), "anchor") << bad;
  }
}

}  // namespace
}  // namespace debrief::core
