// Reading an incident's events back from SQLite: what the first timeline request after the server
// starts pays before it can merge anything. Imports 100,000 deploy events (as
// bench/timeline-load.sh does) into a fresh database file in the temp folder, then lists them all,
// each iteration on a store opened anew (an empty SQLite page cache; the file itself stays in the
// OS page cache, as it does on a server that just restarted).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/system_clock.h"
#include "store/open.h"

using namespace debrief;

namespace {

constexpr int kEvents = 100'000;

[[noreturn]] void Fail(const core::Error& error) {
  std::fprintf(stderr, "event_list_bench: %s\n", error.message().c_str());
  std::exit(1);
}

struct Database {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("debrief-event-list-" + std::to_string(::getpid()) + ".db"))
                         .string();
  int64_t incident_id = 0;

  Database() {
    Remove();
    cli::SystemClock clock;
    auto store = store::OpenStore(path, clock);
    if (!store) Fail(store.error());
    core::Incident incident;
    incident.title = "Checkout latency after a pool change";
    incident.started_at = *core::ParseRfc3339("2026-03-14T10:00:00Z");
    auto created = (*store)->CreateIncident(incident, {});
    if (!created) Fail(created.error());
    incident_id = created->id;
    auto import = (*store)->BeginEventImport(incident_id);
    if (!import) Fail(import.error());
    const char* services[] = {"checkout", "payments", "search", "inventory", "shipping", "auth"};
    std::vector<core::TimelineEvent> batch;
    for (int index = 0; index < kEvents; ++index) {
      core::TimelineEvent& event = batch.emplace_back();
      event.incident_id = incident_id;
      event.at = *incident.started_at + std::chrono::seconds(index);
      event.kind = core::EventKind::kChange;
      event.text = std::string(services[index % 6]) + " 1." + std::to_string(index / 1000) + "." +
                   std::to_string(index % 1000) + " rolled out on prod-eu-" +
                   std::to_string(index % 3);
      event.source = "import:jsonl:" + std::to_string(index);
      event.visible_to = {"all"};
      if (batch.size() == 1000) {
        if (auto added = (*import)->Add(batch); !added) Fail(added.error());
        batch.clear();
      }
    }
    if (auto committed = (*import)->Commit({}, {"jsonl", "test"}); !committed)
      Fail(committed.error());
  }
  ~Database() { Remove(); }
  void Remove() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

// state.range(0): 1 lists the events the way the timeline does, 0 inside a transaction, where
// the store reads them on its one connection (a second one could not see the transaction's
// writes): the same rows, without the second connection's half.
void BM_ListEvents(benchmark::State& state) {
  static Database database;
  cli::SystemClock clock;
  bool in_halves = state.range(0) == 1;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = store::OpenStore(database.path, clock);
    if (!store) Fail(store.error());
    state.ResumeTiming();
    std::vector<core::TimelineEvent> events;
    if (in_halves) {
      auto read = (*store)->events().List(database.incident_id);
      if (!read) Fail(read.error());
      events = std::move(*read);
    } else {
      auto read = (*store)->InTransaction([&]() -> core::Result<void> {
        DEBRIEF_ASSIGN_OR_RETURN(events, (*store)->events().List(database.incident_id));
        return core::Ok();
      });
      if (!read) Fail(read.error());
    }
    if (events.size() != kEvents) Fail(core::Error::Internal("events missing"));
    benchmark::DoNotOptimize(events);
    state.PauseTiming();
    events.clear();
    store->reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kEvents);
}
BENCHMARK(BM_ListEvents)
    ->ArgName("in_halves")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
