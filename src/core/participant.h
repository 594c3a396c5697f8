// Participant: a person attached to an incident, with the role they had in it. A participant may
// be a debrief user (user_id set) or someone known only by name.
#pragma once

#include <optional>
#include <string>

#include "core/enums.h"
#include "core/schema.h"

namespace debrief::core {

struct Participant : Record {
  static constexpr std::string_view kCollection = "participants";
  static constexpr std::string_view kNoun = "participant";

  int64_t incident_id = 0;
  std::optional<int64_t> user_id;
  std::string name;
  ParticipantRole role = ParticipantRole::kResponder;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &Participant::incident_id),
        CreateOnly("user_id", &Participant::user_id),
        Writable("name", &Participant::name, 120),
        Writable("role", &Participant::role),
    };
  }
};

}  // namespace debrief::core
