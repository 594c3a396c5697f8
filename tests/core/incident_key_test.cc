#include "core/incident_key.h"

#include <gtest/gtest.h>

namespace debrief::core {
namespace {

TEST(IncidentKey, PadsNumbersToFourDigits) {
  EXPECT_EQ(FormatIncidentKey({2026, 42}), "INC-2026-0042");
  EXPECT_EQ(FormatIncidentKey({2026, 12345}), "INC-2026-12345");
}

TEST(IncidentKey, ParsesWhatItFormats) {
  auto key = ParseIncidentKey("INC-2026-0042");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->year, 2026);
  EXPECT_EQ(key->number, 42);
}

TEST(IncidentKey, RejectsOtherShapes) {
  for (const char* text : {"INC-2026-42", "inc-2026-0042", "INC-26-0042", "INC-2026-00a2",
                           "INC-2026-0000", "INC-2026-0042 ", ""}) {
    EXPECT_FALSE(ParseIncidentKey(text)) << text;
  }
}

}  // namespace
}  // namespace debrief::core
