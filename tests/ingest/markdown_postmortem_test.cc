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
                                      "2025-03-04T08:00:00Z"}));
  EXPECT_EQ(postmortem.timeline[2].text, "backlog drained");
  // A real event whose time was left blank keeps its day (the local one, past midnight).
  EXPECT_TRUE(postmortem.timeline[4].placeholder);
  EXPECT_TRUE(postmortem.timeline[4].date_only);
  EXPECT_EQ(postmortem.timeline[4].day, core::ParseDate("2025-03-04"));
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
  // A list under the moment's story tells more of it.
  EXPECT_EQ(postmortem.timeline[1].text, "Nodes are out of memory.\nlimits raised");
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

namespace debrief::ingest {
namespace {

// House conventions of real write-ups, each in documents of its own words.

TEST(MarkdownConventions, TopLevelHeadingsThatNameSectionsAreSections) {
  Postmortem postmortem = Read(R"(---
title: Queue backlog on the billing workers
date: 2024-02-11
---
# Timeline

- **09:14** `@ops-bot` queue depth alert fires
- **09:20** workers scaled from 4 to 12

# Root cause

A retry storm from one tenant.
)");
  EXPECT_EQ(postmortem.title, "Queue backlog on the billing workers");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2024-02-11T09:14:00Z", "2024-02-11T09:20:00Z"}));
  ASSERT_EQ(postmortem.factors.size(), 1u);
}

TEST(MarkdownConventions, TableColumnsAreFoundByWhatTheyHoldAndTheHeaderGivesTheYear) {
  Postmortem postmortem = Read(R"(# Storage node replaced

## Timeline (all times CET)

| Weekday | Day (2023) | Clock | What happened |
|---|---|---|---|
| Thu | Mar 9 | 23:40 | Disk errors on node 7 |
| Fri | Mar 10 | 00:15 | Node 7 drained |

## Timeline of the recovery

| | | |
|---|---|---|
| 2023-03-10 | 01:05 | Replacement node joined |
)");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2023-03-09T22:40:00Z", "2023-03-09T23:15:00Z",
                                      "2023-03-10T00:05:00Z"}));
  EXPECT_EQ(postmortem.timeline[0].text, "Disk errors on node 7");
}

TEST(MarkdownConventions, ItemsUnderAMomentOrADayTakeItsStamp) {
  Postmortem postmortem = Read(R"(# DNS resolution failures, 2022-09-14

## Timeline

### 3:05 PM UTC

- resolver pods restarted
- cache flushed on all nodes

### 3:40 PM UTC

Errors stopped.

2022-09-15:
* config change reviewed
* runbook updated
)");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2022-09-14T15:05:00Z", "2022-09-14T15:05:00Z",
                                      "2022-09-14T15:40:00Z", "2022-09-15T00:00:00Z",
                                      "2022-09-15T00:00:00Z"}));
  EXPECT_EQ(postmortem.timeline[0].text, "resolver pods restarted");
  EXPECT_EQ(postmortem.timeline[1].text, "cache flushed on all nodes");
  EXPECT_TRUE(postmortem.timeline[4].date_only);
  EXPECT_EQ(postmortem.timeline[4].day, core::ParseDate("2022-09-15"));
  EXPECT_EQ(postmortem.timeline[4].text, "runbook updated");
}

TEST(MarkdownConventions, FilledTemplateBracesAndDetailsNestedUnderARow) {
  Postmortem postmortem = Read(R"(# Certificate expiry, 2021-06-02

## Timeline (if relevant)

### {{ 2021-06-02 07:30 }}
The certificate expired.

- {{ 07:45 }} On-call paged
  - acknowledged from a phone
  - laptop booted
)");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2021-06-02T07:30:00Z", "2021-06-02T07:45:00Z"}));
  EXPECT_EQ(postmortem.timeline[1].text, "On-call paged\nacknowledged from a phone\nlaptop booted");
}

TEST(MarkdownConventions, SeveralRowsInOneTableCellSplitAtLineBreaks) {
  Postmortem postmortem = Read(R"(# Build farm outage

## Timeline

| Date | Events |
|---|---|
| 2019-04-02 | 10:10 first red build<br>10:25 mirror found stale<br/>11:00 mirror resynced |
| 2019-04-03 | 09:00 postmortem held |

| Time | Action |
|---|---|
| 2019-04-03 12:00<br>2019-04-03 12:30 | alerts added<br>dashboards updated |
)");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2019-04-02T10:10:00Z", "2019-04-02T10:25:00Z",
                                      "2019-04-02T11:00:00Z", "2019-04-03T09:00:00Z",
                                      "2019-04-03T12:00:00Z", "2019-04-03T12:30:00Z"}));
  EXPECT_EQ(postmortem.timeline[1].text, "mirror found stale");
  EXPECT_EQ(postmortem.timeline[5].text, "dashboards updated");
}

TEST(MarkdownConventions, FourDigitClocksWithoutAColon) {
  Postmortem postmortem = Read(R"(# Tanker telemetry gap, 2020-11-05

## Timeline

- 0915Z telemetry stops
- 0942 - relay rebooted
- 2130 UTC relay replaced
- 1445h backlog replayed
- 2021 - the relay model was retired
- 1200 users saw stale positions
)");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2020-11-05T09:15:00Z", "2020-11-05T09:42:00Z",
                                      "2020-11-05T21:30:00Z", "2020-11-05T14:45:00Z"}));
  // A year and a count are no clock: those items are read as no row.
  ASSERT_EQ(postmortem.timeline_lines_unread.size(), 2u);
  EXPECT_EQ(postmortem.timeline_lines_unread[0].second, "2021 - the relay model was retired");
}

