// Imported times: every unit and shape the formats directory shows, and what is refused.
#include "core/event_time.h"

#include <gtest/gtest.h>

namespace debrief::core {
namespace {

std::string Read(std::string_view text, EventTimeFormat format = EventTimeFormat::kAuto) {
  auto instant = ParseEventTime(text, format);
  return instant ? FormatRfc3339(*instant) : "error: " + instant.error().message();
}

TEST(EventTime, Rfc3339WithNanosecondsAndOffsets) {
  // Alertmanager's amtool writes nanoseconds; Prometheus milliseconds.
  EXPECT_EQ(Read("2026-11-24T11:05:56.660862661Z"), "2026-11-24T11:05:56.660Z");
  EXPECT_EQ(Read("2026-11-24T12:05:56.5+01:00", EventTimeFormat::kRfc3339),
            "2026-11-24T11:05:56.500Z");
  EXPECT_EQ(Read("0001-01-01T00:00:00Z"), "0001-01-01T00:00:00Z");  // Alertmanager's "unset".
}

TEST(EventTime, EpochUnitsByOptionAndBySize) {
  EXPECT_EQ(Read("1795518832"), "2026-11-24T11:13:52Z");
  EXPECT_EQ(Read("1795518832069"), "2026-11-24T11:13:52.069Z");
  // journald: microseconds, as a string.
  EXPECT_EQ(Read("1795518832069934"), "2026-11-24T11:13:52.069Z");
  // Nanoseconds beyond 2^53: a double would already be off by hundreds of nanoseconds.
  EXPECT_EQ(Read("1795518832069934999"), "2026-11-24T11:13:52.069Z");
  EXPECT_EQ(Read("1795518832069", EventTimeFormat::kEpochMillis), "2026-11-24T11:13:52.069Z");
  EXPECT_EQ(Read("1795518832", EventTimeFormat::kEpochSeconds), "2026-11-24T11:13:52Z");
  EXPECT_EQ(Read("1795518832069934", EventTimeFormat::kEpochMicros), "2026-11-24T11:13:52.069Z");
  EXPECT_EQ(Read("1795518832069934999", EventTimeFormat::kEpochNanos), "2026-11-24T11:13:52.069Z");
  EXPECT_EQ(Read("0", EventTimeFormat::kEpochSeconds), "1970-01-01T00:00:00Z");
}

TEST(EventTime, FractionalSecondsAndSlackTs) {
  EXPECT_EQ(Read("1795518832.25"), "2026-11-24T11:13:52.250Z");
  EXPECT_EQ(Read("1736503234.123456", EventTimeFormat::kSlackTs), "2025-01-10T10:00:34.123Z");
  EXPECT_EQ(Read("1736503234.000200", EventTimeFormat::kSlackTs), "2025-01-10T10:00:34Z");
}

TEST(EventTime, RefusesWhatIsNotATime) {
  for (std::string_view bad :
       {"", "yesterday", "-5", "+5", "12ab", "1795518832.", ".5", "1795518832.2x",
        "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "99999999999999999999"}) {
    EXPECT_FALSE(ParseEventTime(bad, EventTimeFormat::kAuto)) << bad;
  }
  EXPECT_EQ(Read("1795518832.5", EventTimeFormat::kEpochMillis),
            "error: \"1795518832.5\" is not a whole number of milliseconds");
  EXPECT_EQ(Read("soon", EventTimeFormat::kSlackTs),
            "error: \"soon\" is not a Slack ts (seconds.micros)");
  EXPECT_EQ(Read("1795518832", EventTimeFormat::kRfc3339),
            "error: \"1795518832\" is not an RFC 3339 time (2026-03-14T09:26:53Z)");
  // Seconds too large to hold as milliseconds.
  EXPECT_FALSE(ParseEventTime("9223372036854775", EventTimeFormat::kEpochSeconds));
}

TEST(EventTime, FormatNamesAsOptionsGiveThem) {
  EXPECT_EQ(ParseEventTimeFormat("ns"), EventTimeFormat::kEpochNanos);
  EXPECT_EQ(ParseEventTimeFormat("slack"), EventTimeFormat::kSlackTs);
  EXPECT_EQ(ParseEventTimeFormat("auto"), EventTimeFormat::kAuto);
  EXPECT_FALSE(ParseEventTimeFormat("Seconds"));
}

}  // namespace
}  // namespace debrief::core
