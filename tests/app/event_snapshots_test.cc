// The events of the incidents being read, kept between requests: after every kind of change they
// are what a fresh read gives, writes by another process on the same database are seen, a
// snapshot nobody holds is brought up to date in place and one still held is left as it was,
// and the budget holds.
#include "app/event_snapshots.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include "store/open.h"

namespace debrief::app {
namespace {

class EventSnapshotsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("debrief-event-snapshots-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    store_ = Open();
    incident_ = NewIncident("Checkout errors");
    incident_key_ = store_->ListIncidents({})->incidents.front().key;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }

  std::unique_ptr<store::Store> Open() {
    auto opened = store::OpenStore((directory_ / "db").string(), clock_);
    EXPECT_TRUE(opened) << opened.error().message();
    return std::move(*opened);
  }

  int64_t NewIncident(std::string title) {
    core::Incident incident;
    incident.title = std::move(title);
    incident.severity = "SEV2";
    incident.created_by = 1;
    return store_->CreateIncident(incident, {})->id;
  }

  core::TimelineEvent AddEvent(store::Store& store, int64_t incident_id, std::string text) {
    core::TimelineEvent event;
    event.incident_id = incident_id;
    event.at = clock_.Now();
    event.text = std::move(text);
    event.visible_to = {"all"};
    auto stored = store.events().Insert(event, {});
    EXPECT_TRUE(stored) << stored.error().message();
    return *stored;
  }

  std::shared_ptr<const EventSnapshots::Events> Get(EventSnapshots& snapshots,
                                                    int64_t incident_id) {
    auto generation = store_->IncidentGeneration(incident_id);
    EXPECT_TRUE(generation);
    auto events = snapshots.Get(*store_, incident_id, *generation);
    EXPECT_TRUE(events) << events.error().message();
    return *events;
  }

  // The snapshot holds what a fresh read of the database holds: the same events, versions and
  // text, in the same order.
  void ExpectAsStored(const EventSnapshots::Events& events, int64_t incident_id) {
    auto stored = store_->events().List(incident_id);
    ASSERT_TRUE(stored);
    ASSERT_EQ(events.size(), stored->size());
    for (size_t index = 0; index < events.size(); ++index) {
      EXPECT_EQ(events[index].id, (*stored)[index].id);
      EXPECT_EQ(events[index].version, (*stored)[index].version);
      EXPECT_EQ(events[index].text, (*stored)[index].text);
    }
  }

  std::filesystem::path directory_;
  core::FixedClock clock_{*core::ParseRfc3339("2026-03-14T10:00:00Z")};
  std::unique_ptr<store::Store> store_;
  int64_t incident_ = 0;
  std::string incident_key_;
};

TEST_F(EventSnapshotsTest, AfterEveryKindOfChangeTheEventsAreAsStored) {
  EventSnapshots snapshots(1000);
  core::TimelineEvent first = AddEvent(*store_, incident_, "deploy 1.4.2 started");
  core::TimelineEvent second = AddEvent(*store_, incident_, "error rate at 4%");
  core::TimelineEvent third = AddEvent(*store_, incident_, "rollback started");
  ExpectAsStored(*Get(snapshots, incident_), incident_);

  // Updated, deleted (the newest, whose id the next insert takes again), created.
  core::TimelineEvent edited = second;
  edited.text = "error rate at 6%";
  ASSERT_TRUE(store_->events().Update(edited, second.version, {}));
  ASSERT_TRUE(store_->events().Delete(incident_, third.id, third.version, {}));
  core::TimelineEvent fourth = AddEvent(*store_, incident_, "rollback finished");
  ExpectAsStored(*Get(snapshots, incident_), incident_);

  // Imported: many events under one audit entry.
  auto import = store_->BeginEventImport(incident_);
  ASSERT_TRUE(import);
  std::vector<core::TimelineEvent> batch(3);
  for (size_t index = 0; index < batch.size(); ++index) {
    batch[index].at = clock_.Now();
    batch[index].text = "log line " + std::to_string(index);
    batch[index].source = "import:jsonl:" + std::to_string(index);
    batch[index].visible_to = {"all"};
  }
  ASSERT_TRUE((*import)->Add(batch));
  ASSERT_TRUE((*import)->Commit({}, {"jsonl", "test"}));
  import->reset();
  ExpectAsStored(*Get(snapshots, incident_), incident_);

  // The first one deleted, and everything written since in one window.
  ASSERT_TRUE(store_->events().Delete(incident_, first.id, first.version, {}));
  core::TimelineEvent renamed = fourth;
  renamed.text = "rollback finished at 10:42";
  ASSERT_TRUE(store_->events().Update(renamed, fourth.version, {}));
  auto events = Get(snapshots, incident_);
  ExpectAsStored(*events, incident_);
  EXPECT_EQ(events->size(), 5u);
  EXPECT_EQ(snapshots.events(), 5u);
}

TEST_F(EventSnapshotsTest, AChangeToSomethingElseKeepsTheSameEvents) {
  EventSnapshots snapshots(1000);
  AddEvent(*store_, incident_, "deploy 1.4.2 started");
  auto before = Get(snapshots, incident_);
  auto incident = store_->GetIncident(incident_key_);
  ASSERT_TRUE(incident) << incident.error().message();
  core::Incident retitled = *incident;
  retitled.title = "Checkout errors in eu-west";
  ASSERT_TRUE(store_->UpdateIncident(retitled, incident->version, {}));
  EXPECT_EQ(Get(snapshots, incident_), before);
}

TEST_F(EventSnapshotsTest, WritesByAnotherProcessAreSeen) {
  EventSnapshots snapshots(1000);
  AddEvent(*store_, incident_, "deploy 1.4.2 started");
  ASSERT_EQ(Get(snapshots, incident_)->size(), 1u);
  // The CLI importing into the file the server reads, through a connection of its own.
  auto elsewhere = Open();
  AddEvent(*elsewhere, incident_, "paged the payments on-call");
  auto events = Get(snapshots, incident_);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->back().text, "paged the payments on-call");
}

