// `debrief import markdown` as people run it on an archive of postmortems: the real binary on a
// database with an admin. A dry run reports and stores nothing; an import lands every file
// whole, once; a file that cannot be read stores nothing of the archive.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "store/open.h"
#include "support/child_process.h"

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;
using testing::RunCommand;

constexpr char kQueueReview[] = R"(---
title: Queue backlog on the orders service
date: 2025-03-03
tags: [queues]
services: [orders]
severity: sev2
---

Orders waited up to an hour to be processed.

## Impact

About 3,000 orders were late.

## Timeline

All times in UTC.

| Time  | Event                              |
|-------|------------------------------------|
| 22:40 | Consumer lag alert fires           |
| 23:55 | Consumers restarted with more memory |
| XX:XX | Status page updated                |

## Contributing factors

- The lag alert paged nobody at night

## Action items

- [x] Page the on-call engineer on consumer lag
- [ ] Raise the consumers' memory limit

## Lessons learned

- Lag hides until it is large
)";

constexpr char kDnsReview[] = R"(# DNS resolution failures - October 3, 2024

## Timeline (times in CEST)

- 09:12 - resolver errors rise
- 09:30 - the cache is flushed

## Attendees

The platform team.
)";

class ImportMarkdownCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-markdown-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_ / "archive" / "2024");
    database_ = (directory_ / "debrief.db").string();
    ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "demo", "--db", database_}).first, 0);
    Write("archive/2025-queue.md", kQueueReview);
    Write("archive/2024/dns.markdown", kDnsReview);
    Write("archive/notes.txt", "not a postmortem");
  }
  void TearDown() override { fs::remove_all(directory_); }

  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(directory_ / name, std::ios::binary) << bytes;
  }
  std::pair<int, std::string> Import(std::vector<std::string> more) {
    std::vector<std::string> arguments = {DEBRIEF_BINARY, "import", "markdown", "--db", database_};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return RunCommand(arguments, true);
  }
  std::unique_ptr<store::Store> Store() {
    auto store = store::OpenStore(database_, clock_);
    EXPECT_TRUE(store);
    return std::move(*store);
  }
  size_t IncidentCount() {
    auto page = Store()->ListIncidents({});
    EXPECT_TRUE(page);
    return page->incidents.size();
  }

  core::FixedClock clock_{core::Timestamp{}};
  fs::path directory_;
  std::string database_;
};

