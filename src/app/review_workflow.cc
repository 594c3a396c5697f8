#include "app/review_workflow.h"

#include <algorithm>
#include <set>

#include "app/change_by.h"
#include "app/incident_access.h"
#include "app/webhook_events.h"
#include "core/review_workflow.h"
#include "core/validation.h"

namespace debrief::app {
namespace {

core::Result<void> CheckReviewers(store::Store& store, const core::Principal& caller,
                                  const core::Incident& incident, const std::vector<int64_t>& ids,
                                  const core::ReviewRule& rule) {
  if (ids.empty()) {
    return core::Error::InvalidArgument("reviewers must be a list of user ids, at least one",
                                        "reviewers");
  }
  if (ids.size() > kMaxReviewers) {
    return core::Error::InvalidArgument(
        "name at most " + std::to_string(kMaxReviewers) + " reviewers", "reviewers");
  }
  std::set<int64_t> seen;
  for (int64_t id : ids) {
    if (!seen.insert(id).second) {
      return core::Error::InvalidArgument("user " + std::to_string(id) + " is named twice",
                                          "reviewers");
    }
    auto user = store.GetUser(id);
    if (!user && user.error().code() != core::ErrorCode::kNotFound) return user.error();
    if (!user) {
      return core::Error::InvalidArgument("user " + std::to_string(id) + " does not exist",
                                          "reviewers");
    }
    DEBRIEF_RETURN_IF_ERROR(core::AuthorizeReviewer(caller, *user));
    // A reviewer reads the whole review: of a restricted incident, only someone who may see it.
    DEBRIEF_ASSIGN_OR_RETURN(bool sees, CanSeeIncident(store, {user->id, user->role}, incident));
    if (!sees) {
      return core::Error::InvalidArgument(
          user->name + " cannot see this restricted incident: name them among its readers first",
          "reviewers");
    }
  }
  if (rule.review_required && static_cast<int>(ids.size()) < core::ApprovalsNeeded(rule)) {
    return core::Error::InvalidArgument(rule.severity + " reviews need " +
                                            std::to_string(core::ApprovalsNeeded(rule)) +
                                            " approvals: name at least that many reviewers",
                                        "reviewers");
  }
  return core::Ok();
}

core::Result<core::ReviewRule> RuleOf(store::Store& store, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, store.ListReviewRules());
  return core::RuleFor(incident.severity, rules);
}

// Every reviewer back to pending, for a new round.
core::Result<void> ResetDecisions(store::Store& store, const core::Principal& caller,
                                  const std::vector<core::Reviewer>& reviewers) {
  for (const core::Reviewer& reviewer : reviewers) {
    if (reviewer.decision == core::ReviewDecision::kPending && reviewer.note.empty()) continue;
    core::Reviewer reset = reviewer;
    reset.decision = core::ReviewDecision::kPending;
    reset.decided_at.reset();
    reset.note.clear();
    store::Change change =
        ChangeBy(caller, formats::json::Encode(reviewer), formats::json::Encode(reset));
    DEBRIEF_RETURN_IF_ERROR(store.reviewers().Update(reset, reviewer.version, change));
  }
  return core::Ok();
}

core::Result<core::Incident> SetStatus(store::Store& store, const core::Principal& caller,
                                       const core::Incident& current, core::ReviewStatus status,
                                       int64_t expected_version) {
  core::Incident updated = current;
  updated.review_status = status;
  store::Change change =
      ChangeBy(caller, formats::json::Encode(current), formats::json::Encode(updated));
  return store.UpdateIncident(updated, expected_version, change);
}

// The reviewers of the new round: those named before and named again are kept (their decisions
// reset), the others removed, and the newly named added.
core::Result<void> NameReviewers(store::Store& store, const core::Principal& caller,
                                 const core::Incident& incident,
                                 const std::vector<int64_t>& wanted) {
  auto& reviewers = store.reviewers();
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Reviewer> current, reviewers.List(incident.id));
  std::vector<core::Reviewer> kept;
  for (const core::Reviewer& reviewer : current) {
    if (std::find(wanted.begin(), wanted.end(), reviewer.user_id) != wanted.end()) {
      kept.push_back(reviewer);
      continue;
    }
    DEBRIEF_RETURN_IF_ERROR(
        reviewers.Delete(incident.id, reviewer.id, reviewer.version,
                         ChangeBy(caller, formats::json::Encode(reviewer), {})));
  }
  DEBRIEF_RETURN_IF_ERROR(ResetDecisions(store, caller, kept));
  for (int64_t user_id : wanted) {
    bool named = std::any_of(kept.begin(), kept.end(), [&](const core::Reviewer& reviewer) {
      return reviewer.user_id == user_id;
    });
    if (named) continue;
    core::Reviewer reviewer;
    reviewer.incident_id = incident.id;
    reviewer.user_id = user_id;
    reviewer.requested_by = caller.user_id;
    DEBRIEF_RETURN_IF_ERROR(
        reviewers.Insert(reviewer, ChangeBy(caller, {}, formats::json::Encode(reviewer))));
  }
  return core::Ok();
}

}  // namespace

