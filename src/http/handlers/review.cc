// The review workflow over HTTP: where the review stands, asking named people to review it, their
// decisions, and reopening a published review. core/review_workflow.h holds the rules; these
// handlers load, ask and store, each write in one transaction with the incident's new status.
//
// GET  /incidents/{key}/review           -> the status, rule, due date, reviewers, comment counts
// POST /incidents/{key}/review/request   {"reviewers": [user ids]}       (If-Match: incident)
// POST /incidents/{key}/review/decision  {"decision": "approve" | "request_changes", "note"}
// POST /incidents/{key}/review/reopen    {}                              (If-Match: incident)
// Each answers with the review as GET shows it; its "version" is the incident's.
#include <boost/json.hpp>
#include <set>

#include "app/webhook_events.h"
#include "core/review_workflow.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/review_state.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

constexpr size_t kMaxReviewers = 10;

// The users named in "reviewers": each exists, may write, is not disabled, and is not the caller
// (a review is a second pair of eyes).
core::Result<std::vector<int64_t>> ParseReviewers(Context& context, const bj::object& body,
                                                  const core::ReviewRule& rule) {
  const bj::value* value = body.if_contains("reviewers");
  if (value == nullptr || !value->is_array() || value->get_array().empty()) {
    return core::Error::InvalidArgument("reviewers must be a list of user ids, at least one",
                                        "reviewers");
  }
  if (value->get_array().size() > kMaxReviewers) {
    return core::Error::InvalidArgument(
        "name at most " + std::to_string(kMaxReviewers) + " reviewers", "reviewers");
  }
  std::vector<int64_t> ids;
  std::set<int64_t> seen;
  for (const bj::value& item : value->get_array()) {
    if (!item.is_int64() || item.get_int64() <= 0) {
      return core::Error::InvalidArgument("reviewers must be a list of user ids", "reviewers");
    }
    int64_t id = item.get_int64();
    if (!seen.insert(id).second) {
      return core::Error::InvalidArgument("user " + std::to_string(id) + " is named twice",
                                          "reviewers");
    }
    auto user = context.store().GetUser(id);
    if (!user && user.error().code() != core::ErrorCode::kNotFound) return user.error();
    if (!user) {
      return core::Error::InvalidArgument("user " + std::to_string(id) + " does not exist",
                                          "reviewers");
    }
    DEBRIEF_RETURN_IF_ERROR(core::AuthorizeReviewer(context.caller(), *user));
    ids.push_back(id);
  }
  if (rule.review_required && static_cast<int>(ids.size()) < core::ApprovalsNeeded(rule)) {
    return core::Error::InvalidArgument(rule.severity + " reviews need " +
                                            std::to_string(core::ApprovalsNeeded(rule)) +
                                            " approvals: name at least that many reviewers",
                                        "reviewers");
  }
  return ids;
}

// Every reviewer back to pending, for a new round.
core::Result<void> ResetDecisions(Context& context, const std::vector<core::Reviewer>& reviewers) {
  for (const core::Reviewer& reviewer : reviewers) {
    if (reviewer.decision == core::ReviewDecision::kPending && reviewer.note.empty()) continue;
    core::Reviewer reset = reviewer;
    reset.decision = core::ReviewDecision::kPending;
    reset.decided_at.reset();
    reset.note.clear();
    store::Change change =
        ChangeBy(context, formats::json::Encode(reviewer), formats::json::Encode(reset));
    DEBRIEF_RETURN_IF_ERROR(context.store().reviewers().Update(reset, reviewer.version, change));
  }
  return core::Ok();
}

core::Result<core::Incident> SetStatus(Context& context, const core::Incident& current,
                                       core::ReviewStatus status, int64_t expected_version) {
  core::Incident updated = current;
  updated.review_status = status;
  store::Change change =
      ChangeBy(context, formats::json::Encode(current), formats::json::Encode(updated));
  return context.store().UpdateIncident(updated, expected_version, change);
}

core::Result<ApiResponse> Answer(Context& context, const core::Incident& incident) {
  DEBRIEF_ASSIGN_OR_RETURN(bj::object state, ReviewState(context, incident));
  return ApiResponse::Versioned(state);
}

}  // namespace

core::Result<ApiResponse> GetReview(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  return Answer(context, incident);
}

