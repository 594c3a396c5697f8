// The review pulse (core/pulse.h): who answered each review's pulse, and the answers' counts,
// kept apart so that no answer is ever stored beside the person who gave it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/pulse.h"
#include "core/result.h"
#include "store/record_store.h"

namespace debrief::store {

using core::Result;

class PulseStore {
 public:
  virtual ~PulseStore() = default;

  // Notes that `user_id` answered the incident's pulse and adds `answer` to its counts, in one
  // write; the audit entry says an answer was given, never which. A second answer by the same
  // person is kAlreadyExists and changes nothing.
  virtual Result<void> AddPulseAnswer(int64_t incident_id, int64_t user_id,
                                      const core::PulseAnswer& answer, const Change& change) = 0;
  virtual Result<bool> AnsweredPulse(int64_t incident_id, int64_t user_id) = 0;
  // The counts of one incident's pulse.
  virtual Result<core::PulseTally> PulseCounts(int64_t incident_id) = 0;
  // The counts over every closed pulse (its review published) that at least `shown_from` people
  // answered: never one a smaller pulse could be told from by subtraction.
  virtual Result<core::PulseTally> PulseCountsOfClosedReviews(int64_t shown_from) = 0;
  // For backups: who answered the incident's pulse (user ids, ascending), and its counts as
  // rows (by question and answer).
  virtual Result<std::vector<int64_t>> ListPulseRespondents(int64_t incident_id) = 0;
  virtual Result<std::vector<core::PulseCount>> ListPulseCounts(int64_t incident_id) = 0;
};

}  // namespace debrief::store
