// The review pulse as people use it (core/pulse.h): the incident's participants answer its two
// questions once it is resolved, once each; anyone who reads the incident sees its counts once
// enough people answered; everyone signed in sees the counts over all reviews.
#pragma once

#include <optional>

#include "core/authorization.h"
#include "core/incident.h"
#include "core/pulse.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::app {

struct PulseView {
  bool can_answer = false;  // A participant who has not answered, the incident resolved.
  bool answered = false;    // The reader answered already.
  int64_t responses = 0;
  std::optional<core::PulseTally> counts;  // Only from core::kPulseShownFrom answers.
};

core::Result<PulseView> ReadPulse(store::Store& store, const core::Principal& reader,
                                  const core::Incident& incident);

// Refused when the reader is not a participant (kPermissionDenied), the incident is not
// resolved (kFailedPrecondition) or they answered already (kAlreadyExists).
core::Result<PulseView> AnswerPulse(store::Store& store, const core::Principal& reader,
                                    const core::Incident& incident, const core::PulseAnswer& answer,
                                    const store::Change& change);

struct PulseSummary {
  int64_t responses = 0;
  int64_t reviews = 0;                     // Reviews with at least one answer.
  std::optional<core::PulseTally> counts;  // Only from core::kPulseShownFrom answers.
};
core::Result<PulseSummary> PulseOverAllReviews(store::Store& store);

}  // namespace debrief::app
