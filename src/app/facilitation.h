// The facilitator's walk through a review: at each item of the merged timeline (as the
// facilitator may read it: released accounts and their own, every event) the question worth
// asking in the meeting, generated from what people wrote; where what someone expected is not
// what followed, or two people told of one moment without linking it (only the kinds of
// questions measured at least 0.8 precise, core/belief_questions.h); where a text judges a
// person's action with hindsight ("should have checked the replica lag"), a card that opens what
// that person could know then; and work-as-done records judged against a procedure dated after
// the incident began. Questions, never verdicts, and only for the facilitator
// (core::AuthorizeFacilitation).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/event_import.h"
#include "app/timeline.h"
#include "core/belief_questions.h"
#include "core/decision_point.h"
#include "core/facilitation_prompts.h"
#include "core/incident.h"
#include "core/result.h"
#include "core/work_as_done.h"
#include "language/checker.h"
#include "store/store.h"

namespace debrief::app {

// A question at one item ("entry:12") or decision point ("decision:4").
struct ItemQuestion {
  std::string ref;
  core::Timestamp at{};
  int64_t participant_id = 0;  // The entry's author; 0 for a decision point.
  core::FacilitationPrompt prompt;
};

struct BeliefQuestionAt {
  core::BeliefQuestionKind kind = core::BeliefQuestionKind::kProbablySame;
  std::string first_ref;
  std::string second_ref;
  core::Timestamp first_at{};
  core::Timestamp second_at{};
  int64_t first_participant_id = 0;  // 0: an event.
  int64_t second_participant_id = 0;
  std::string first_said;  // What each side expected, assumed or said.
  std::string second_said;
  std::string subject;
  std::string question;  // Its clocks in UTC.
};

// "X should have checked Y" in an entry at T: what X could see by T, and whether Y was among it.
struct CounterfactualCard {
  std::string ref;  // The entry whose text holds it.
  std::string field;
  std::string quote;           // The sentence.
  int64_t participant_id = 0;  // Whose action it judges.
  core::Timestamp at{};        // When: the entry's time.
  std::string missed;          // What it says they did not do: "checked the replica lag".
  // Items they could know by then that name what was missed; none means it was not on their
  // screen at all, as far as the record shows.
  std::vector<std::string> missed_seen_refs;
  size_t known_items = 0;              // How many items they could know by then.
  std::string looking_at;              // What their latest entry by then says they were looking at.
  std::optional<int64_t> decision_id;  // The decision point nearest then, within 15 minutes.
  std::string decision_situation;
  std::vector<std::string> decision_pressures;
};

// A work-as-done record whose procedure was written or changed after the incident began: the
// people were judged against a rule they did not have.
struct JudgedLater {
  int64_t work_as_done_id = 0;
  std::string procedure;
  core::Timestamp procedure_dated{};
};

struct Facilitation {
  std::vector<ItemQuestion> questions;  // In time order.
  std::vector<BeliefQuestionAt> beliefs;
  std::vector<CounterfactualCard> counterfactuals;
  std::vector<JudgedLater> judged_later;
};

// What the questions are made from, read from the store (on the event loop).
struct FacilitationInput {
  core::Incident incident;
  std::shared_ptr<const CachedTimeline> timeline;  // The facilitator's view of it.
  std::vector<core::DecisionPoint> decisions;
  std::vector<core::WorkAsDone> work_as_done;
  // Whom an event's actor is, when a participant (their chat message is theirs).
  ParticipantNames participant_names;
};

core::Result<FacilitationInput> GatherFacilitation(store::Store& store,
                                                   const core::Principal& facilitator,
                                                   const core::Incident& incident,
                                                   const core::TimelineOptions& options,
                                                   const std::string& view, int64_t generation,
                                                   TimelineCaches caches);

// The questions: no I/O, so it runs on a worker (a long timeline takes a tenth of a second and
// more; bench/belief_bench.cc).
Facilitation Facilitate(const FacilitationInput& input, const language::Checker& checker);

}  // namespace debrief::app