TEST_F(ImportMarkdownCommand, ADryRunReportsEachFileAndStoresNothing) {
  size_t before = IncidentCount();
  auto [status, output] = Import({(directory_ / "archive").string(), "--dry-run", "--rows"});
  ASSERT_EQ(status, 0) << output;
  EXPECT_NE(output.find("2025-queue.md: \"Queue backlog on the orders service\", 2025-03-03"),
            std::string::npos)
      << output;
  // The status page's update has no time, and keeps its day.
  EXPECT_NE(output.find("timeline: 3 rows, 2 at a time, 1 on a day only, 0 not placed (1 "
                        "placeholders)"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("1 contributing factors, 2 action items, 1 lessons; summary yes, impact "
                        "yes"),
            std::string::npos);
  EXPECT_NE(output.find("left as narrative: Attendees"), std::string::npos);
  EXPECT_NE(output.find("2025-03-03T22:40:00Z"), std::string::npos);
  EXPECT_NE(output.find("2024-10-03T07:12:00Z"), std::string::npos);  // CEST is UTC+2.
  EXPECT_EQ(output.find("notes.txt"), std::string::npos);
  EXPECT_NE(output.find("dry run: 2 postmortems read; nothing stored"), std::string::npos);
  EXPECT_EQ(IncidentCount(), before);
}

TEST_F(ImportMarkdownCommand, AnArchiveLandsOnceWithItsRecordsAndTheFileKept) {
  size_t before = IncidentCount();
  auto [status, output] = Import({(directory_ / "archive").string()});
  ASSERT_EQ(status, 0) << output;
  EXPECT_NE(output.find("2 incidents added, 0 imported before"), std::string::npos) << output;
  EXPECT_EQ(IncidentCount(), before + 2);

  auto store = Store();
  auto page = store->ListIncidents({});
  ASSERT_TRUE(page);
  const core::Incident* queue = nullptr;
  for (const core::Incident& incident : page->incidents) {
    if (incident.title == "Queue backlog on the orders service") queue = &incident;
  }
  ASSERT_NE(queue, nullptr);
  EXPECT_EQ(queue->severity, "SEV2");
  EXPECT_EQ(queue->status, core::IncidentStatus::kResolved);
  EXPECT_EQ(queue->review_status, core::ReviewStatus::kDrafting);
  EXPECT_EQ(queue->services, (std::vector<std::string>{"orders"}));
  EXPECT_EQ(queue->tags, (std::vector<std::string>{"queues", "imported"}));
  EXPECT_EQ(queue->started_at, core::ParseRfc3339("2025-03-03T22:40:00Z"));
  EXPECT_EQ(queue->resolved_at, core::ParseRfc3339("2025-03-03T23:55:00Z"));
  EXPECT_EQ(queue->summary, "Orders waited up to an hour to be processed.");
  auto events = store->events().List(queue->id);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 3u);  // The row whose time was left blank is on its day.
  EXPECT_EQ((*events)[0].kind, core::EventKind::kAlert);
  EXPECT_TRUE((*events)[0].source.starts_with("import:markdown:"));
  // On its day, at its start, saying its time is not known.
  EXPECT_EQ((*events)[2].text, "Status page updated (time not recorded)");
  EXPECT_EQ((*events)[2].at, core::ParseRfc3339("2025-03-03T00:00:00Z"));
  auto factors = store->factors().List(queue->id);
  ASSERT_TRUE(factors);
  ASSERT_EQ(factors->size(), 1u);
  EXPECT_EQ((*factors)[0].category, core::FactorCategory::kDetectionMonitoring);
  auto actions = store->actions().List(queue->id);
  ASSERT_TRUE(actions);
  ASSERT_EQ(actions->size(), 2u);
  EXPECT_EQ((*actions)[0].status, core::ActionStatus::kDone);
  EXPECT_EQ((*actions)[1].status, core::ActionStatus::kOpen);
  auto lessons = store->lessons().List(queue->id);
  ASSERT_TRUE(lessons);
  ASSERT_EQ(lessons->size(), 1u);
  auto documents = store->ListImportedDocuments(queue->id);
  ASSERT_TRUE(documents);
  ASSERT_EQ(documents->size(), 1u);
  EXPECT_EQ((*documents)[0].content, kQueueReview);
  EXPECT_NE((*documents)[0].name.find("2025-queue.md"), std::string::npos);
  store.reset();

  // Again, with one file more: only the new one is added.
  Write("archive/2024/disk.md", "# Disk full on the build hosts - May 2, 2024\n");
  auto [again_status, again] = Import({(directory_ / "archive").string()});
  ASSERT_EQ(again_status, 0) << again;
  EXPECT_NE(again.find("1 incidents added, 2 imported before"), std::string::npos) << again;
  EXPECT_NE(again.find("2025-queue.md: imported before, as INC-"), std::string::npos);
  EXPECT_EQ(IncidentCount(), before + 3);
}

TEST_F(ImportMarkdownCommand, AFileThatCannotBeReadStoresNothingOfTheArchive) {
  size_t before = IncidentCount();
  Write("archive/broken.md", "---\ntitle: [never closed\n---\n# Broken\n");
  Write("archive/torn.md", "---\ndate: {half\n---\n# Torn\n");
  auto [status, output] = Import({(directory_ / "archive").string()});
  EXPECT_EQ(status, 2);
  // Every file that does not read is named, not just the first.
  EXPECT_NE(output.find("broken.md:3: the front matter is not valid YAML"), std::string::npos)
      << output;
  EXPECT_NE(output.find("torn.md:"), std::string::npos) << output;
  EXPECT_EQ(IncidentCount(), before);

  auto [missing, missing_output] = Import({(directory_ / "nowhere").string()});
  EXPECT_EQ(missing, 2);
  EXPECT_NE(missing_output.find("no such file or folder"), std::string::npos);
  Write("archive/binary.md", std::string("# Title\n\xff\xfe garbage", 18));
  fs::remove(directory_ / "archive" / "broken.md");
  fs::remove(directory_ / "archive" / "torn.md");
  auto [binary, binary_output] = Import({(directory_ / "archive").string()});
  EXPECT_EQ(binary, 2);
  EXPECT_NE(binary_output.find("binary.md"), std::string::npos) << binary_output;
  EXPECT_EQ(IncidentCount(), before);
}