core::Result<ApiResponse> RequestReview(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"reviewers"}));
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_RETURN_IF_ERROR(core::CheckCanRequestReview(incident.review_status, incident.key));
  if (incident.status != core::IncidentStatus::kResolved) {
    return core::Error::Conflict("the incident is not resolved yet; its review starts afterwards",
                                 "status");
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  core::ReviewRule rule = core::RuleFor(incident.severity, rules);
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> wanted, ParseReviewers(context, body, rule));

  core::Incident stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    auto& reviewers = context.store().reviewers();
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Reviewer> current, reviewers.List(incident.id));
    std::vector<core::Reviewer> kept;
    for (const core::Reviewer& reviewer : current) {
      bool still_wanted = std::find(wanted.begin(), wanted.end(), reviewer.user_id) != wanted.end();
      if (still_wanted) {
        kept.push_back(reviewer);
        continue;
      }
      DEBRIEF_RETURN_IF_ERROR(
          reviewers.Delete(incident.id, reviewer.id, reviewer.version,
                           ChangeBy(context, formats::json::Encode(reviewer), {})));
    }
    DEBRIEF_RETURN_IF_ERROR(ResetDecisions(context, kept));
    for (int64_t user_id : wanted) {
      bool named = std::any_of(kept.begin(), kept.end(), [&](const core::Reviewer& reviewer) {
        return reviewer.user_id == user_id;
      });
      if (named) continue;
      core::Reviewer reviewer;
      reviewer.incident_id = incident.id;
      reviewer.user_id = user_id;
      reviewer.requested_by = context.caller().user_id;
      DEBRIEF_RETURN_IF_ERROR(
          reviewers.Insert(reviewer, ChangeBy(context, {}, formats::json::Encode(reviewer))));
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        stored, SetStatus(context, incident, core::ReviewStatus::kInReview, expected_version));
    DEBRIEF_RETURN_IF_ERROR(
        app::QueueReviewRequested(context.store(), stored, wanted, context.caller().user_id));
    DEBRIEF_RETURN_IF_ERROR(
        NotifierFor(context).ReviewRequested(stored, wanted, context.caller().user_id));
    return core::Ok();
  }));
  return Answer(context, stored);
}

core::Result<ApiResponse> DecideReview(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"decision", "note"}));
  DEBRIEF_ASSIGN_OR_RETURN(std::string decision_text, StringField(body, "decision"));
  core::ReviewDecision decision;
  if (decision_text == "approve") {
    decision = core::ReviewDecision::kApproved;
  } else if (decision_text == "request_changes") {
    decision = core::ReviewDecision::kChangesRequested;
  } else {
    return core::Error::InvalidArgument("decision must be one of: approve, request_changes",
                                        "decision");
  }
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Reviewer> reviewers,
                           context.store().reviewers().List(incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(const core::Reviewer* mine,
                           core::AuthorizeReviewDecision(context.caller(), reviewers));
  DEBRIEF_RETURN_IF_ERROR(core::CheckCanDecide(incident.review_status));

  // A copy: `mine` points into `reviewers`, which takes the decision below.
  const core::Reviewer before = *mine;
  core::Reviewer decided = before;
  decided.decision = decision;
  decided.decided_at = context.services.clock.Now();
  decided.note.clear();
  if (body.contains("note")) {
    // The note is prose like any other: the same codec checks its type, UTF-8 and length.
    DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(bj::object{{"note", body.at("note")}},
                                                 formats::json::ApplyMode::kPatch, decided));
  }
  if (decision == core::ReviewDecision::kChangesRequested && core::IsBlank(decided.note)) {
    return core::Error::InvalidArgument("say what should change: the note is required", "note");
  }
  for (core::Reviewer& reviewer : reviewers) {
    if (reviewer.id == decided.id) reviewer = decided;
  }
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::ReviewRule> rules, context.store().ListReviewRules());
  core::ReviewStatus status =
      core::StatusAfterDecisions(reviewers, core::RuleFor(incident.severity, rules));

  core::Incident stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    store::Change change =
        ChangeBy(context, formats::json::Encode(before), formats::json::Encode(decided));
    DEBRIEF_RETURN_IF_ERROR(context.store().reviewers().Update(decided, before.version, change));
    DEBRIEF_ASSIGN_OR_RETURN(stored, SetStatus(context, incident, status, expected_version));
    return core::Ok();
  }));
  return Answer(context, stored);
}

core::Result<ApiResponse> ReopenReview(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_RETURN_IF_ERROR(core::CheckCanReopen(incident.review_status));
  core::Incident stored;
  DEBRIEF_RETURN_IF_ERROR(context.store().InTransaction([&]() -> core::Result<void> {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Reviewer> reviewers,
                             context.store().reviewers().List(incident.id));
    DEBRIEF_RETURN_IF_ERROR(ResetDecisions(context, reviewers));
    DEBRIEF_ASSIGN_OR_RETURN(
        stored, SetStatus(context, incident, core::ReviewStatus::kReopened, expected_version));
    return core::Ok();
  }));
  return Answer(context, stored);
}

}  // namespace debrief::http::handlers
