#include "app/app.h"

#include <utility>

#include "app/library_entry.h"

namespace debrief::app {

core::Result<std::unique_ptr<App>> App::Open(std::string location, const core::Clock& clock,
                                             AppOptions options) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                           store::OpenStore(location, clock, options.store));
  language::RulePack rule_pack;
  if (options.rule_pack) {
    rule_pack = std::move(*options.rule_pack);
  } else {
    DEBRIEF_ASSIGN_OR_RETURN(rule_pack, language::DefaultRulePack());
  }
  return std::unique_ptr<App>(
      new App(std::move(location), clock, std::move(store), std::move(rule_pack), options));
}

App::App(std::string location, const core::Clock& clock, std::unique_ptr<store::Store> store,
         language::RulePack rule_pack, const AppOptions& options)
    : location_(std::move(location)),
      clock_(clock),
      store_(std::move(store)),
      checker_(std::move(rule_pack)),
      timeline_cache_(options.timeline_views, options.timeline_items),
      event_snapshots_(options.snapshot_events),
      snapshot_events_(options.snapshot_events) {}

App::~App() { StopBackgroundWork(); }

core::Result<LibraryPreparation> App::PrepareLibrary() {
  LibraryPreparation done;
  DEBRIEF_ASSIGN_OR_RETURN(done.added, IndexLibraryBacklog(*store_));
  DEBRIEF_ASSIGN_OR_RETURN(done.warmed, store_->WarmLibrary());
  return done;
}

core::Result<SnapshotWarmUp> App::WarmEventSnapshots(std::chrono::milliseconds budget) {
  auto deadline = std::chrono::steady_clock::now() + budget;
  SnapshotWarmUp done;
  store::IncidentQuery newest;
  newest.limit = kIncidentsWarmed;
  DEBRIEF_ASSIGN_OR_RETURN(store::IncidentPage page, store_->ListIncidents(newest));
  for (const core::Incident& incident : page.incidents) {
    if (std::chrono::steady_clock::now() >= deadline ||
        event_snapshots_.events() >= snapshot_events_ / 2) {
      break;
    }
    DEBRIEF_ASSIGN_OR_RETURN(int64_t generation, store_->IncidentGeneration(incident.id));
    DEBRIEF_ASSIGN_OR_RETURN(auto events, event_snapshots_.Get(*store_, incident.id, generation));
    ++done.incidents;
    done.events += events->size();
  }
  return done;
}

BackgroundLoop::StoreOpener App::StoreOpener() const {
  // Each worker opens its own connection on its own thread: a store is used by one thread.
  return [location = location_, &clock = clock_]() { return store::OpenStore(location, clock); };
}

void App::StartBackgroundWork(NotificationWorker::Options notifications,
                              WebhookDispatcher::Options webhooks) {
  StopBackgroundWork();
  webhooks_ = std::make_unique<WebhookDispatcher>(StoreOpener(), clock_, webhooks);
  webhooks_->Start();
  notifications_ =
      std::make_unique<NotificationWorker>(StoreOpener(), clock_, std::move(notifications));
  notifications_->Start();
}

void App::StopBackgroundWork() {
  if (webhooks_) webhooks_->Stop();
  if (notifications_) notifications_->Stop();
  webhooks_.reset();
  notifications_.reset();
}

}  // namespace debrief::app
