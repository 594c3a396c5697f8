// TimeZone: the zone of local times in an imported log, given as people write it: an IANA name
// ("Europe/Berlin", from the system's tzdata), "UTC", or a fixed offset ("+02:00", "-0530",
// "UTC+2"). Daylight saving is the zone's own: a time that happens twice (clocks going back) is
// the first; a time that never happens (clocks going forward) is moved on by the gap.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace date {
class time_zone;
}

namespace debrief::ingest {

// A date and time with no zone or offset, as spreadsheets and many logs write them:
// "YYYY-MM-DD HH:MM", with seconds and a fraction optional, "T" or a space between.
struct LocalDateTime {
  core::Date day;
  std::chrono::milliseconds time{0};
};
std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text);

// The IANA zone a place names as the tz database knows it ("Berlin" -> "Europe/Berlin", "New
// York" or "new_york" -> "America/New_York"), by the last part of the zones' names; empty
// when no zone is named after it.
std::string ZoneOfPlace(std::string_view place);

// Whether the tz database names a zone, or a link to one, so ("Europe/Berlin", "US/Pacific"):
// a lookup in the names read once, for text that is searched for zone names word by word.
bool IsZoneName(std::string_view name);

class TimeZone {
 public:
  TimeZone() = default;  // UTC.
  static core::Result<TimeZone> Parse(std::string_view name);

  // The instant of a local date and time in this zone.
  core::Timestamp ToUtc(std::chrono::sys_days day, std::chrono::milliseconds time_of_day) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_ = "UTC";
  const date::time_zone* zone_ = nullptr;  // Null: a fixed offset.
  std::chrono::minutes offset_{0};
};

}  // namespace debrief::ingest
