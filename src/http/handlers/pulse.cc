// The review pulse (app/pulse.h): GET and POST /incidents/{key}/pulse, and GET /pulse for the
// counts over every review.
#include "app/pulse.h"

#include <boost/json.hpp>

#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

bj::array Questions() {
  bj::array questions;
  for (const core::PulseQuestion& question : core::kPulseQuestions) {
    bj::array answers;
    for (std::string_view answer : question.answers) answers.emplace_back(answer);
    questions.push_back(
        bj::object{{"name", question.name}, {"text", question.text}, {"answers", answers}});
  }
  return questions;
}

bj::value Counts(const std::optional<core::PulseTally>& tally) {
  if (!tally) return nullptr;
  bj::object counts;
  for (const auto& [question, answers] : tally->counts) {
    bj::object by_answer;
    for (const auto& [answer, count] : answers) by_answer[answer] = count;
    counts[question] = std::move(by_answer);
  }
  return counts;
}

ApiResponse Encode(const app::PulseView& view, unsigned status = 200) {
  return ApiResponse::Json(bj::object{{"questions", Questions()},
                                      {"can_answer", view.can_answer},
                                      {"answered", view.answered},
                                      {"closed", view.closed},
                                      {"responses", view.responses},
                                      {"shown_from", core::kPulseShownFrom},
                                      {"counts", Counts(view.counts)}},
                           status);
}

}  // namespace

core::Result<ApiResponse> GetPulse(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(app::PulseView view,
                           app::ReadPulse(context.store(), context.caller(), incident));
  return Encode(view);
}

core::Result<ApiResponse> AnswerPulse(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(bj::object body, context.JsonBody());
  DEBRIEF_RETURN_IF_ERROR(OnlyFields(body, {"learned", "again"}));
  DEBRIEF_ASSIGN_OR_RETURN(std::string learned, StringField(body, "learned"));
  DEBRIEF_ASSIGN_OR_RETURN(std::string again, StringField(body, "again"));
  DEBRIEF_ASSIGN_OR_RETURN(core::PulseAnswer answer, core::CheckPulseAnswer(learned, again));
  // Who answered, not what: the answers stay out of the audit entry.
  store::Change change = ChangeBy(context, {}, {});
  DEBRIEF_ASSIGN_OR_RETURN(app::PulseView view, app::AnswerPulse(context.store(), context.caller(),
                                                                 incident, answer, change));
  return Encode(view, 201);
}

core::Result<ApiResponse> GetPulseSummary(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(app::PulseSummary summary, app::PulseOverAllReviews(context.store()));
  return ApiResponse::Json(bj::object{{"questions", Questions()},
                                      {"responses", summary.responses},
                                      {"reviews", summary.reviews},
                                      {"shown_from", core::kPulseShownFrom},
                                      {"counts", Counts(summary.counts)}});
}

}  // namespace debrief::http::handlers
