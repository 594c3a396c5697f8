// Postmortems in Markdown, in the shapes templates and wikis give them: front matter, tables,
// bullet runs, day and moment headings, zones named once or per row, placeholders, factors,
// action items, lessons, and what is left as narrative.
#include "ingest/markdown_postmortem.h"

#include <gtest/gtest.h>

namespace debrief::ingest {
namespace {

Postmortem Read(std::string_view markdown, std::string zone = "UTC") {
  auto time_zone = TimeZone::Parse(zone);
  EXPECT_TRUE(time_zone);
  auto postmortem = ReadPostmortem("review.md", markdown, PostmortemOptions{*time_zone});
  EXPECT_TRUE(postmortem) << (postmortem ? "" : postmortem.error().message());
  return postmortem ? *postmortem : Postmortem{};
}

std::vector<std::string> Times(const Postmortem& postmortem) {
  std::vector<std::string> times;
  for (const PostmortemRow& row : postmortem.timeline) {
    times.push_back(row.at ? core::FormatRfc3339(*row.at) : "unplaced: " + row.unplaced_reason);
  }
  return times;
}

TEST(MarkdownPostmortem, ATemplateWithATableAndYamlFrontMatter) {
  Postmortem postmortem = Read(R"(<!-- exported from the team wiki -->
---
title: "Checkout errors after a pool change"
date: 2026-03-16
authors:
  - priya
  - marcus
tags: [payments, database]
services:
  - checkout
severity: SEV2
summary: >
  A folded value
  over two lines.
---

# A heading the front matter's title wins over

Checkout failed for one in five customers for forty minutes.

## Impact

About 8% of payments failed.

## Timeline

| Time (CET)       | Event                                   |
|------------------|-----------------------------------------|
| 2026-03-14 10:02 | Error-rate alert fires for **checkout** |
| 2026-03-14 10:05 | Priya acknowledges the page             |
|                  | and opens the pool dashboard            |
| 2026-03-14 10:41 | Pool size raised; errors stop           |

## Attendees

Priya, Marcus
)");
  EXPECT_EQ(postmortem.title, "Checkout errors after a pool change");
  EXPECT_EQ(postmortem.authors, (std::vector<std::string>{"priya", "marcus"}));
  EXPECT_EQ(postmortem.tags, (std::vector<std::string>{"payments", "database"}));
  EXPECT_EQ(postmortem.services, (std::vector<std::string>{"checkout"}));
  EXPECT_EQ(postmortem.severity, "SEV2");
  EXPECT_EQ(postmortem.summary, "Checkout failed for one in five customers for forty minutes.");
  EXPECT_EQ(postmortem.impact, "About 8% of payments failed.");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2026-03-14T09:02:00Z", "2026-03-14T09:05:00Z",
                                      "2026-03-14T09:41:00Z"}));
  EXPECT_EQ(postmortem.timeline[0].text, "Error-rate alert fires for checkout");
  EXPECT_EQ(postmortem.timeline[1].text,
            "Priya acknowledges the page\nand opens the pool dashboard");
  EXPECT_EQ(postmortem.timeline[0].time_text, "2026-03-14 10:02");
  EXPECT_EQ(postmortem.timeline[0].line, 29);
  ASSERT_FALSE(postmortem.sections.empty());
  EXPECT_EQ(postmortem.sections.back().heading, "Attendees");
  EXPECT_EQ(postmortem.sections.back().part, PostmortemPart::kNarrative);
}

TEST(MarkdownPostmortem, BulletRunsTakeTheDayAndZoneOfTheirNotesAndPassMidnight) {
  Postmortem postmortem = Read(R"(# Queue backlog - March 3, 2025

## Timeline

All times in PST.

- **22:40** - consumer lag alert fires
- **23:55** - consumers restarted
- `00:20` - backlog drained
- 00:10 - an earlier note found later (out of order)
- XX:XX - status page updated
)");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2025-03-04T06:40:00Z", "2025-03-04T07:55:00Z",
                                      "2025-03-04T08:20:00Z", "2025-03-04T08:10:00Z",
                                      "unplaced: a placeholder time"}));
  EXPECT_EQ(postmortem.timeline[2].text, "backlog drained");
  EXPECT_TRUE(postmortem.timeline[4].placeholder);
  EXPECT_EQ(postmortem.timeline[4].text, "status page updated");
}

