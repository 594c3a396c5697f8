// The review workflow over HTTP: where the review stands, asking named people to review it, their
// decisions, and reopening a published review. The use cases are app/review_workflow.h; these
// decode the request and answer with the review as GET shows it.
//
// GET  /incidents/{key}/review           -> the status, rule, due date, reviewers, comment counts
// POST /incidents/{key}/review/request   {"reviewers": [user ids]}       (If-Match: incident)
// POST /incidents/{key}/review/decision  {"decision": "approve" | "request_changes", "note"}
// POST /incidents/{key}/review/reopen    (no body)                       (If-Match: incident)
// Each answers with the review as GET shows it; its "version" is the incident's.
#include <boost/json.hpp>

#include "app/review_workflow.h"
#include "formats/json/record_json.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/review_state.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

// "reviewers": a list of user ids (which of them may review is the use case's to say).
core::Result<std::vector<int64_t>> ReadReviewers(const bj::object& body) {
  const bj::value* value = body.if_contains("reviewers");
  if (value == nullptr || !value->is_array()) {
    return core::Error::InvalidArgument("reviewers must be a list of user ids, at least one",
                                        "reviewers");
  }
  std::vector<int64_t> ids;
  for (const bj::value& item : value->get_array()) {
    if (!item.is_int64() || item.get_int64() <= 0) {
      return core::Error::InvalidArgument("reviewers must be a list of user ids", "reviewers");
    }
    ids.push_back(item.get_int64());
  }
  return ids;
}

core::Result<core::ReviewDecision> ReadDecision(const bj::object& body) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string decision, StringField(body, "decision"));
  if (decision == "approve") return core::ReviewDecision::kApproved;
  if (decision == "request_changes") return core::ReviewDecision::kChangesRequested;
  return core::Error::InvalidArgument("decision must be one of: approve, request_changes",
                                      "decision");
}

// The note is prose like a reviewer's record field: the same codec checks its type, UTF-8 and
// length.
core::Result<std::string> ReadNote(const bj::object& body) {
  core::Reviewer decided;
  if (const bj::value* note = body.if_contains("note")) {
    DEBRIEF_RETURN_IF_ERROR(formats::json::Apply(bj::object{{"note", *note}},
                                                 formats::json::ApplyMode::kPatch, decided));
  }
  return decided.note;
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
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<int64_t> reviewers, ReadReviewers(body));
  DEBRIEF_ASSIGN_OR_RETURN(
      core::Incident stored,
      app::RequestReview(context.store(), NotifierFor(context), context.caller(),
                         context.path_parameters.at(0), expected_version, reviewers));
  return Answer(context, stored);
}

core::Result<ApiResponse> DecideReview(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"decision", "note"}));
  DEBRIEF_ASSIGN_OR_RETURN(core::ReviewDecision decision, ReadDecision(body));
  DEBRIEF_ASSIGN_OR_RETURN(std::string note, ReadNote(body));
  DEBRIEF_ASSIGN_OR_RETURN(
      core::Incident stored,
      app::DecideReview(context.store(), context.caller(), context.services.clock.Now(),
                        context.path_parameters.at(0), expected_version, decision, note));
  return Answer(context, stored);
}

core::Result<ApiResponse> ReopenReview(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(int64_t expected_version, context.ExpectedVersion());
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident stored,
                           app::ReopenReview(context.store(), context.caller(),
                                             context.path_parameters.at(0), expected_version));
  return Answer(context, stored);
}

}  // namespace debrief::http::handlers
