#include "core/time.h"

#include <gtest/gtest.h>

namespace debrief::core {
namespace {

TEST(Rfc3339, ParsesUtcWithAndWithoutFraction) {
  auto plain = ParseRfc3339("2026-03-14T09:26:53Z");
  ASSERT_TRUE(plain);
  EXPECT_EQ(FormatRfc3339(*plain), "2026-03-14T09:26:53Z");
  auto fraction = ParseRfc3339("2026-03-14T09:26:53.5Z");
  ASSERT_TRUE(fraction);
  EXPECT_EQ(ToEpochMillis(*fraction) - ToEpochMillis(*plain), 500);
  EXPECT_EQ(FormatRfc3339(*fraction), "2026-03-14T09:26:53.500Z");
}

TEST(Rfc3339, AppliesOffsets) {
  auto east = ParseRfc3339("2026-03-14T10:26:53+01:00");
  auto west = ParseRfc3339("2026-03-14T04:56:53-04:30");
  ASSERT_TRUE(east && west);
  EXPECT_EQ(FormatRfc3339(*east), "2026-03-14T09:26:53Z");
  EXPECT_EQ(FormatRfc3339(*west), "2026-03-14T09:26:53Z");
}

TEST(Rfc3339, TruncatesPastMilliseconds) {
  auto nanos = ParseRfc3339("2026-03-14T09:26:53.123456789Z");
  ASSERT_TRUE(nanos);
  EXPECT_EQ(FormatRfc3339(*nanos), "2026-03-14T09:26:53.123Z");
}

TEST(Rfc3339, RejectsMalformedAndImpossibleTimes) {
  for (const char* text :
       {"", "2026-03-14", "2026-03-14T09:26:53", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-03-14T24:00:00Z", "2026-03-14T09:60:00Z", "2026-03-14T09:26:53.Z",
        "2026-03-14T09:26:53+0100", "2026-03-14T09:26:53Zjunk", "yesterday at noon"}) {
    EXPECT_FALSE(ParseRfc3339(text)) << text;
  }
}

TEST(Rfc3339, AcceptsLeapDayAndLowerCase) {
  EXPECT_TRUE(ParseRfc3339("2028-02-29t12:00:00z"));
  EXPECT_FALSE(ParseRfc3339("2027-02-29T12:00:00Z"));
}

TEST(Dates, RoundTripAndRejectJunk) {
  auto date = ParseDate("2026-04-01");
  ASSERT_TRUE(date);
  EXPECT_EQ(FormatDate(*date), "2026-04-01");
  EXPECT_FALSE(ParseDate("2026-4-1"));
  EXPECT_FALSE(ParseDate("2026-04-31"));
  EXPECT_FALSE(ParseDate("2026-04-01T00:00:00Z"));
}

}  // namespace
}  // namespace debrief::core