TEST(MarkdownPostmortem, DayHeadingsRowZonesAndRowsWithoutADay) {
  Postmortem postmortem = Read(R"(+++
title = "Registry outage"
authors = ["The Registry Team"]
date = 2024-02-01
+++

## Timeline of events

### 2024-01-20

- 21:17 UTC: uploads start failing
- 21:31 UTC: status page reports an outage
  after a user asks

### 2024-01-21

- 09:27 UTC: a publisher reports a broken package
)");
  EXPECT_EQ(postmortem.title, "Registry outage");
  EXPECT_EQ(postmortem.authors, (std::vector<std::string>{"The Registry Team"}));
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2024-01-20T21:17:00Z", "2024-01-20T21:31:00Z",
                                      "2024-01-21T09:27:00Z"}));
  EXPECT_EQ(postmortem.timeline[1].text, "status page reports an outage\nafter a user asks");

  Postmortem undated = Read("# Outage\n\n## Timeline\n\n- 10:00 pages go out\n");
  ASSERT_EQ(undated.timeline.size(), 1u);
  EXPECT_FALSE(undated.timeline[0].at);
  EXPECT_EQ(undated.timeline[0].unplaced_reason, "a time without a day: the file names no date");
}

TEST(MarkdownPostmortem, AHeadingPerMomentWithItsStoryBelow) {
  Postmortem postmortem = Read(R"(# 2020-08-28 - Memory pressure on the hub

## Timeline

_All times in IST_

### 08:52 PM

Students report the hub is frozen.

> quoted from the support channel

### 09:21 PM

Nodes are out of memory.
- limits raised
)");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2020-08-28T15:22:00Z", "2020-08-28T15:51:00Z"}));
  EXPECT_EQ(postmortem.timeline[0].text,
            "Students report the hub is frozen.\nquoted from the support channel");
  EXPECT_EQ(postmortem.timeline[1].text, "Nodes are out of memory.");
}

TEST(MarkdownPostmortem, YearlessDatesTakeTheDocumentsYearAndTheYearBeforeWhenLater) {
  Postmortem postmortem = Read(R"(**Date:** January 14-19, 2026

## Timeline

| Time (UTC) | Event |
|---|---|
| Dec 5, 4:21 PM | A bug is introduced |
| Jan 14, 10:18 AM | A customer reports failures |

## Timeline of the fix

- [01-19 16:04] The fix is released
)");
  EXPECT_EQ(postmortem.date, core::ParseDate("2026-01-14"));
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2025-12-05T16:21:00Z", "2026-01-14T10:18:00Z",
                                      "2026-01-19T16:04:00Z"}));
}

TEST(MarkdownPostmortem, FactorsActionItemsAndLessonsFromTheirSections) {
  Postmortem postmortem = Read(R"(# Deploy stall

## Contributing factors

- The alert on queue depth paged nobody at night
- Disk quota on the build hosts was exhausted
  * a detail of the quota

## Root cause

The deploy tool retried forever.

It held the lock while it did.

## Action items

- [x] Page the on-call engineer on queue depth
- [ ] Raise the build hosts' quota
- ✅ Alert on disk quota

| Action item | Owner | Status | Bug |
|---|---|---|---|
| Add a retry limit to the deploy tool | marcus | done | https://tracker.example/1 |
| Write a runbook for stuck deploys | priya | open | |

## Lessons learned

### What went well

- Rollback took two minutes

### Where we got lucky

It happened on a quiet day.
)");
  ASSERT_EQ(postmortem.factors.size(), 3u);
  EXPECT_EQ(postmortem.factors[0].text, "The alert on queue depth paged nobody at night");
  EXPECT_EQ(postmortem.factors[0].category, core::FactorCategory::kDetectionMonitoring);
  EXPECT_EQ(postmortem.factors[1].text,
            "Disk quota on the build hosts was exhausted\n- a detail of the quota");
  EXPECT_EQ(postmortem.factors[1].category, core::FactorCategory::kCapacity);
  EXPECT_EQ(postmortem.factors[2].text,
            "The deploy tool retried forever.\n\nIt held the lock while it did.");
  ASSERT_EQ(postmortem.action_items.size(), 5u);
  EXPECT_TRUE(postmortem.action_items[0].done);
  EXPECT_EQ(postmortem.action_items[0].title, "Page the on-call engineer on queue depth");
  EXPECT_FALSE(postmortem.action_items[1].done);
  EXPECT_TRUE(postmortem.action_items[2].done);
  EXPECT_EQ(postmortem.action_items[2].title, "Alert on disk quota");
  EXPECT_EQ(postmortem.action_items[3].title, "Add a retry limit to the deploy tool");
  EXPECT_EQ(postmortem.action_items[3].owner, "marcus");
  EXPECT_TRUE(postmortem.action_items[3].done);
  EXPECT_EQ(postmortem.action_items[3].tracker_url, "https://tracker.example/1");
  EXPECT_FALSE(postmortem.action_items[4].done);
  ASSERT_EQ(postmortem.lessons.size(), 2u);
  EXPECT_EQ(postmortem.lessons[0].text, "Rollback took two minutes");
  EXPECT_EQ(postmortem.lessons[0].theme, "What went well");
  EXPECT_EQ(postmortem.lessons[1].theme, "Where we got lucky");
}

