// The review workflow: which status may follow which, what the named reviewers' decisions add up
// to, and when a review is due. Pure functions, so the rules are tested without a server and the
// HTTP handlers only load, ask and store.
//
//   none -> drafting -> in_review -> approved | changes_requested -> published -> reopened
//
// People set `none` and `drafting` by hand; requesting review, deciding, publishing and reopening
// each have their own endpoint, because each checks more than a status.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/incident.h"
#include "core/result.h"
#include "core/review.h"
#include "core/time.h"

namespace debrief::core {

// Whether PATCH may move the review from `from` to `to`. Anything else is refused with a Conflict
// that names the endpoint to use instead. `key` names the incident in that hint.
Result<void> CheckReviewStatusByHand(ReviewStatus from, ReviewStatus to, std::string_view key);

// Asking for review is possible until the review is published (reopen it first).
Result<void> CheckCanRequestReview(ReviewStatus status, std::string_view key);
// Reviewers decide while the review is in review or already decided (they may change their mind
// until it is published).
Result<void> CheckCanDecide(ReviewStatus status);
// Reopening a published review makes room for a next version.
Result<void> CheckCanReopen(ReviewStatus status);
// Whether the workflow lets the review be published now: not while reviewers are asked or have
// asked for changes, and only once approved when the rule requires review.
Result<void> CheckCanPublish(ReviewStatus status, const ReviewRule& rule, std::string_view key);

// The rule for `severity`, or the default (no review required, no due date).
ReviewRule RuleFor(std::string_view severity, std::span<const ReviewRule> rules);

// Approvals needed before the review counts as approved.
int ApprovalsNeeded(const ReviewRule& rule);

// What the current round's decisions add up to: any request for changes wins; enough approvals
// approve; otherwise the review is still in review.
ReviewStatus StatusAfterDecisions(std::span<const Reviewer> reviewers, const ReviewRule& rule);

// `days` business days (Monday to Friday) after `date`.
Date AddBusinessDays(Date date, int days);

// When the review should be published: the rule's business days after the incident was resolved.
// None without a due rule or before the incident is resolved.
std::optional<Date> ReviewDueOn(const Incident& incident, const ReviewRule& rule);

// Past its due date and never published.
bool ReviewOverdue(const Incident& incident, const ReviewRule& rule, Date today);

}  // namespace debrief::core
