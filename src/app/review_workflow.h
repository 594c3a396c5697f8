// The review workflow's use cases: asking named people to review a resolved incident, a
// reviewer's decision, and reopening a published review. core/review_workflow.h holds the pure
// rules (which status allows what, what decisions add up to); these load, check, and store each
// change in one transaction with the incident's new review status, and tell the people it
// concerns. Each returns the incident as stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/notifications.h"
#include "core/authorization.h"
#include "core/incident.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::app {

inline constexpr size_t kMaxReviewers = 10;

// A new round: the named users (each existing, able to write, not disabled and not the caller)
// become the reviewers, everyone's decisions go back to pending, and the review is in review.
// The incident must be resolved, and a severity whose rule asks for N approvals needs at least
// N reviewers. `expected_version` is the incident's.
core::Result<core::Incident> RequestReview(store::Store& store, Notifier notifier,
                                           const core::Principal& caller, std::string_view key,
                                           int64_t expected_version,
                                           const std::vector<int64_t>& reviewers);

// The caller, a named reviewer, approves or asks for changes (which needs a note saying what).
core::Result<core::Incident> DecideReview(store::Store& store, const core::Principal& caller,
                                          core::Timestamp now, std::string_view key,
                                          int64_t expected_version, core::ReviewDecision decision,
                                          const std::string& note);

// A published review is reopened for its next version; every decision goes back to pending.
core::Result<core::Incident> ReopenReview(store::Store& store, const core::Principal& caller,
                                          std::string_view key, int64_t expected_version);

}  // namespace debrief::app
