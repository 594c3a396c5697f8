// GET /incidents/{key}/facilitation: the facilitator's questions for the review meeting
// (app/facilitation.h), for the incident's facilitator alone.
#include "app/facilitation.h"

#include <boost/json.hpp>

#include "core/authorization.h"
#include "http/anonymised_view.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace debrief::http::handlers {
namespace {

namespace bj = boost::json;

bj::array Strings(const std::vector<std::string>& strings) {
  bj::array array;
  for (const std::string& text : strings) array.emplace_back(text);
  return array;
}

bj::value Person(int64_t participant_id) {
  return participant_id == 0 ? bj::value(nullptr) : bj::value(participant_id);
}

bj::object Encode(const app::Facilitation& facilitation) {
  bj::array questions;
  for (const app::ItemQuestion& question : facilitation.questions) {
    questions.push_back(bj::object{{"ref", question.ref},
                                   {"at", core::FormatRfc3339(question.at)},
                                   {"participant_id", Person(question.participant_id)},
                                   {"kind", core::PromptKindName(question.prompt.kind)},
                                   {"field", question.prompt.field},
                                   {"quote", question.prompt.quote},
                                   {"question", question.prompt.question}});
  }
  bj::array beliefs;
  for (const app::BeliefQuestionAt& belief : facilitation.beliefs) {
    beliefs.push_back(bj::object{{"kind", core::BeliefQuestionKindName(belief.kind)},
                                 {"first", belief.first_ref},
                                 {"second", belief.second_ref},
                                 {"first_at", core::FormatRfc3339(belief.first_at)},
                                 {"second_at", core::FormatRfc3339(belief.second_at)},
                                 {"first_participant_id", Person(belief.first_participant_id)},
                                 {"second_participant_id", Person(belief.second_participant_id)},
                                 {"first_said", belief.first_said},
                                 {"second_said", belief.second_said},
                                 {"subject", belief.subject},
                                 {"question", belief.question}});
  }
  bj::array cards;
  for (const app::CounterfactualCard& card : facilitation.counterfactuals) {
    bj::value decision = nullptr;
    if (card.decision_id) {
      decision = bj::object{{"id", *card.decision_id},
                            {"situation", card.decision_situation},
                            {"pressures", Strings(card.decision_pressures)}};
    }
    cards.push_back(bj::object{{"ref", card.ref},
                               {"field", card.field},
                               {"quote", card.quote},
                               {"participant_id", card.participant_id},
                               {"at", core::FormatRfc3339(card.at)},
                               {"missed", card.missed},
                               {"missed_seen", Strings(card.missed_seen_refs)},
                               {"known_items", card.known_items},
                               {"looking_at", card.looking_at},
                               {"decision", std::move(decision)}});
  }
  bj::array judged;
  for (const app::JudgedLater& record : facilitation.judged_later) {
    judged.push_back(bj::object{{"work_as_done_id", record.work_as_done_id},
                                {"procedure", record.procedure},
                                {"procedure_dated", core::FormatRfc3339(record.procedure_dated)}});
  }
  return bj::object{{"questions", std::move(questions)},
                    {"beliefs", std::move(beliefs)},
                    {"counterfactuals", std::move(cards)},
                    {"judged_later", std::move(judged)}};
}

}  // namespace

core::Result<ApiResponse> GetFacilitation(Context& context) {
  DEBRIEF_ASSIGN_OR_RETURN(core::Incident incident, LoadIncident(context));
  DEBRIEF_ASSIGN_OR_RETURN(bool anonymised, AnonymisedRequested(context));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Participant> participants,
                           context.store().participants().List(incident.id));
  DEBRIEF_RETURN_IF_ERROR(
      core::AuthorizeFacilitation(RelationOf(context, incident, participants),
                                  core::SeesAnonymised(context.caller(), anonymised)));
  core::TimelineOptions options = context.services.timeline_options;
  // The caller's view of the timeline, as their timeline requests keep it.
  std::string view = app::ReaderView(context.caller(), incident, options);
  DEBRIEF_ASSIGN_OR_RETURN(int64_t generation, context.store().IncidentGeneration(incident.id));
  DEBRIEF_ASSIGN_OR_RETURN(
      app::FacilitationInput input,
      app::GatherFacilitation(context.store(), context.caller(), incident, options, view,
                              generation,
                              {context.services.timeline_cache, context.services.event_snapshots}));
  // Reading every entry with the checker and a long timeline's pairs takes long enough to hold
  // up everyone else: it runs on a worker, on what was read here.
  ApiResponse response;
  auto gathered = std::make_shared<const app::FacilitationInput>(std::move(input));
  const language::Checker& checker = context.services.checker;
  response.off_loop = [gathered, &checker]() -> LoopStep {
    auto answer = std::make_shared<ApiResponse>(
        ApiResponse::Json(Encode(app::Facilitate(*gathered, checker))));
    return [answer]() -> core::Result<ApiResponse> { return std::move(*answer); };
  };
  return response;
}

}  // namespace debrief::http::handlers