TEST(MarkdownConventions, AZoneStatedAnywhereAboveTheTimeline) {
  auto zone_of = [](std::string_view above) {
    std::string document = "# Mail queue stuck, 2023-07-04\n\n" + std::string(above) +
                           "\n\n## Timeline\n\n- 09:00 queue alert\n";
    Postmortem postmortem = Read(document);
    return Times(postmortem).front();
  };
  EXPECT_EQ(zone_of("The queue stopped at 08:55 PDT and nobody noticed."), "2023-07-04T16:00:00Z");
  EXPECT_EQ(zone_of("Every time below is Pacific time."), "2023-07-04T16:00:00Z");
  EXPECT_EQ(zone_of("Times are given in Central European Summer Time."), "2023-07-04T07:00:00Z");
  EXPECT_EQ(zone_of("The on-call team works on Berlin time."), "2023-07-04T07:00:00Z");
  EXPECT_EQ(zone_of("All times in this report are in New York."), "2023-07-04T13:00:00Z");
  EXPECT_EQ(zone_of("Times: Asia/Tokyo"), "2023-07-04T00:00:00Z");
  EXPECT_EQ(zone_of("Every time here is US/Eastern."), "2023-07-04T13:00:00Z");
  // A place named with no word about times is only a place; so is a zone in a note on
  // something else.
  EXPECT_EQ(zone_of("Customers in Sydney were affected most."), "2023-07-04T09:00:00Z");
  EXPECT_EQ(zone_of("Our EST team lead was away."), "2023-07-04T09:00:00Z");

  Postmortem front = Read(R"(---
date: 2023-07-04
timezone: America/Chicago
---
## Timeline

- 09:00 queue alert
)");
  EXPECT_EQ(Times(front).front(), "2023-07-04T14:00:00Z");
}

TEST(MarkdownConventions, ADefaultDayStatedOnceAndDatesThatOverrideIt) {
  Postmortem postmortem = Read(R"(# Backup verification failures (reported 2024-05-20)

Unless noted otherwise, all events below happened on 17 May 2024.

## Timeline

- 01:10 nightly verification fails
- 02:30 second attempt fails
- 2024-05-18 09:00 failure noticed in the morning report
- 09:30 storage team paged
)");
  EXPECT_EQ(postmortem.date, core::ParseDate("2024-05-17"));
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2024-05-17T01:10:00Z", "2024-05-17T02:30:00Z",
                                      "2024-05-18T09:00:00Z", "2024-05-18T09:30:00Z"}));
}

TEST(MarkdownConventions, NumericDatesInTheOrderTheDocumentWritesThem) {
  // The title's 03/04 is 3 April here: the table writes the day first (21/04).
  Postmortem european = Read(R"(# Outage 03/04/2022

## Timeline

| Date | Time | Event |
|---|---|---|
| 03/04/2022 | 10:00 | disk full |
| 21/04/2022 | 08:00 | follow-up review |
)");
  EXPECT_EQ(european.date, core::ParseDate("2022-04-03"));
  EXPECT_EQ(Times(european),
            (std::vector<std::string>{"2022-04-03T10:00:00Z", "2022-04-21T08:00:00Z"}));
  // Month first where the document's other dates say so, and by default.
  Postmortem american = Read(
      "# Outage 03/04/2022\n\nFollow-up on 04/21/2022.\n\n## Timeline\n\n"
      "- 10:00 disk full\n");
  EXPECT_EQ(american.date, core::ParseDate("2022-03-04"));
  // Dots separate the day first; a date and a time may be joined by a slash.
  Postmortem dotted =
      Read("# Ausfall am 03.04.2022\n\n## Timeline\n\n- 03.04.2022/10:00 disk full\n");
  EXPECT_EQ(dotted.date, core::ParseDate("2022-04-03"));
  EXPECT_EQ(Times(dotted), (std::vector<std::string>{"2022-04-03T10:00:00Z"}));
  // A date only in the title, written out.
  Postmortem written =
      Read("# Lost uploads on the 9th of March 2021\n\n## Timeline\n\n- 11:00 uploads fail\n");
  EXPECT_EQ(Times(written), (std::vector<std::string>{"2021-03-09T11:00:00Z"}));
}

TEST(MarkdownConventions, UnknownTimesKeepTheirDayAndBlankTemplateRowsGo) {
  Postmortem postmortem = Read(R"(# Stale cache, 2022-08-01

## Timeline

| Time | Event |
|---|---|
| HH:MM | Short event description |
| YYYY-MM-DD HH:MM | <what happened> |
| 2022-07-29 HH:mm | Cache TTL raised to a week |
| 2022-07-?? | Complaints start, day not recorded |
| ??:?? | Cache flushed by hand |
| --:-- | Incident closed |
| 2022-08-01 10:00 | Postmortem meeting |
)");
  EXPECT_EQ(Times(postmortem),
            (std::vector<std::string>{"2022-07-29T00:00:00Z", "unplaced: a date left to fill in",
                                      "2022-07-29T00:00:00Z", "2022-07-29T00:00:00Z",
                                      "2022-08-01T10:00:00Z"}));
  EXPECT_TRUE(postmortem.timeline[0].date_only);
  EXPECT_EQ(postmortem.timeline[0].text, "Cache TTL raised to a week");
  EXPECT_EQ(postmortem.timeline[3].day, core::ParseDate("2022-07-29"));
}

}  // namespace
}  // namespace debrief::ingest