TEST_F(EventSnapshotsTest, ASnapshotStillHeldIsLeftAsItWas) {
  EventSnapshots snapshots(1000);
  AddEvent(*store_, incident_, "deploy 1.4.2 started");
  auto held = Get(snapshots, incident_);
  const EventSnapshots::Events* address = held.get();
  AddEvent(*store_, incident_, "error rate at 4%");
  auto newer = Get(snapshots, incident_);
  EXPECT_EQ(held->size(), 1u);  // A request still encoding it sees what it read.
  EXPECT_EQ(newer->size(), 2u);
  EXPECT_NE(newer.get(), address);

  // Held by nobody else, it is brought up to date where it is.
  address = newer.get();
  newer.reset();
  held.reset();
  AddEvent(*store_, incident_, "rollback started");
  auto updated = Get(snapshots, incident_);
  EXPECT_EQ(updated.get(), address);
  ExpectAsStored(*updated, incident_);
}

TEST_F(EventSnapshotsTest, KeepsWithinItsBudget) {
  EventSnapshots snapshots(3);
  int64_t other = NewIncident("Search latency");
  int64_t large = NewIncident("Queue backlog");
  AddEvent(*store_, incident_, "a");
  AddEvent(*store_, incident_, "b");
  AddEvent(*store_, other, "c");
  AddEvent(*store_, other, "d");
  for (int index = 0; index < 4; ++index) AddEvent(*store_, large, "e");
  Get(snapshots, incident_);
  Get(snapshots, other);  // Two and two: the least recently read goes.
  EXPECT_EQ(snapshots.size(), 1u);
  EXPECT_EQ(snapshots.events(), 2u);
  // Larger than the whole budget: read, handed out, not kept, and nothing else pushed out.
  EXPECT_EQ(Get(snapshots, large)->size(), 4u);
  EXPECT_EQ(snapshots.size(), 1u);
  EXPECT_EQ(snapshots.events(), 2u);
}

TEST_F(EventSnapshotsTest, AGenerationFromAnotherDatabaseReadsEverything) {
  EventSnapshots snapshots(1000);
  AddEvent(*store_, incident_, "deploy 1.4.2 started");
  auto generation = *store_->IncidentGeneration(incident_);
  ASSERT_TRUE(snapshots.Get(*store_, incident_, generation + 100));
  // Generations only grow: one below the snapshot's cannot be brought up to date from it.
  AddEvent(*store_, incident_, "error rate at 4%");
  auto events = snapshots.Get(*store_, incident_, generation);
  ASSERT_TRUE(events);
  ExpectAsStored(**events, incident_);
}

