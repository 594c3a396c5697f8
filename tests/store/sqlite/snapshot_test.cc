// Backups taken while another connection keeps writing: each is the database as of one moment,
// so every row in it belongs where it did (a backup read piece by piece kept audit entries of an
// incident created meanwhile, and restored them onto another).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "store/backup.h"
#include "store/open.h"

namespace debrief::store {
namespace {

// Every audit entry names an incident the backup holds, and each incident holds exactly the
// events its audit entries say were added.
void ExpectWhole(const Backup& backup, const std::string& which) {
  std::map<int64_t, size_t> events;
  for (const IncidentBackup& incident : backup.incidents) {
    events[incident.incident.id] = incident.events.size();
  }
  std::map<int64_t, size_t> created;
  for (const core::AuditEntry& entry : backup.audit) {
    if (!entry.incident_id) continue;
    ASSERT_TRUE(events.contains(*entry.incident_id))
        << which << ": audit entry " << entry.id << " names incident " << *entry.incident_id
        << ", which the backup does not hold";
    if (entry.entity == "timeline_events" && entry.action == "create") {
      ++created[*entry.incident_id];
    }
  }
  for (const auto& [incident, count] : events) {
    EXPECT_EQ(count, created[incident]) << which << ": incident " << incident;
  }
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        std::filesystem::temp_directory_path() / ("debrief-snapshot-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string Path(const std::string& name) const { return (directory_ / name).string(); }

  core::FixedClock clock_{core::Timestamp{} + std::chrono::hours(24 * 365 * 56)};
  std::filesystem::path directory_;
};

TEST_F(SnapshotTest, BackupsUnderWriteLoadAreEachOneMoment) {
  auto reader = OpenStore(Path("live.db"), clock_);
  ASSERT_TRUE(reader) << reader.error().message();
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&]() {
    auto store = OpenStore(Path("live.db"), clock_);
    ASSERT_TRUE(store);
    while (!stop) {
      core::Incident incident;
      incident.title = "Load " + std::to_string(written.load());
      auto created = (*store)->CreateIncident(incident, {});
      if (!created) continue;  // Busy: the reader's snapshot is being copied.
      for (int event = 0; event < 3; ++event) {
        core::TimelineEvent item;
        item.incident_id = created->id;
        item.at = clock_.Now();
        item.text = "step " + std::to_string(event);
        item.visible_to = {"all"};
        (void)(*store)->events().Insert(item, {});
      }
      ++written;
    }
  });
  while (written < 5) std::this_thread::yield();
  for (int round = 0; round < 8; ++round) {
    auto backup = ReadBackup(**reader);
    ASSERT_TRUE(backup) << backup.error().message();
    ExpectWhole(*backup, "JSON backup " + std::to_string(round));
    std::string copy = Path("copy-" + std::to_string(round) + ".db");
    auto summary = (*reader)->CopySnapshot(copy);
    ASSERT_TRUE(summary) << summary.error().message();
    auto restored = OpenStore(copy, clock_);
    ASSERT_TRUE(restored) << restored.error().message();
    ASSERT_TRUE((*restored)->Verify());
    auto from_copy = ReadBackup(**restored);
    ASSERT_TRUE(from_copy);
    ExpectWhole(*from_copy, "copy " + std::to_string(round));
  }
  stop = true;
  writer.join();
  EXPECT_GT(written.load(), 5);
}

TEST_F(SnapshotTest, ACopyNeverOverwritesAFile) {
  auto store = OpenStore(Path("live.db"), clock_);
  ASSERT_TRUE(store);
  std::filesystem::create_directories(directory_ / "taken");
  auto refused = (*store)->CopySnapshot((directory_ / "taken").string());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kAlreadyExists);
}

}  // namespace
}  // namespace debrief::store
