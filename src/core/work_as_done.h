// WorkAsDone: a procedure as written (work as imagined) beside what people actually did, and why
// the difference made sense to them.
#pragma once

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

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &WorkAsDone::incident_id),
        Prose("procedure", &WorkAsDone::procedure, 2'000),
        Prose("prescribed", &WorkAsDone::prescribed, kLongTextLimit),
        Prose("done", &WorkAsDone::done, kLongTextLimit),
        Prose("why", &WorkAsDone::why, kLongTextLimit),
    };
  }
};

}  // namespace debrief::core
