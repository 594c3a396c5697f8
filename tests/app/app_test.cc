// What the application does at start for the first readers: the events of the newest incidents
// are read into the event snapshots ahead, within a time budget and half of what the snapshots
// keep.
#include "app/app.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace debrief::app {
namespace {

class AppWarmUpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("debrief-app-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::unique_ptr<App> OpenApp(size_t snapshot_events) {
    AppOptions options;
    options.snapshot_events = snapshot_events;
    auto opened = App::Open((directory_ / "db").string(), clock_, options);
    EXPECT_TRUE(opened) << opened.error().message();
    return opened ? std::move(*opened) : nullptr;
  }

  // An incident with `events` events; returns its id.
  int64_t IncidentWithEvents(store::Store& store, const std::string& title, int events) {
    core::Incident incident;
    incident.title = title;
    incident.severity = "SEV2";
    incident.created_by = 1;
    int64_t id = store.CreateIncident(incident, {})->id;
    for (int i = 0; i < events; ++i) {
      core::TimelineEvent event;
      event.incident_id = id;
      event.at = clock_.Now();
      event.text = title + " signal " + std::to_string(i);
      event.visible_to = {"all"};
      EXPECT_TRUE(store.events().Insert(event, {}));
    }
    return id;
  }

  core::FixedClock clock_{*core::ParseRfc3339("2026-03-14T10:00:00Z")};
  std::filesystem::path directory_;
};

TEST_F(AppWarmUpTest, TheNewestIncidentsEventsAreReadAheadAsAReaderWouldReadThem) {
  std::unique_ptr<App> app = OpenApp(1'000);
  ASSERT_NE(app, nullptr);
  int64_t older = IncidentWithEvents(app->store(), "Queue backlog", 3);
  int64_t newer = IncidentWithEvents(app->store(), "Checkout errors", 4);

  auto warmed = app->WarmEventSnapshots(std::chrono::seconds(5));
  ASSERT_TRUE(warmed) << warmed.error().message();
  EXPECT_EQ(warmed->incidents, 2u);
  EXPECT_EQ(warmed->events, 7u);
  EXPECT_EQ(app->event_snapshots().size(), 2u);
  EXPECT_EQ(app->event_snapshots().events(), 7u);
  // What a reader then gets is what the store holds.
  for (int64_t incident : {older, newer}) {
    auto generation = app->store().IncidentGeneration(incident);
    ASSERT_TRUE(generation);
    auto held = app->event_snapshots().Get(app->store(), incident, *generation);
    ASSERT_TRUE(held);
    auto stored = app->store().events().List(incident);
    ASSERT_TRUE(stored);
    ASSERT_EQ((*held)->size(), stored->size());
    for (size_t i = 0; i < stored->size(); ++i) {
      EXPECT_EQ((**held)[i].text, (*stored)[i].text);
    }
  }
}

TEST_F(AppWarmUpTest, ReadingAheadStopsAtHalfOfWhatTheSnapshotsKeepAndAtItsBudget) {
  std::unique_ptr<App> app = OpenApp(10);
  ASSERT_NE(app, nullptr);
  IncidentWithEvents(app->store(), "Oldest", 4);
  IncidentWithEvents(app->store(), "Middle", 4);
  IncidentWithEvents(app->store(), "Newest", 6);
  // The newest first: its 6 events pass half of 10, so nothing more is read.
  auto warmed = app->WarmEventSnapshots(std::chrono::seconds(5));
  ASSERT_TRUE(warmed);
  EXPECT_EQ(warmed->incidents, 1u);
  EXPECT_EQ(warmed->events, 6u);

  std::unique_ptr<App> hurried = nullptr;
  app.reset();
  hurried = OpenApp(1'000);
  ASSERT_NE(hurried, nullptr);
  auto none = hurried->WarmEventSnapshots(std::chrono::milliseconds(0));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->incidents, 0u);
  EXPECT_EQ(hurried->event_snapshots().size(), 0u);
}

}  // namespace
}  // namespace debrief::app
