// Incident: the thing under review. Identified to people by its key ("INC-2026-0042").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"
#include "core/schema.h"

namespace debrief::core {

struct Incident : Record {
  static constexpr std::string_view kCollection = "incidents";
  static constexpr std::string_view kNoun = "incident";

  std::string key;
  std::string title;
  std::string summary;
  std::string severity;
  IncidentKind kind = IncidentKind::kIncident;
  IncidentStatus status = IncidentStatus::kInvestigating;
  ReviewStatus review_status = ReviewStatus::kNone;
  std::vector<std::string> services;
  std::vector<std::string> tags;
  std::optional<Timestamp> started_at;
  std::optional<Timestamp> detected_at;
  std::optional<Timestamp> mitigated_at;
  std::optional<Timestamp> resolved_at;
  std::string impact;
  std::optional<int64_t> facilitator_id;  // A user id.
  int64_t created_by = 0;                 // A user id.
  // Seen only by its own people and named readers (core::CanSeeRestrictedIncident).
  bool restricted = false;

  static constexpr auto Fields() {
    return std::tuple{
        ServerSet("key", &Incident::key),
        Prose("title", &Incident::title, 200),
        Prose("summary", &Incident::summary, kLongTextLimit),
        Writable("severity", &Incident::severity, 32),
        Writable("kind", &Incident::kind),
        Writable("status", &Incident::status),
        Writable("review_status", &Incident::review_status),
        Writable("services", &Incident::services, 100),
        Writable("tags", &Incident::tags, 100),
        Writable("started_at", &Incident::started_at),
        Writable("detected_at", &Incident::detected_at),
        Writable("mitigated_at", &Incident::mitigated_at),
        Writable("resolved_at", &Incident::resolved_at),
        Prose("impact", &Incident::impact, kLongTextLimit),
        Writable("facilitator_id", &Incident::facilitator_id),
        ServerSet("created_by", &Incident::created_by),
        CreateOnly("restricted", &Incident::restricted),
    };
  }
};

}  // namespace debrief::core
