// DecisionPoint: a moment where someone chose among options, recorded with the situation as it
// looked then (the events they could see before it), so the review judges the decision by what
// was knowable at the time and not by hindsight.
#pragma once

#include <string>
#include <vector>

#include "core/schema.h"

namespace debrief::core {

struct DecisionPoint : Record {
  static constexpr std::string_view kCollection = "decision_points";
  static constexpr std::string_view kNoun = "decision point";

  int64_t incident_id = 0;
  Timestamp at{};
  std::string who;  // A role or a person ("incident commander").
  std::string situation;
  std::vector<int64_t> seen_event_ids;  // What the situation looked like: events seen before `at`.
  std::vector<std::string> options;
  std::string choice;
  std::string rationale;  // Why it made sense then.
  // Time pressure, competing goals, fatigue, ambiguous signals, ...
  std::vector<std::string> pressures;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &DecisionPoint::incident_id),
        Writable("at", &DecisionPoint::at),
        Writable("who", &DecisionPoint::who, 120),
        Prose("situation", &DecisionPoint::situation, kLongTextLimit),
        Writable("seen_event_ids", &DecisionPoint::seen_event_ids),
        Prose("options", &DecisionPoint::options, 2'000),
        Prose("choice", &DecisionPoint::choice, 10'000),
        Prose("rationale", &DecisionPoint::rationale, kLongTextLimit),
        Prose("pressures", &DecisionPoint::pressures, 500),
    };
  }
};

}  // namespace debrief::core