core::Result<core::Incident> RequestReview(store::Store& store, Notifier notifier,
                                           const core::Principal& caller, std::string_view key,
                                           int64_t expected_version,
                                           const std::vector<int64_t>& reviewers) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, store.GetIncident(key));
  DEBRIEF_RETURN_IF_ERROR(core::CheckCanRequestReview(incident.review_status, incident.key));
  if (incident.status != core::IncidentStatus::kResolved) {
    return core::Error::Conflict("the incident is not resolved yet; its review starts afterwards",
                                 "status");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewRule rule, RuleOf(store, incident));
  DEBRIEF_RETURN_IF_ERROR(CheckReviewers(store, caller, incident, reviewers, rule));
  core::Incident stored;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_RETURN_IF_ERROR(NameReviewers(store, caller, incident, reviewers));
    DEBRIEF_ASSIGN_OR_RETURN(stored, SetStatus(store, caller, incident,
                                               core::ReviewStatus::kInReview, expected_version));
    DEBRIEF_RETURN_IF_ERROR(QueueReviewRequested(store, stored, reviewers, caller.user_id));
    DEBRIEF_RETURN_IF_ERROR(notifier.ReviewRequested(stored, reviewers, caller.user_id));
    return core::Ok();
  }));
  return stored;
}

core::Result<core::Incident> DecideReview(store::Store& store, const core::Principal& caller,
                                          core::Timestamp now, std::string_view key,
                                          int64_t expected_version, core::ReviewDecision decision,
                                          const std::string& note) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, store.GetIncident(key));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Reviewer> reviewers,
                           store.reviewers().List(incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(const core::Reviewer* mine,
                           core::AuthorizeReviewDecision(caller, reviewers));
  DEBRIEF_RETURN_IF_ERROR(core::CheckCanDecide(incident.review_status));
  // A copy: `mine` points into `reviewers`, which takes the decision below.
  const core::Reviewer before = *mine;
  core::Reviewer decided = before;
  decided.decision = decision;
  decided.decided_at = now;
  decided.note = note;
  if (decision == core::ReviewDecision::kChangesRequested && core::IsBlank(decided.note)) {
    return core::Error::InvalidArgument("say what should change: the note is required", "note");
  }
  for (core::Reviewer& reviewer : reviewers) {
    if (reviewer.id == decided.id) reviewer = decided;
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewRule rule, RuleOf(store, incident));
  core::ReviewStatus status = core::StatusAfterDecisions(reviewers, rule);
  core::Incident stored;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    store::Change change =
        ChangeBy(caller, formats::json::Encode(before), formats::json::Encode(decided));
    DEBRIEF_RETURN_IF_ERROR(store.reviewers().Update(decided, before.version, change));
    DEBRIEF_ASSIGN_OR_RETURN(stored, SetStatus(store, caller, incident, status, expected_version));
    return core::Ok();
  }));
  return stored;
}

core::Result<core::Incident> ReopenReview(store::Store& store, const core::Principal& caller,
                                          std::string_view key, int64_t expected_version) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, store.GetIncident(key));
  DEBRIEF_RETURN_IF_ERROR(core::CheckCanReopen(incident.review_status));
  core::Incident stored;
  DEBRIEF_RETURN_IF_ERROR(store.InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Reviewer> reviewers,
                             store.reviewers().List(incident.id));
    DEBRIEF_RETURN_IF_ERROR(ResetDecisions(store, caller, reviewers));
    DEBRIEF_ASSIGN_OR_RETURN(stored, SetStatus(store, caller, incident,
                                               core::ReviewStatus::kReopened, expected_version));
    return core::Ok();
  }));
  return stored;
}

}  // namespace debrief::app
