#include "ingest/slack_day.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(SlackDayTest, KeepsTheFieldsItImportsAndSkipsTheRest) {
  SlackDay day;
  auto parsed = day.Parse(R"([
    {"type": "message", "user": "U1", "text": "hi \"there\"\nnew line", "ts": "1.000001",
     "user_profile": {"name": "not this", "text": "nor this"},
     "blocks": [{"type": "rich_text", "elements": [{"text": "nor this", "name": "x"}]}],
     "thread_ts": "1.000001", "reply_count": 2, "pinned_to": ["C1"], "hidden": false,
     "reactions": [{"name": "eyes", "users": ["U2"], "count": 1}, {"name": "pushpin"}],
     "files": [{"id": "F1", "name": "a.png", "title": "the graph"}, {"id": "F2", "name": "b.txt"},
               {"id": "F3"}]},
    {"type": "message", "subtype": "bot_message", "bot_id": "B1", "username": "deploy",
     "bot_profile": {"id": "B1", "name": "deploy-bot"}, "text": "", "ts": "2.000000",
     "hidden": true, "pinned_to": []}
  ])");
  ASSERT_TRUE(parsed) << parsed.error().message();
  ASSERT_EQ(day.size(), 2u);
  const SlackMessage& first = day[0];
  EXPECT_EQ(first.user, "U1");
  EXPECT_EQ(first.text, "hi \"there\"\nnew line");
  EXPECT_EQ(first.ts, "1.000001");
  EXPECT_EQ(first.thread_ts, "1.000001");
  EXPECT_TRUE(first.has_replies);
  EXPECT_TRUE(first.pinned);
  EXPECT_FALSE(first.hidden);
  EXPECT_THAT(first.reactions, ElementsAre("eyes", "pushpin"));
  EXPECT_THAT(first.files, ElementsAre("the graph", "b.txt"));
  const SlackMessage& second = day[1];
  EXPECT_EQ(second.subtype, "bot_message");
  EXPECT_EQ(second.bot_name, "deploy-bot");
  EXPECT_EQ(second.username, "deploy");
  EXPECT_TRUE(second.hidden);
  EXPECT_FALSE(second.pinned);
  EXPECT_TRUE(second.reactions.empty());

  // The next day reuses the slots and keeps nothing of this one.
  ASSERT_TRUE(day.Parse(R"([{"ts": "3.000000", "text": "later"}])"));
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].text, "later");
  EXPECT_TRUE(day[0].user.empty());
  EXPECT_FALSE(day[0].pinned);
  EXPECT_TRUE(day[0].files.empty());
  ASSERT_TRUE(day.Parse("[]"));
  EXPECT_EQ(day.size(), 0u);
}

TEST(SlackDayTest, WhatIsNotADayOfMessagesIsRefused) {
  struct Case {
    const char* json;
    const char* reason;
  };
  for (const Case& bad : {Case{R"({"ts": "1"})", "not a list of messages"},
                          Case{R"("text")", "not a list of messages"},
                          Case{R"([{"ts": "1"}, 7])", "message 2 is not an object"},
                          Case{R"([[{"ts": "1"}]])", "message 1 is not an object"},
                          Case{R"([{"ts": "1"}, null])", "message 2 is not an object"},
                          Case{R"([{"ts": "1", "text": "unterminated)", "not valid JSON"},
                          Case{R"([{"ts": "1"})", "not valid JSON"}}) {
    SlackDay day;
    auto parsed = day.Parse(bad.json);
    ASSERT_FALSE(parsed) << bad.json;
    EXPECT_THAT(parsed.error().message(), HasSubstr(bad.reason)) << bad.json;
  }
}

}  // namespace
}  // namespace debrief::ingest
