#include "store/sqlite/event_import.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"

namespace debrief::store::sqlite {
namespace {

core::TimelineEvent Imported(int number) {
  core::TimelineEvent event;
  event.at = core::Timestamp{} + std::chrono::seconds(number);
  event.text = "line " + std::to_string(number);
  event.source = "import:jsonl:" + std::to_string(number);
  event.visible_to = {"all"};
  return event;
}

std::vector<core::TimelineEvent> Numbered(int from, int to) {
  std::vector<core::TimelineEvent> events;
  for (int number = from; number < to; ++number) events.push_back(Imported(number));
  return events;
}

// The virtual-machine steps the import's count query took: a measure of its work that does not
// depend on how busy the machine is.
int64_t CountQuerySteps(Connection& connection) {
  int64_t steps = 0;
  for (sqlite3_stmt* statement = sqlite3_next_stmt(connection.handle(), nullptr); statement;
       statement = sqlite3_next_stmt(connection.handle(), statement)) {
    if (std::string_view(sqlite3_sql(statement)).starts_with("SELECT count(DISTINCT")) {
      steps += sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_VM_STEP, 0);
    }
  }
  return steps;
}

class SqliteEventImportTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const auto& path : paths_) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
  }

  // A database whose one incident already holds `existing` imported events.
  std::string DatabaseWith(int existing) {
    std::string path = (std::filesystem::temp_directory_path() /
                        ("debrief-event-import-" + std::to_string(::getpid()) + "-" +
                         std::to_string(existing) + ".db"))
                           .string();
    paths_.push_back(path);
    auto store = SqliteStore::Open(path, clock_);
    EXPECT_TRUE(store) << store.error().message();
    core::Incident incident;
    incident.title = "Checkout errors";
    auto created = (*store)->CreateIncident(incident, {});
    EXPECT_TRUE(created) << created.error().message();
    incident_id_ = created->id;
    auto import = (*store)->BeginEventImport(incident_id_);
    EXPECT_TRUE(import);
    EXPECT_TRUE((*import)->Add(Numbered(0, existing)));
    auto counts = (*import)->Commit({}, {"jsonl", "earlier.jsonl"});
    EXPECT_TRUE(counts) << counts.error().message();
    return path;
  }

  // Previews an import of 200 events of which the first 100 are already in the incident.
  int64_t PreviewSteps(const std::string& path, int existing) {
    auto connection = Connection::Open(path, {});
    EXPECT_TRUE(connection);
    auto import = SqliteEventImport::Begin(**connection, clock_, incident_id_);
    EXPECT_TRUE(import) << import.error().message();
    EXPECT_TRUE((*import)->Add(Numbered(existing - 100, existing + 100)));
    auto counts = (*import)->Count();
    EXPECT_TRUE(counts) << counts.error().message();
    EXPECT_EQ(counts->added, 100);
    EXPECT_EQ(counts->skipped, 100);
    return CountQuerySteps(**connection);
  }

  core::FixedClock clock_{core::Timestamp{} + std::chrono::hours(24 * 365 * 50)};
  int64_t incident_id_ = 0;
  std::vector<std::string> paths_;
};

// The Import dialog previews every import before it is made. Its count looks each staged line
// up by source; a lookup that walks the incident's events instead made a 2,000-line preview
// against 50,000 events hold the server for 19 seconds.
TEST_F(SqliteEventImportTest, APreviewDoesNotGrowWithTheIncident) {
  std::string small = DatabaseWith(1'000);
  int64_t small_steps = PreviewSteps(small, 1'000);
  std::string large = DatabaseWith(20'000);
  int64_t large_steps = PreviewSteps(large, 20'000);
  ASSERT_GT(small_steps, 0);
  // Twenty times the events may cost a deeper index, never twenty times the work.
  EXPECT_LT(large_steps, small_steps * 2)
      << small_steps << " steps against 1,000 events, " << large_steps << " against 20,000";
}

// The server's workers import on a connection of the import's own while the store's own
// connection goes on writing: both land, and the store sees the import (its generation moved)
// without being told.
TEST_F(SqliteEventImportTest, ADetachedImportRunsOnAnotherThreadBesideTheStore) {
  std::string path = DatabaseWith(10);
  auto store = SqliteStore::Open(path, clock_);
  ASSERT_TRUE(store) << store.error().message();
  auto generation_before = (*store)->IncidentGeneration(incident_id_);
  ASSERT_TRUE(generation_before);
  auto detached = (*store)->BeginDetachedEventImport(incident_id_);
  ASSERT_TRUE(detached) << detached.error().message();
  ASSERT_NE(*detached, nullptr);

  Result<ImportCounts> counts = core::Error::Internal("not run");
  std::thread worker([&, import = std::move(*detached)]() mutable {
    for (int from = 10; from < 20'010 && import; from += 1'000) {
      if (auto added = import->Add(Numbered(from, from + 1'000)); !added) {
        counts = added.error();
        return;
      }
    }
    counts = import->Commit({}, {"jsonl", "on a worker.jsonl"});
  });
  // Meanwhile the store writes on its own connection (waiting its turn for the commit's lock).
  for (int number = 0; number < 20; ++number) {
    core::TimelineEvent event = Imported(100'000 + number);
    event.incident_id = incident_id_;
    event.source = "manual";
    auto created = (*store)->events().Insert(event, {});
    EXPECT_TRUE(created) << created.error().message();
  }
  worker.join();
  ASSERT_TRUE(counts) << counts.error().message();
  EXPECT_EQ(counts->added, 20'000);
  auto events = (*store)->events().List(incident_id_);
  ASSERT_TRUE(events) << events.error().message();
  EXPECT_EQ(events->size(), 10u + 20'000u + 20u);
  auto generation_after = (*store)->IncidentGeneration(incident_id_);
  ASSERT_TRUE(generation_after);
  EXPECT_GE(*generation_after, *generation_before + 21);
}

// A database in memory belongs to its one connection: no detached import, the caller imports on
// the store's own.
TEST_F(SqliteEventImportTest, ADatabaseInMemoryHasNoDetachedImport) {
  auto store = SqliteStore::Open(":memory:", clock_);
  ASSERT_TRUE(store) << store.error().message();
  auto detached = (*store)->BeginDetachedEventImport(1);
  ASSERT_TRUE(detached) << detached.error().message();
  EXPECT_EQ(*detached, nullptr);
}

}  // namespace
}  // namespace debrief::store::sqlite
