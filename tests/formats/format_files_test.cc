// Files written by earlier versions of debrief stay readable: a backup written by `debrief export
// --all` (format_version 1), with a published version's snapshot inside, is restored and its
// snapshot rendered. The file in testdata/formats is kept as it was written; a change that breaks
// reading it breaks every backup and published review people already have.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/clock.h"
#include "formats/backup/backup_json.h"
#include "formats/incident_snapshot.h"
#include "render/incident_markdown.h"
#include "store/backup.h"
#include "store/open.h"

namespace debrief::formats {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using ::testing::HasSubstr;

bj::value ReadJson(const std::string& name) {
  std::ifstream in(std::string(DEBRIEF_TESTDATA) + "/formats/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return bj::parse(text.str());
}

TEST(FormatFiles, ABackupOfFormatOneRestoresWithItsPublishedReview) {
  fs::path directory =
      fs::temp_directory_path() / ("debrief-formats-" + std::to_string(::getpid()));
  fs::remove_all(directory);
  fs::create_directories(directory);
  core::FixedClock clock(*core::ParseRfc3339("2026-12-03T12:00:00Z"));
  {
    bj::value file = ReadJson("backup-format-1.json");
    auto backup = DecodeBackup(file);
    ASSERT_TRUE(backup) << backup.error().message();
    auto store = store::OpenStore((directory / "restored.db").string(), clock);
    ASSERT_TRUE(store) << store.error().message();
    auto restored = (*store)->Restore(*backup);
    ASSERT_TRUE(restored) << restored.error().message();

    auto again = store::ReadBackup(**store);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->users.size(), file.at("users").as_array().size());
    ASSERT_EQ(again->incidents.size(), 2u);
    const store::IncidentBackup& published = again->incidents[1];
    EXPECT_EQ(published.accounts.size(),
              file.at("incidents").at(1).at("accounts").as_array().size());
    ASSERT_EQ(published.published_versions.size(), 1u);

    // The snapshot people read as "version 1" still decodes and renders as it was published.
    bj::value snapshot = bj::parse(published.published_versions[0].snapshot);
    auto document = DecodeIncidentDocument(snapshot.as_object());
    ASSERT_TRUE(document) << document.error().message();
    std::string markdown = render::RenderMarkdown(*document);
    EXPECT_THAT(markdown, HasSubstr("Search API timeouts while the product index was rebuilt"));
    EXPECT_THAT(markdown, HasSubstr("## Contributing factors"));
    EXPECT_THAT(markdown, HasSubstr("## Lessons"));
  }
  fs::remove_all(directory);
}

// A snapshot written by a later release, with fields this one does not know (on the incident, on
// records and at the top level), is still read: what this release knows is shown as it was.
TEST(FormatFiles, ASnapshotWithFieldsFromALaterReleaseStillReads) {
  bj::value file = ReadJson("backup-format-1.json");
  bj::value snapshot;
  for (const bj::value& incident : file.at("incidents").as_array()) {
    for (const bj::value& version : incident.at("published_versions").as_array()) {
      snapshot = bj::parse(version.at("snapshot").as_string());
    }
  }
  ASSERT_TRUE(snapshot.is_object());
  bj::object& document = snapshot.as_object();
  document["glossary"] = bj::array{"p99"};
  document["incident"].as_object()["customer_impact_minutes"] = 42;
  for (bj::value& lesson : document["lessons"].as_array()) {
    lesson.as_object()["confidence"] = "high";
  }
  ASSERT_FALSE(document["lessons"].as_array().empty());

  auto decoded = DecodeIncidentDocument(document);
  ASSERT_TRUE(decoded) << decoded.error().message();
  std::string markdown = render::RenderMarkdown(*decoded);
  EXPECT_THAT(markdown, HasSubstr("Search API timeouts while the product index was rebuilt"));
  EXPECT_THAT(markdown, HasSubstr("## Lessons"));
}

}  // namespace
}  // namespace debrief::formats
