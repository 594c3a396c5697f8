// Restricted incidents (a security incident, a review about one person's mistake made public too
// early): who besides the incident's own people may see one. core::CanSeeIncident decides with
// these; the store keeps them (store::IncidentStore).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace debrief::core {

// The people and groups an incident's readers are named as.
struct IncidentReaders {
  std::vector<int64_t> user_ids;   // Ascending, each once.
  std::vector<int64_t> group_ids;  // Ascending, each once.

  bool operator==(const IncidentReaders&) const = default;
};

// A restricted incident with everyone who may see it: the person who opened it, its
// facilitator, the users among its participants, and its readers.
struct RestrictedIncident {
  int64_t incident_id = 0;
  int64_t created_by = 0;
  std::optional<int64_t> facilitator_id;
  std::vector<int64_t> participant_user_ids;  // Ascending, each once.
  IncidentReaders readers;
};

}  // namespace debrief::core
