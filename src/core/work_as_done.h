// WorkAsDone: a procedure as written (work as imagined) beside what people actually did, and why
// the difference made sense to them.
#pragma once

#include <optional>
#include <string>

#include "core/schema.h"

namespace debrief::core {

struct WorkAsDone : Record {
  static constexpr std::string_view kCollection = "work_as_done";
  static constexpr std::string_view kNoun = "work-as-done record";

  int64_t incident_id = 0;
  std::string procedure;   // A runbook or procedure reference (title or URL).
  std::string prescribed;  // What it says to do.
  std::string done;        // What was actually done.
  std::string why;         // Why the difference made sense at the time.
  // When the procedure, as quoted, was written or last changed. One dated after the incident
  // began was not the rule the people had: judging what they did against it is hindsight.
  std::optional<Timestamp> procedure_dated;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &WorkAsDone::incident_id),
        Prose("procedure", &WorkAsDone::procedure, 2'000),
        Prose("prescribed", &WorkAsDone::prescribed, kLongTextLimit),
        Prose("done", &WorkAsDone::done, kLongTextLimit),
        Prose("why", &WorkAsDone::why, kLongTextLimit),
        Writable("procedure_dated", &WorkAsDone::procedure_dated),
    };
  }
};

}  // namespace debrief::core
