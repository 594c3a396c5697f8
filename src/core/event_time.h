// Times as the systems debrief imports from write them: RFC 3339 (Alertmanager, PagerDuty,
// Kubernetes), seconds, milliseconds, microseconds or nanoseconds since the Unix epoch, as
// numbers or as strings (journald writes microseconds as strings), and Slack's "ts"
// ("seconds.micros"). Integers are parsed as integers: nanosecond stamps exceed 2^53, where a
// double would already round them. Every result is a Timestamp (milliseconds, truncated).
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace debrief::core {

enum class EventTimeFormat {
  kAuto,  // RFC 3339, or an epoch number whose unit its size gives (see ParseEventTime).
  kRfc3339,
  kEpochSeconds,  // May carry a fraction: "1700000000.25".
  kEpochMillis,
  kEpochMicros,
  kEpochNanos,
  kSlackTs,  // "1700000000.123456".
};

// The format named as in an importer's --time-format option: "auto", "rfc3339", "s", "ms",
// "us", "ns", "slack".
std::optional<EventTimeFormat> ParseEventTimeFormat(std::string_view name);

// Reads `text` in `format`. With kAuto, an integer's unit is taken from its size: below 10^11
// seconds (up to the year 5138), below 10^14 milliseconds, below 10^17 microseconds, else
// nanoseconds; a number with a fraction is seconds. The error says what was expected.
Result<Timestamp> ParseEventTime(std::string_view text, EventTimeFormat format);

}  // namespace debrief::core
