// The review pulse as people use it (core/pulse.h): the incident's participants answer its two
// questions once it is resolved, once each, until the review is published; then anyone who
// reads the incident sees its counts, if enough people answered; everyone signed in sees the
// counts over all such reviews.
#pragma once

#include <optional>

#include "core/authorization.h"
#include "core/incident.h"
#include "core/pulse.h"
#include "core/result.h"
#include "store/store.h"

namespace debrief::app {

struct PulseView {
  // A participant who has not answered, the incident resolved, the review not yet published.
  bool can_answer = false;
  bool answered = false;  // The reader answered already.
  bool closed = false;    // The review was published: no more answers, the counts final.
  int64_t responses = 0;
  // Once closed, and only from core::kPulseShownFrom answers.
  std::optional<core::PulseTally> counts;
};

core::Result<PulseView> ReadPulse(store::Store& store, const core::Principal& reader,
                                  const core::Incident& incident);

// Refused when the reader is not a participant (kPermissionDenied), the incident is not
// resolved or its review published (kConflict), or they answered already (kAlreadyExists).
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
