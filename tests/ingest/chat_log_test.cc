// Plain-text chat logs: the line shapes IRC clients and bridges write, days from the log or the
// caller, midnight, local time zones with daylight saving, and lines that cannot be placed.
#include "ingest/chat_log.h"

#include <gtest/gtest.h>

#include "ingest/import_fixture.h"

namespace debrief::ingest {
namespace {

class ChatLogTest : public ImportFixture {
 protected:
  core::Result<std::vector<core::TimelineEvent>> Import(const std::string& bytes,
                                                        std::optional<core::Date> day = {},
                                                        std::string zone = "UTC") {
    std::string path = Write("chat.log", bytes);
    DEBRIEF_ASSIGN_OR_RETURN(TimeZone time_zone, TimeZone::Parse(zone));
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> lines, LineReader::Open(path));
    ChatLogSource source(std::move(lines), day, std::move(time_zone));
    return ReadAll(source);
  }
};

core::Timestamp At(const char* text) { return *core::ParseRfc3339(text); }

TEST_F(ChatLogTest, TheLineShapesOfCommonClients) {
  auto events = Import(
      "[09:59] <@priya> payments 5xx are up\n"
      "10:00 <+marcus> checking the pool\n"
      "[2026-03-14 10:01:30] sam: paging the DBA\n"
      "2026-03-14 10:02:00\tlena\tpool maxed at 20\n"
      "[10:03 AM] * priya restarts pod 3\n"
      "[2026-03-14T10:04:05.250] <priya> a multi-line paste:\n"
      "    max_connections = 20\n"
      "\n"
      "[12:30 PM] <marcus> lunch-time check\n",
      core::ParseDate("2026-03-14"));
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 7u);
  auto expect = [&](size_t index, const char* at, const char* actor, const char* text) {
    SCOPED_TRACE(index);
    EXPECT_EQ((*events)[index].at, At(at));
    EXPECT_EQ((*events)[index].actor, actor);
    EXPECT_EQ((*events)[index].text, text);
    EXPECT_EQ((*events)[index].kind, core::EventKind::kCommunication);
    EXPECT_TRUE((*events)[index].source.starts_with("import:chat:"));
  };
  expect(0, "2026-03-14T09:59:00Z", "priya", "payments 5xx are up");
  expect(1, "2026-03-14T10:00:00Z", "marcus", "checking the pool");
  expect(2, "2026-03-14T10:01:30Z", "sam", "paging the DBA");
  expect(3, "2026-03-14T10:02:00Z", "lena", "pool maxed at 20");
  expect(4, "2026-03-14T10:03:00Z", "priya", "priya restarts pod 3");
  expect(5, "2026-03-14T10:04:05Z", "priya", "a multi-line paste:\nmax_connections = 20");
  expect(6, "2026-03-14T12:30:00Z", "marcus", "lunch-time check");
}

TEST_F(ChatLogTest, DaysComeFromTheLogOrTheCallerAndMidnightMovesThemOn) {
  auto events = Import(
      "--- Log opened Sat Mar 14 23:50:00 2026\n"
      "[23:58] -!- sam [~sam@host] has joined #inc\n"
      "[23:59] <sam> still seeing errors\n"
      "[00:02] <sam> past midnight\n"
      "--- Day changed Mon Mar 16 2026\n"
      "[08:00] <lena> review at nine\n");
  ASSERT_TRUE(events) << events.error().message();
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].at, At("2026-03-14T23:59:00Z"));
  EXPECT_EQ((*events)[1].at, At("2026-03-15T00:02:00Z"));
  EXPECT_EQ((*events)[2].at, At("2026-03-16T08:00:00Z"));

  auto undated = Import("[10:00] <sam> when was this?\n");
  ASSERT_FALSE(undated);
  EXPECT_NE(undated.error().message().find("chat.log:1: the log gives times without a date"),
            std::string::npos);
  auto headed = Import("Conversation export\n[10:00] <sam> hi\n", core::ParseDate("2026-03-14"));
  ASSERT_FALSE(headed);
  EXPECT_NE(headed.error().message().find("chat.log:1: no time at the start"), std::string::npos);
}

TEST_F(ChatLogTest, LocalTimesFollowTheZoneAndItsDaylightSaving) {
  // Berlin moves from UTC+1 to UTC+2 at 02:00 on 2026-03-29; 02:30 that night never happens.
  auto events = Import(
      "[2026-03-28 10:00] <a> winter\n"
      "[2026-03-29 02:30] <a> in the gap\n"
      "[2026-03-29 10:00] <a> summer\n",
      {}, "Europe/Berlin");
  ASSERT_TRUE(events) << events.error().message();
  EXPECT_EQ((*events)[0].at, At("2026-03-28T09:00:00Z"));
  EXPECT_EQ((*events)[1].at, At("2026-03-29T01:30:00Z"));  // Read as 03:30 summer time.
  EXPECT_EQ((*events)[2].at, At("2026-03-29T08:00:00Z"));
  auto offset = Import("[2026-03-14 10:00] <a> hi\n", {}, "-05:30");
  ASSERT_TRUE(offset);
  EXPECT_EQ(offset->front().at, At("2026-03-14T15:30:00Z"));
  EXPECT_FALSE(TimeZone::Parse("Mars/Olympus_Mons"));
  EXPECT_FALSE(TimeZone::Parse("+25:00"));
  EXPECT_TRUE(TimeZone::Parse("UTC+2"));
}

TEST_F(ChatLogTest, TheSameWordsAtTheSameMomentStayTwoMessages) {
  auto events =
      Import("[10:00] <a> ok\n[10:00] <a> ok\n[10:01] <a> ok\n", core::ParseDate("2026-03-14"));
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 3u);
  EXPECT_NE((*events)[0].source, (*events)[1].source);
  EXPECT_NE((*events)[1].source, (*events)[2].source);
  auto again =
      Import("[10:00] <a> ok\n[10:00] <a> ok\n[10:01] <a> ok\n", core::ParseDate("2026-03-14"));
  ASSERT_TRUE(again);
  for (size_t index = 0; index < 3; ++index) {
    EXPECT_EQ((*again)[index].source, (*events)[index].source);  // Importing again adds nothing.
  }
}

}  // namespace
}  // namespace debrief::ingest
