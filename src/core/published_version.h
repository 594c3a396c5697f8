// PublishedVersion: a review as it stood when it was published, frozen. Publishing again after
// more edits makes the next number; every version stays readable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/schema.h"
#include "core/time.h"

namespace debrief::core {

struct PublishedVersion {
  int64_t id = 0;
  int64_t incident_id = 0;
  int64_t number = 0;  // 1, 2, ... within the incident.
  Timestamp published_at{};
  int64_t published_by = 0;  // A user id.
  std::string snapshot;      // The review as JSON, in the export format.

  static constexpr std::string_view kNoun = "published version";
  static constexpr auto Fields() {
    return std::tuple{
        ServerSet("id", &PublishedVersion::id),
        Internal("incident_id", &PublishedVersion::incident_id),
        ServerSet("number", &PublishedVersion::number),
        ServerSet("published_at", &PublishedVersion::published_at),
        ServerSet("published_by", &PublishedVersion::published_by),
        // A snapshot is as long as the review it holds.
        ServerSet("snapshot", &PublishedVersion::snapshot, kUnlimitedText),
    };
  }
};

}  // namespace debrief::core
