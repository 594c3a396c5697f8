// The application: one database and what every edge shares over it — the language checker, the
// merged timelines and event snapshots kept between requests, and the background work (webhook
// deliveries, notifications). `debrief serve`, the test server and the benchmarks all start
// from App::Open, so what a request meets is the same everywhere.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "app/event_snapshots.h"
#include "app/language_feedback.h"
#include "app/notification_worker.h"
#include "app/timeline_cache.h"
#include "app/webhook_dispatcher.h"
#include "core/clock.h"
#include "core/result.h"
#include "language/checker.h"
#include "language/rule_pack.h"
#include "store/open.h"
#include "store/store.h"

namespace debrief::app {

struct AppOptions {
  store::OpenOptions store;
  // The organisation's rule pack for the language checker; empty: the built-in one.
  std::optional<language::RulePack> rule_pack;
  // The merged timelines of the incidents being read, for paging through them: so many readers'
  // views, or so many items in all.
  size_t timeline_views = 8;
  size_t timeline_items = 1'000'000;
  // The events of the incidents being read, shared by their readers' views: brought up to date
  // after a change instead of read again.
  size_t snapshot_events = 1'000'000;
};

// What PrepareLibrary did, for the operator.
struct LibraryPreparation {
  int added = 0;      // Published reviews that were missing from the library.
  size_t warmed = 0;  // Reviews indexed for search in memory.
};

// What WarmEventSnapshots read.
struct SnapshotWarmUp {
  size_t incidents = 0;
  size_t events = 0;
};

class App {
 public:
  // Opens (creating and migrating if need be) the database at `location` (see store::OpenStore).
  // `clock` must outlive the app.
  static core::Result<std::unique_ptr<App>> Open(std::string location, const core::Clock& clock,
                                                 AppOptions options = {});
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  store::Store& store() { return *store_; }
  const core::Clock& clock() const { return clock_; }
  const std::string& location() const { return location_; }
  const language::Checker& checker() const { return checker_; }
  LanguageFeedback& language_feedback() { return language_feedback_; }
  TimelineCache& timeline_cache() { return timeline_cache_; }
  EventSnapshots& event_snapshots() { return event_snapshots_; }

  // Adds published reviews missing from the library (after an upgrade or a restore) and builds
  // the search index, so the first search does not wait for it. Seconds on a large library.
  core::Result<LibraryPreparation> PrepareLibrary();

  // Reads the events of the newest incidents (the reviews people are working on) into the event
  // snapshots, newest first, so that the first reader of such a review after a start does not
  // wait for them: until `budget` is spent or half of what the snapshots keep is filled.
  core::Result<SnapshotWarmUp> WarmEventSnapshots(std::chrono::milliseconds budget);

  // Starts webhook deliveries and notifications, each on its own thread and connection; stopped
  // by StopBackgroundWork or the destructor.
  void StartBackgroundWork(NotificationWorker::Options notifications,
                           WebhookDispatcher::Options webhooks = {});
  // Finishes the deliveries in flight, then returns.
  void StopBackgroundWork();

 private:
  App(std::string location, const core::Clock& clock, std::unique_ptr<store::Store> store,
      language::RulePack rule_pack, const AppOptions& options);
  BackgroundLoop::StoreOpener StoreOpener() const;

  std::string location_;
  const core::Clock& clock_;
  std::unique_ptr<store::Store> store_;
  language::Checker checker_;
  LanguageFeedback language_feedback_{checker_};
  TimelineCache timeline_cache_;
  EventSnapshots event_snapshots_;
  size_t snapshot_events_;
  static constexpr int kIncidentsWarmed = 50;
  std::unique_ptr<WebhookDispatcher> webhooks_;
  std::unique_ptr<NotificationWorker> notifications_;
};

}  // namespace debrief::app
