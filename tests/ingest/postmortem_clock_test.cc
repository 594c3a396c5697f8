// The stamps rows of postmortem timelines start with, the dates and zones their notes name.
#include "ingest/postmortem_clock.h"

#include <gtest/gtest.h>

namespace debrief::ingest {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

core::Date Day(const char* text) { return *core::ParseDate(text); }
milliseconds Clock(int hour, int minute) { return hours(hour) + minutes(minute); }

struct StampCase {
  const char* text;
  std::optional<const char*> day;
  std::optional<milliseconds> time;
  const char* zone;
  const char* rest;  // The row's text after the stamp.
};

TEST(PostmortemClock, ReadsTheStampsRowsStartWith) {
  const StampCase cases[] = {
      {"14:05 - pool exhausted", {}, Clock(14, 5), "", "pool exhausted"},
      {"2:14 pm - runner approved", {}, Clock(14, 14), "", "runner approved"},
      {"08:52 PM", {}, Clock(20, 52), "", ""},
      {"12:30 AM: backups start", {}, Clock(0, 30), "", "backups start"},
      {"13:55 PM PST: alarms fire", {}, Clock(13, 55), "PST", "alarms fire"},
      {"21:17 UTC: crates published", {}, Clock(21, 17), "UTC", "crates published"},
      {"13:14 EDT (17:14 UTC): a report", {}, Clock(13, 14), "EDT", "a report"},
      {"12:48 (6:48 PDT): the last block", {}, Clock(12, 48), "", "the last block"},
      {"2019-12-04 00:30 | nodes deleted", "2019-12-04", Clock(0, 30), "", "nodes deleted"},
      {"07-27-2023 2:14 pm - approved", "2023-07-27", Clock(14, 14), "", "approved"},
      {"07/27/2023 11:51 am access gained", "2023-07-27", Clock(11, 51), "", "access gained"},
      {"2026-03-14T10:02:31Z rollback", "2026-03-14", Clock(10, 2) + std::chrono::seconds(31),
       "UTC", "rollback"},
      {"Jan 14, 10:18 AM", "2026-01-14", Clock(10, 18), "", ""},
      {"12:45 PM PST Saturday Oct 30th: first wave", "2026-10-30", Clock(12, 45), "PST",
       "first wave"},
      {"[08:47] bump merged", {}, Clock(8, 47), "", "bump merged"},
      {"[03-26 17:40] node upgrade", "2026-03-26", Clock(17, 40), "", "node upgrade"},
      {"14:20-2:00 Through the next two hours",
       {},
       Clock(14, 20),
       "",
       "Through the next two hours"},
      {"7:09 AM Eastern: token reported", {}, Clock(7, 9), "Eastern", "token reported"},
      {"May 31 contract deployed", "2026-05-31", {}, "", "contract deployed"},
      {"October 3, 2025 - SDK released", "2025-10-03", {}, "", "SDK released"},
      {"2023-03-03: image pushed", "2023-03-03", {}, "", "image pushed"},
  };
  for (const StampCase& expected : cases) {
    SCOPED_TRACE(expected.text);
    std::string_view text = expected.text;
    auto stamp = ReadRowStamp(text, 2026);
    ASSERT_TRUE(stamp);
    EXPECT_EQ(stamp->day, expected.day ? std::optional<core::Date>(Day(*expected.day))
                                       : std::optional<core::Date>());
    EXPECT_EQ(stamp->time, expected.time);
    EXPECT_EQ(stamp->zone, expected.zone);
    EXPECT_EQ(text.substr(stamp->length), expected.rest);
    EXPECT_FALSE(stamp->placeholder);
  }
}

TEST(PostmortemClock, PlaceholdersAreStampsWithoutATime) {
  for (const char* text : {"XX:XX - page sent", "??:?? unknown", "2023-MM-DD: token created"}) {
    SCOPED_TRACE(text);
    auto stamp = ReadRowStamp(text, 2026);
    ASSERT_TRUE(stamp);
    EXPECT_TRUE(stamp->placeholder);
    EXPECT_FALSE(stamp->time);
  }
}

TEST(PostmortemClock, NumbersThatAreNoTimesStartNoRow) {
  for (const char* text : {"1st wave: 1071900 - 1072525", "3 nodes failed", "1.2.3 released",
                           "25:00 is no time", "10:75 neither", "14:05pool", "v1.10 shipped",
                           "2026-13-01 no month", "Mayday", "The 14:05 deploy"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(ReadRowStamp(text, 2026));
  }
  // A date without a year, and no year to complete it.
  auto yearless = ReadRowStamp("Oct 30th: storm", std::nullopt);
  ASSERT_TRUE(yearless);
  EXPECT_FALSE(yearless->day);
  EXPECT_TRUE(yearless->day_without_year);
}

TEST(PostmortemClock, FindsTheDatesAndZonesNotesName) {
  EXPECT_EQ(FindDate("PostHog Surveys SDK Bug - October 3, 2025", std::nullopt), Day("2025-10-03"));
  EXPECT_EQ(FindDate("crates.io incident report for 2020-02-20", std::nullopt), Day("2020-02-20"));
  EXPECT_EQ(FindDate("Date: January 14-19, 2026", std::nullopt), Day("2026-01-14"));
  EXPECT_EQ(FindDate("On May 9th 2021 at 6:48AM PDT, blocks stopped", std::nullopt),
            Day("2021-05-09"));
  EXPECT_EQ(FindDate("February 5th, 2019 Partial Outage", std::nullopt), Day("2019-02-05"));
  EXPECT_EQ(FindDate("Incident report May 12 2025 - provisioning", std::nullopt),
            Day("2025-05-12"));
  EXPECT_EQ(FindDate("## May 12", 2025), Day("2025-05-12"));
  EXPECT_FALSE(FindDate("Version 1.10.8 of 3 nodes", std::nullopt));

  EXPECT_EQ(FindZone("All times in UTC."), "UTC");
  EXPECT_EQ(FindZone("Timeline (all times PST ) Saturday Oct 30th 2021"), "PST");
  EXPECT_EQ(FindZone("Date and Time in CET"), "CET");
  EXPECT_EQ(FindZone("_All times in EEST_"), "EEST");
  EXPECT_EQ(FindZone("Times are local to Europe/Berlin"), "Europe/Berlin");
  EXPECT_EQ(FindZone("All times approximate"), "");
  EXPECT_EQ(FindZone("PM and AM are not zones, nor is PAGE"), "");

  EXPECT_EQ(ZoneName("PST"), "America/Los_Angeles");
  EXPECT_EQ(ZoneName("PDT"), "America/Los_Angeles");
  EXPECT_EQ(ZoneName("IST"), "Asia/Kolkata");
  EXPECT_EQ(ZoneName("XYZ"), "");
}

}  // namespace
}  // namespace debrief::ingest