// The same reference checks as the API: an action item owned by an @handle that is no debrief
// user refuses its file, by name, and nothing of the archive is stored; a dry run says so too.
TEST_F(ImportMarkdownCommand, AFileNamingAnUnknownAccountStoresNothingOfTheArchive) {
  std::string review = kQueueReview;
  review.replace(review.find("- [ ] Raise the consumers' memory limit"),
                 std::string("- [ ] Raise the consumers' memory limit").size(),
                 "- [ ] Raise the consumers' memory limit (owner: @frank)");
  Write("archive/2025-queue.md", review);
  size_t before = IncidentCount();
  auto [dry_status, dry_output] = Import({(directory_ / "archive").string(), "--dry-run"});
  EXPECT_EQ(dry_status, 2) << dry_output;
  EXPECT_NE(dry_output.find("2025-queue.md: action item \"Raise the consumers' memory limit\" "
                            "is owned by @frank, who is not a debrief user"),
            std::string::npos)
      << dry_output;
  auto [status, output] = Import({(directory_ / "archive").string()});
  EXPECT_EQ(status, 2) << output;
  EXPECT_NE(output.find("@frank"), std::string::npos) << output;
  EXPECT_NE(output.find("nothing was imported"), std::string::npos) << output;
  EXPECT_EQ(IncidentCount(), before);
}

// A dry run where there is no database yet reads and reports, and leaves no database behind.
TEST_F(ImportMarkdownCommand, ADryRunWithoutADatabaseCreatesNone) {
  fs::path missing = directory_ / "not-yet.db";
  auto [status, output] =
      RunCommand({DEBRIEF_BINARY, "import", "markdown", "--db", missing.string(),
                  (directory_ / "archive").string(), "--dry-run"},
                 true);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("no database at"), std::string::npos) << output;
  EXPECT_NE(output.find("dry run: 2 postmortems read"), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(missing));
}

// The preview as JSON: per file and row, what was read, where it was placed, by which zone and
// from where, and how sure that is; only for a dry run.
TEST_F(ImportMarkdownCommand, ADryRunPreviewsEachRowAsJson) {
  fs::path missing = directory_ / "none.db";
  auto [status, output] = RunCommand(
      {DEBRIEF_BINARY, "import", "markdown", "--db", missing.string(),
       (directory_ / "archive" / "2025-queue.md").string(), "--dry-run", "--format", "json"},
      false);
  ASSERT_EQ(status, 0) << output;
  boost::json::value report = boost::json::parse(output);
  const boost::json::array& files = report.at("files").as_array();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].at("title").as_string(), "Queue backlog on the orders service");
  const boost::json::array& rows = files[0].at("rows").as_array();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("at").as_string(), "2025-03-03T22:40:00Z");
  EXPECT_EQ(rows[0].at("zone").as_string(), "UTC");
  EXPECT_EQ(rows[0].at("zone_from").as_string(), "timeline");  // "All times in UTC."
  EXPECT_EQ(rows[0].at("confidence").as_string(), "medium");   // Its day is the file's.
  EXPECT_TRUE(rows[2].at("at").is_null());
  EXPECT_EQ(rows[2].at("day").as_string(), "2025-03-03");
  EXPECT_FALSE(fs::exists(missing));

  auto [stored_status, stored_output] =
      Import({(directory_ / "archive").string(), "--format", "json"});
  EXPECT_EQ(stored_status, 2) << stored_output;
  EXPECT_NE(stored_output.find("add --dry-run"), std::string::npos) << stored_output;
  auto [bad_status, bad_output] =
      Import({(directory_ / "archive").string(), "--dry-run", "--format", "xml"});
  EXPECT_NE(bad_status, 0);
}

TEST_F(ImportMarkdownCommand, IncidentsAreCreatedByTheUserNamed) {
  auto [status, output] =
      Import({(directory_ / "archive" / "2025-queue.md").string(), "--as", "nobody@example.com"});
  EXPECT_EQ(status, 2) << output;
  EXPECT_NE(output.find("--as nobody@example.com: no user has this email"), std::string::npos)
      << output;
  EXPECT_EQ(IncidentCount(), 2u);  // The example incidents only.

  auto [named, named_output] =
      Import({(directory_ / "archive" / "2025-queue.md").string(), "--as", "lena@example.com"});
  ASSERT_EQ(named, 0) << named_output;
  auto store = Store();
  auto lena = store->FindUserByEmail("lena@example.com");
  ASSERT_TRUE(lena);
  auto page = store->ListIncidents({});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->incidents.size(), 3u);  // The two examples and the import.
  for (const core::Incident& incident : page->incidents) {
    if (incident.title == "Queue backlog on the orders service") {
      EXPECT_EQ(incident.created_by, lena->id);
    }
  }
}

}  // namespace
}  // namespace debrief::cli
