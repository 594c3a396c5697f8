// A Slack workspace export, as a folder and as a zip: key messages (pinned, or with a key
// reaction) always, the rest on request, threads that say what they answer, Slack's markup made
// readable, and joins, deleted and hidden messages passed over.
#include "ingest/slack_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>

namespace debrief::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kExport = DEBRIEF_TESTDATA "/ingest/slack-export";

std::vector<core::TimelineEvent> ReadAll(const std::string& path, SlackImportOptions options,
                                         int64_t* passed_over = nullptr) {
  auto archive = ExportArchive::Open(path);
  EXPECT_TRUE(archive) << archive.error().message();
  if (!archive) return {};
  auto source = SlackExportSource::Open(std::move(*archive), std::move(options));
  EXPECT_TRUE(source) << source.error().message();
  if (!source) return {};
  std::vector<core::TimelineEvent> events;
  core::TimelineEvent event;
  while (true) {
    auto next = (*source)->Next(event);
    EXPECT_TRUE(next) << next.error().message();
    if (!next || !*next) break;
    events.push_back(event);
  }
  if (passed_over != nullptr) *passed_over = (*source)->passed_over();
  return events;
}

std::vector<std::string> Texts(const std::vector<core::TimelineEvent>& events) {
  std::vector<std::string> texts;
  for (const core::TimelineEvent& event : events) texts.push_back(event.text);
  return texts;
}

// Zips the fixture export, under a top folder as some tools do.
std::string ZipOfExport() {
  std::string path = (fs::temp_directory_path() / "debrief-slack-export-test.zip").string();
  fs::remove(path);
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr);
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kExport)) {
    if (!entry.is_regular_file()) continue;
    std::string name = "export/" + fs::relative(entry.path(), kExport).string();
    zip_source_t* source = zip_source_file(zip, entry.path().c_str(), 0, -1);
    EXPECT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
  return path;
}

TEST(SlackExportTest, KeyMessagesByDefault) {
  int64_t passed_over = 0;
  std::vector<core::TimelineEvent> events =
      ReadAll(kExport, {.channel = "#incident-142"}, &passed_over);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].text,
            "[key, pinned] payments 5xx up since 10:02, see the dashboard "
            "(https://grafana.example/d/pay) & #general");
  EXPECT_EQ(core::FormatRfc3339(events[0].at), "2026-03-14T10:02:00Z");
  EXPECT_EQ(events[0].actor, "Priya Raman");
  EXPECT_EQ(events[0].source, "import:slack:C0INC142:1773482520.000200");
  EXPECT_EQ(events[0].kind, core::EventKind::kCommunication);
  EXPECT_THAT(events[0].visible_to, ElementsAre("channel:#incident-142"));
  EXPECT_EQ(events[1].text,
            "[key, :pushpin:] rolling back 4.2.1 now, @Priya Raman can you watch "
            "the pool?");
  EXPECT_EQ(events[1].actor, "Sam O.");  // No real name: the display name.
  EXPECT_EQ(events[2].text, "[key, :key:] all clear, closing the incident");
  EXPECT_EQ(passed_over,
            3);  // The reply, the bot and the file; joins and tombstones are no messages.
}

TEST(SlackExportTest, EveryMessageOnRequestWithThreadsBotsAndFiles) {
  std::vector<core::TimelineEvent> events =
      ReadAll(kExport, {.channel = "incident-142", .all_messages = true});
  EXPECT_THAT(
      Texts(events),
      ElementsAre(
          HasSubstr("payments 5xx up"), HasSubstr("rolling back 4.2.1"),
          "↳ reply to Sam O.: rolling back 4.2.1 now, @Priya Raman can you watch the pool? — "
          "watching, connections back under 80%",
          "deploy 4.2.0 to payments finished", "[file: pool saturation]", HasSubstr("all clear")));
  EXPECT_EQ(events[3].actor, "deploy-bot");
}

TEST(SlackExportTest, FromAndToKeepMessagesInTheWindow) {
  SlackImportOptions options{.channel = "C0INC142", .all_messages = true};
  options.from = core::ParseRfc3339("2026-03-14T10:05:00Z");
  options.to = core::ParseRfc3339("2026-03-15T00:00:00Z");
  std::vector<core::TimelineEvent> events = ReadAll(kExport, options);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_THAT(events.front().text, HasSubstr("rolling back"));
  EXPECT_THAT(events.back().text, HasSubstr("pool saturation"));
}

TEST(SlackExportTest, AZipReadsLikeItsFolder) {
  std::string zip = ZipOfExport();
  SlackImportOptions options{.channel = "incident-142", .all_messages = true};
  std::vector<core::TimelineEvent> from_zip = ReadAll(zip, options);
  std::vector<core::TimelineEvent> from_folder = ReadAll(kExport, options);
  EXPECT_EQ(from_zip.size(), 6u);
  EXPECT_EQ(Texts(from_zip), Texts(from_folder));
  fs::remove(zip);
}

