#include "core/review_workflow.h"

#include <algorithm>
#include <string>

namespace debrief::core {
namespace {

std::string Endpoint(std::string_view key, std::string_view action) {
  return "POST /api/v1/incidents/" + std::string(key.empty() ? "{key}" : key) + "/" +
         std::string(action);
}

bool Published(ReviewStatus status) {
  return status == ReviewStatus::kPublished || status == ReviewStatus::kReopened;
}

}  // namespace

Result<void> CheckReviewStatusByHand(ReviewStatus from, ReviewStatus to, std::string_view key) {
  if (from == to) return Ok();
  auto by_hand = [](ReviewStatus status) {
    return status == ReviewStatus::kNone || status == ReviewStatus::kDrafting;
  };
  // Taking a request for review back (in_review -> drafting) is also allowed: the reviewers stay
  // named, and the next request starts a new round.
  if (by_hand(to) && (by_hand(from) || from == ReviewStatus::kInReview)) return Ok();
  std::string how;
  switch (to) {
    case ReviewStatus::kInReview:
      how = "request review with " + Endpoint(key, "review/request");
      break;
    case ReviewStatus::kApproved:
    case ReviewStatus::kChangesRequested:
      how = "reviewers decide with " + Endpoint(key, "review/decision");
      break;
    case ReviewStatus::kPublished:
      how = "publish the review with " + Endpoint(key, "publish");
      break;
    case ReviewStatus::kReopened:
      how = "reopen the review with " + Endpoint(key, "review/reopen");
      break;
    default:
      how = "a review that is " + std::string(ToString(from)) + " cannot go back to " +
            std::string(ToString(to));
      if (Published(from)) how += "; reopen it with " + Endpoint(key, "review/reopen");
      break;
  }
  return Error::Conflict(how, "review_status");
}

Result<void> CheckCanRequestReview(ReviewStatus status, std::string_view key) {
  if (status == ReviewStatus::kPublished) {
    return Error::Conflict("the review is published; reopen it with " +
                               Endpoint(key, "review/reopen") + " before asking for review again",
                           "review_status");
  }
  return Ok();
}

Result<void> CheckCanDecide(ReviewStatus status) {
  if (status == ReviewStatus::kInReview || status == ReviewStatus::kApproved ||
      status == ReviewStatus::kChangesRequested) {
    return Ok();
  }
  return Error::Conflict(
      "the review is " + std::string(ToString(status)) + ", not waiting for reviewers",
      "review_status");
}

Result<void> CheckCanReopen(ReviewStatus status) {
  if (status == ReviewStatus::kPublished) return Ok();
  return Error::Conflict(
      "only a published review can be reopened; this one is " + std::string(ToString(status)),
      "review_status");
}

Result<void> CheckCanPublish(ReviewStatus status, const ReviewRule& rule, std::string_view key) {
  if (status == ReviewStatus::kChangesRequested) {
    return Error::Conflict(
        "a reviewer asked for changes; make them, then request review again with " +
            Endpoint(key, "review/request"),
        "review_status");
  }
  if (status == ReviewStatus::kInReview) {
    return Error::Conflict(
        "the review is waiting for its reviewers; publish once they approve, or take the request "
        "back by setting review_status to drafting",
        "review_status");
  }
  if (rule.review_required && status == ReviewStatus::kPublished) {
    return Error::Conflict("a next version of a " + rule.severity +
                               " review is approved again: reopen it with " +
                               Endpoint(key, "review/reopen") + ", then request review",
                           "review_status");
  }
  if (rule.review_required && status != ReviewStatus::kApproved) {
    int needed = ApprovalsNeeded(rule);
    return Error::Conflict(rule.severity + " reviews need " + std::to_string(needed) +
                               (needed == 1 ? " approval" : " approvals") +
                               " before publishing; request review with " +
                               Endpoint(key, "review/request"),
                           "review_status");
  }
  return Ok();
}

ReviewRule RuleFor(std::string_view severity, std::span<const ReviewRule> rules) {
  for (const ReviewRule& rule : rules) {
    if (rule.severity == severity) return rule;
  }
  ReviewRule none;
  none.severity = std::string(severity);
  return none;
}

int ApprovalsNeeded(const ReviewRule& rule) {
  return rule.review_required ? std::max(1, rule.approvals_required) : 1;
}

ReviewStatus StatusAfterDecisions(std::span<const Reviewer> reviewers, const ReviewRule& rule) {
  int approvals = 0;
  for (const Reviewer& reviewer : reviewers) {
    if (reviewer.decision == ReviewDecision::kChangesRequested) {
      return ReviewStatus::kChangesRequested;
    }
    if (reviewer.decision == ReviewDecision::kApproved) ++approvals;
  }
  return approvals >= ApprovalsNeeded(rule) ? ReviewStatus::kApproved : ReviewStatus::kInReview;
}

Date AddBusinessDays(Date date, int days) {
  while (days > 0) {
    date += std::chrono::days(1);
    std::chrono::weekday weekday(date);
    if (weekday != std::chrono::Saturday && weekday != std::chrono::Sunday) --days;
  }
  return date;
}

std::optional<Date> ReviewDueOn(const Incident& incident, const ReviewRule& rule) {
  if (!rule.due_business_days || !incident.resolved_at) return std::nullopt;
  Date resolved = std::chrono::floor<std::chrono::days>(*incident.resolved_at);
  return AddBusinessDays(resolved, *rule.due_business_days);
}

bool ReviewOverdue(const Incident& incident, const ReviewRule& rule, Date today) {
  if (Published(incident.review_status)) return false;
  std::optional<Date> due = ReviewDueOn(incident, rule);
  return due && today > *due;
}

}  // namespace debrief::core