TEST(MarkdownPostmortem, FrontMatterThatDoesNotParseIsRefusedWithItsLine) {
  auto time_zone = TimeZone::Parse("UTC");
  auto yaml = ReadPostmortem("bad.md", "---\ntitle: [unclosed\n---\n# x\n", {*time_zone});
  ASSERT_FALSE(yaml);
  EXPECT_NE(yaml.error().message().find("bad.md:"), std::string::npos);
  EXPECT_NE(yaml.error().message().find("YAML"), std::string::npos);
  auto toml = ReadPostmortem("bad.md", "+++\ntitle = \n+++\n", {*time_zone});
  ASSERT_FALSE(toml);
  EXPECT_NE(toml.error().message().find("bad.md:2: the front matter is not valid TOML"),
            std::string::npos);
  auto unclosed = ReadPostmortem("bad.md", "---\ntitle: x\n# no end\n", {*time_zone});
  ASSERT_FALSE(unclosed);
  EXPECT_NE(unclosed.error().message().find("never closed"), std::string::npos);
}

// A hostile file is refused with its name, in milliseconds: nested emphasis 300,000 deep crashed
// the reader (a recursive walk) after ten minutes in cmark, and deep brackets took 240 times
// the file's size in memory.
TEST(MarkdownPostmortem, MoreMarkupThanAPersonWritesIsRefusedWithTheFilesName) {
  auto time_zone = TimeZone::Parse("UTC");
  for (const std::string& hostile : {std::string(300'000, '*') + "x" + std::string(300'000, '*'),
                                     "# Outage\n\n## Timeline\n\n" + std::string(200'000, '[')}) {
    auto read = ReadPostmortem("hostile.md", hostile, {*time_zone});
    ASSERT_FALSE(read);
    EXPECT_NE(read.error().message().find("hostile.md: too much Markdown markup"),
              std::string::npos)
        << read.error().message();
  }
}

// Nesting within the bounds but deeper than anything written is read as its words.
TEST(MarkdownPostmortem, DeepNestingIsReadAsItsWords) {
  Postmortem postmortem =
      Read("# Outage\n\n## Summary\n\n" + std::string(20'000, '*') + "the pool ran dry" +
           std::string(20'000, '*') + "\n\n" + std::string(10'000, '>') + " quoted\n");
  EXPECT_NE(postmortem.summary.find("the pool ran dry"), std::string::npos) << postmortem.summary;
}

TEST(MarkdownPostmortem, OpeningParagraphsAreTheSummaryOnlyWhenNoSectionIs) {
  Postmortem with_section = Read(
      "# Cache stampede\n\nWritten by the platform team.\n\n## Summary\n\nThe cache emptied "
      "at once.\n\n## Impact\n\nSlow pages.\n");
  EXPECT_EQ(with_section.summary, "The cache emptied at once.");
  Postmortem without =
      Read("# Cache stampede\n\nThe cache emptied at once.\n\n## Impact\n\nSlow.\n");
  EXPECT_EQ(without.summary, "The cache emptied at once.");
}

TEST(MarkdownPostmortem, AFileWithoutHeadingsIsNarrativeTitledByItsName) {
  auto time_zone = TimeZone::Parse("UTC");
  auto postmortem =
      ReadPostmortem("archive/2019-db-failover.md", "Just prose about a failover.\n", {*time_zone});
  ASSERT_TRUE(postmortem);
  EXPECT_EQ(postmortem->title, "2019 db failover");
  EXPECT_TRUE(postmortem->timeline.empty());
  EXPECT_TRUE(postmortem->sections.empty());
}

TEST(MarkdownPostmortem, EventKindsFollowTheirWords) {
  EXPECT_EQ(GuessEventKind("HighErrorRate alert fires"), core::EventKind::kAlert);
  EXPECT_EQ(GuessEventKind("v2.3 deployed to production"), core::EventKind::kChange);
  EXPECT_EQ(GuessEventKind("Incident declared by Sam"), core::EventKind::kDecision);
  EXPECT_EQ(GuessEventKind("Status page updated"), core::EventKind::kCommunication);
  EXPECT_EQ(GuessEventKind("Looked at the dashboards"), core::EventKind::kObservation);
}

}  // namespace
}  // namespace debrief::ingest
