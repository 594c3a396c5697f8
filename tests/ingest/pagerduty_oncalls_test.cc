// PagerDuty's on-calls read as spans of people: the documented GET /oncalls shape (with and
// without users included, permanent on-calls), and the files that are not on-calls.
#include "ingest/pagerduty_oncalls.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace debrief::ingest {
namespace {

std::string Read(const std::string& name) {
  std::ifstream in(std::string(DEBRIEF_TESTDATA) + "/ingest/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(PagerDutyOnCalls, ReadsTheDocumentedAnswer) {
  auto read = ReadPagerDutyOnCalls(Read("pagerduty-oncalls.json"));
  ASSERT_TRUE(read) << read.error().message();
  // Dana is on the second escalation level: paged only if the first did not answer.
  EXPECT_EQ(read->later_levels, 1u);
  const std::vector<AudienceSpan>& spans = read->spans;
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].name, "Alice");
  EXPECT_EQ(spans[0].email, "");
  EXPECT_EQ(core::FormatRfc3339(*spans[0].since), "2026-03-13T18:00:00Z");
  EXPECT_EQ(core::FormatRfc3339(*spans[0].until), "2026-03-14T10:30:00Z");
  // Users included: the e-mail, which matches before the name does; offsets of any form.
  EXPECT_EQ(spans[1].email, "bob@example.com");
  EXPECT_EQ(core::FormatRfc3339(*spans[1].since), "2026-03-14T10:30:00Z");
  // The bare list reads the same; always on call: no start, no end.
  auto bare =
      ReadPagerDutyOnCalls(R"([{"user": {"summary": "Alice"}, "start": null, "end": null}])");
  ASSERT_TRUE(bare);
  ASSERT_EQ(bare->spans.size(), 1u);
  EXPECT_FALSE(bare->spans[0].since);
  EXPECT_FALSE(bare->spans[0].until);
}

TEST(PagerDutyOnCalls, WhatIsNotOnCallsIsRefusedSayingWhere) {
  auto refused = [](std::string_view text) {
    auto read = ReadPagerDutyOnCalls(text);
    EXPECT_FALSE(read) << text;
    return read ? std::string() : read.error().message();
  };
  EXPECT_NE(refused("{").find("not JSON"), std::string::npos);
  EXPECT_NE(refused(R"({"log_entries": []})").find("GET /oncalls"), std::string::npos);
  EXPECT_NE(refused(R"([{"start": null}])").find("on-call 1: has no user"), std::string::npos);
  EXPECT_NE(refused(R"([{"user": {"id": "P1"}}])").find("neither a summary"), std::string::npos);
  EXPECT_NE(refused(R"([{"user": {"summary": "A"}, "start": "yesterday"}])").find("RFC 3339"),
            std::string::npos);
  EXPECT_NE(refused(R"([{"user": {"summary": "A"}, "start": 5}])").find("a time or null"),
            std::string::npos);
  EXPECT_NE(refused(R"([{"user": {"summary": "A"}, "start": "2026-03-14T10:00:00Z",
                        "end": "2026-03-14T09:00:00Z"}])")
                .find("ends before it starts"),
            std::string::npos);
  EXPECT_NE(refused("[\"\xff\"]").find("UTF-8"), std::string::npos);
  EXPECT_NE(
      refused(R"([{"user": {"summary": "A"}, "escalation_level": "one"}])").find("whole number"),
      std::string::npos);
  EXPECT_NE(refused(std::string(64, '[') + std::string(64, ']')).find("not JSON"),
            std::string::npos);
  OnCallLimits small;
  small.max_entries = 1;
  auto many =
      ReadPagerDutyOnCalls(R"([{"user": {"summary": "A"}}, {"user": {"summary": "B"}}])", small);
  ASSERT_FALSE(many);
  EXPECT_NE(many.error().message().find("more than 1"), std::string::npos);
}

}  // namespace
}  // namespace debrief::ingest
