// ContributingFactor: a condition of the environment that made the failure possible. There is
// deliberately no "root cause": an incident has several factors, each in a category about the
// system and the organisation, never about a person.
#pragma once

#include <string>
#include <vector>

#include "core/enums.h"
#include "core/schema.h"

namespace debrief::core {

struct ContributingFactor : Record {
  static constexpr std::string_view kCollection = "contributing_factors";
  static constexpr std::string_view kNoun = "contributing factor";

  int64_t incident_id = 0;
  FactorCategory category = FactorCategory::kOther;
  std::string text;
  std::vector<std::string> evidence_links;

  static constexpr auto Fields() {
    return std::tuple{
        Internal("incident_id", &ContributingFactor::incident_id),
        Writable("category", &ContributingFactor::category),
        Prose("text", &ContributingFactor::text, kLongTextLimit),
        Link("evidence_links", &ContributingFactor::evidence_links),
    };
  }
};

}  // namespace debrief::core