std::vector<SlackMembership> MembershipsOf(const std::string& path, SlackImportOptions options) {
  auto archive = ExportArchive::Open(path);
  EXPECT_TRUE(archive);
  if (!archive) return {};
  auto source = SlackExportSource::Open(std::move(*archive), std::move(options));
  EXPECT_TRUE(source);
  if (!source) return {};
  core::TimelineEvent event;
  core::Result<bool> next = true;
  while (next && *next) next = (*source)->Next(event);
  EXPECT_TRUE(next);
  std::vector<SlackMembership> memberships = (*source)->Memberships();
  std::sort(memberships.begin(), memberships.end(),
            [](const auto& a, const auto& b) { return a.user_id < b.user_id; });
  return memberships;
}

std::string Span(const SlackMembership& membership) {
  auto at = [](const std::optional<core::Timestamp>& instant) {
    return instant ? core::FormatRfc3339(*instant) : std::string("-");
  };
  return membership.user_id + " " + at(membership.since) + " " + at(membership.until);
}

TEST(SlackExportTest, MembershipComesFromTheMemberListAndJoinsAndLeaves) {
  std::vector<std::string> spans;
  for (const SlackMembership& membership : MembershipsOf(kExport, {.channel = "incident-142"})) {
    spans.push_back(Span(membership));
  }
  // Lena joined at 10:04 and left at 10:20; Sam joined at 10:00; Priya is a member with no join
  // read, so from before the export's first day.
  EXPECT_THAT(spans, ElementsAre("U0LENA 2026-03-14T10:04:00Z 2026-03-14T10:20:00Z", "U0PRIYA - -",
                                 "U0SAM 2026-03-14T10:00:00Z -"));
}

TEST(SlackExportTest, MembershipOverSeveralStaysAndUnknownRejoins) {
  fs::path folder = fs::temp_directory_path() / "debrief-slack-membership";
  fs::remove_all(folder);
  fs::copy(kExport, folder, fs::copy_options::recursive);
  // Lena comes back on the second day and leaves again; Noor left without a join read, and is
  // listed as a member at export time again (she rejoined on a day not exported).
  {
    std::ofstream(folder / "channels.json")
        << R"([{"id": "C0INC142", "name": "incident-142", "members": ["U0PRIYA", "U0NOOR"]}])";
    std::ofstream(folder / "incident-142" / "2026-03-15.json") << R"([
      {"type": "message", "subtype": "channel_leave", "user": "U0NOOR", "ts": "1773536400.000100"},
      {"type": "message", "subtype": "channel_join", "user": "U0LENA", "ts": "1773540000.000200"},
      {"type": "message", "subtype": "channel_leave", "user": "U0LENA", "ts": "1773543600.000300"},
      {"type": "message", "subtype": "channel_join", "user": "U0BAD", "ts": "not a time"}
    ])";
  }
  std::vector<std::string> spans;
  for (const SlackMembership& membership :
       MembershipsOf(folder.string(), {.channel = "incident-142"})) {
    spans.push_back(Span(membership));
  }
  EXPECT_THAT(spans, ElementsAre("U0LENA 2026-03-14T10:04:00Z 2026-03-14T10:20:00Z",
                                 "U0LENA 2026-03-15T02:00:00Z 2026-03-15T03:00:00Z",
                                 "U0NOOR - 2026-03-15T01:00:00Z", "U0PRIYA - -",
                                 "U0SAM 2026-03-14T10:00:00Z -"));
  fs::remove_all(folder);
}

TEST(SlackExportTest, MistakesAreExplained) {
  auto archive = ExportArchive::Open(kExport);
  ASSERT_TRUE(archive);
  auto missing = SlackExportSource::Open(std::move(*archive), {.channel = "incident-999"});
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message(), HasSubstr("no channel incident-999"));
  EXPECT_THAT(missing.error().message(), HasSubstr("incident-142, general"));

  auto not_an_export = ExportArchive::Open(DEBRIEF_TESTDATA "/ingest/journald.jsonl");
  ASSERT_FALSE(not_an_export);
  EXPECT_THAT(not_an_export.error().message(), HasSubstr("neither a folder nor a zip"));

  // A day file that is not JSON is rejected naming the file.
  fs::path broken = fs::temp_directory_path() / "debrief-slack-broken";
  fs::remove_all(broken);
  fs::copy(kExport, broken, fs::copy_options::recursive);
  { std::ofstream(broken / "incident-142" / "2026-03-15.json") << "[{\"ts\": \"17735"; }
  auto opened = SlackExportSource::Open(*ExportArchive::Open(broken.string()),
                                        {.channel = "incident-142", .all_messages = true});
  ASSERT_TRUE(opened);
  core::TimelineEvent event;
  core::Result<bool> next = true;
  while (next && *next) next = (*opened)->Next(event);
  ASSERT_FALSE(next);
  EXPECT_THAT(next.error().message(), HasSubstr("incident-142/2026-03-15.json: not valid JSON"));
  fs::remove_all(broken);
}

}  // namespace
}  // namespace debrief::ingest