// Two writers on two connections change one incident at once (events added, edited, deleted,
// imported) while a reader keeps one snapshot and brings it up to date from generation to
// generation: at every generation it reads, inside one transaction, the snapshot equals a fresh
// read. Nothing in this relies on ids being drawn in the order writes commit.
TEST_F(EventSnapshotsTest, TwoWritersAndAReaderAgreeAtEveryGeneration) {
  constexpr int kOperationsPerWriter = 120;
  std::atomic<int> writers_done = 0;
  std::atomic<int> failures = 0;
  // Comparisons the reader has finished. Every few operations a writer waits for the next one,
  // so the reader sees the incident at many generations however busy the machine is.
  std::atomic<int> compared = 0;
  constexpr int kOperationsBetweenReads = 10;
  auto write = [&](int writer) {
    std::unique_ptr<store::Store> store = Open();
    std::mt19937 random(static_cast<unsigned>(writer) * 7919u);
    std::vector<core::TimelineEvent> mine;
    for (int operation = 0; operation < kOperationsPerWriter; ++operation) {
      int choice = static_cast<int>(random() % 10);
      std::string label = "w" + std::to_string(writer) + "-" + std::to_string(operation);
      bool ok = true;
      if (choice < 4 || mine.empty()) {
        core::TimelineEvent event;
        event.incident_id = incident_;
        event.at = clock_.Now();
        event.text = label;
        event.visible_to = {"all"};
        auto stored = store->events().Insert(event, {});
        ok = static_cast<bool>(stored);
        if (stored) mine.push_back(*stored);
      } else if (choice < 7) {
        core::TimelineEvent& event = mine[random() % mine.size()];
        core::TimelineEvent edited = event;
        edited.text = label + " (edited)";
        auto stored = store->events().Update(edited, event.version, {});
        ok = static_cast<bool>(stored);
        if (stored) event = *stored;
      } else if (choice < 9) {
        size_t index = random() % mine.size();
        ok = static_cast<bool>(
            store->events().Delete(incident_, mine[index].id, mine[index].version, {}));
        mine.erase(mine.begin() + static_cast<std::ptrdiff_t>(index));
      } else {
        auto import = store->BeginEventImport(incident_);
        ok = static_cast<bool>(import);
        if (import) {
          std::vector<core::TimelineEvent> batch;
          for (int line = 0; line < 5; ++line) {
            core::TimelineEvent event;
            event.at = clock_.Now();
            event.text = label + " line " + std::to_string(line);
            event.source = "import:jsonl:" + label + "-" + std::to_string(line);
            event.visible_to = {"all"};
            batch.push_back(std::move(event));
          }
          ok = (*import)->Add(std::move(batch)) && (*import)->Commit({}, {"jsonl", label});
        }
      }
      if (!ok) ++failures;
      if (operation % kOperationsBetweenReads == kOperationsBetweenReads - 1) {
        int next = compared.load() + 1;
        while (compared.load() < next) std::this_thread::yield();
      }
    }
    ++writers_done;
  };
  std::thread first(write, 1);
  std::thread second(write, 2);

  EventSnapshots snapshots(100'000);
  std::unique_ptr<store::Store> reader = Open();
  int64_t last_generation = -1;
  int generations_seen = 0;
  auto compare = [&]() -> bool {
    bool equal = true;
    auto read = reader->InTransaction([&]() -> core::Result<void> {
      DEBRIEF_ASSIGN_OR_RETURN(int64_t generation, reader->IncidentGeneration(incident_));
      EXPECT_GE(generation, last_generation) << "generations only grow";
      if (generation != last_generation) ++generations_seen;
      last_generation = generation;
      DEBRIEF_ASSIGN_OR_RETURN(auto kept, snapshots.Get(*reader, incident_, generation));
      DEBRIEF_ASSIGN_OR_RETURN(auto fresh, reader->events().List(incident_));
      if (kept->size() != fresh.size()) equal = false;
      for (size_t index = 0; equal && index < fresh.size(); ++index) {
        const core::TimelineEvent& a = (*kept)[index];
        const core::TimelineEvent& b = fresh[index];
        if (a.id != b.id || a.version != b.version || a.text != b.text) equal = false;
      }
      return core::Ok();
    });
    EXPECT_TRUE(read) << read.error().message();
    ++compared;
    return equal;
  };
  while (writers_done < 2) {
    ASSERT_TRUE(compare()) << "the snapshot differs from a fresh read at generation "
                           << last_generation;
  }
  first.join();
  second.join();
  EXPECT_TRUE(compare());
  EXPECT_EQ(failures, 0);
  // The reader saw the incident change many times while the writers ran, not just once.
  EXPECT_GT(generations_seen, 10);
  EXPECT_EQ(*reader->IncidentGeneration(incident_), last_generation);
}

}  // namespace
}  // namespace debrief::app
