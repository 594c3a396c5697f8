// The store on SQLite and on PostgreSQL side by side, in one run on one machine, through the
// Store interface alone (no HTTP): an import of N events (COPY into a stage on PostgreSQL, an
// attached stage on SQLite, then one INSERT ... SELECT), one audited event write per transaction
// (what each POST of an event costs the database), and reading an incident's 100,000 events back.
// bench/store-backends.sh starts a PostgreSQL cluster for it, durable (fsync and synchronous
// commit on), and names it in DEBRIEF_BENCH_POSTGRES; without that only SQLite runs.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/system_clock.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

using namespace debrief;

namespace {

[[noreturn]] void Fail(const core::Error& error) {
  std::fprintf(stderr, "store_backends_bench: %s\n", error.message().c_str());
  std::exit(1);
}

const cli::SystemClock& Clock() {
  static cli::SystemClock clock;
  return clock;
}

std::string SqlitePath() {
  return (std::filesystem::temp_directory_path() /
          ("debrief-backends-" + std::to_string(::getpid()) + ".db"))
      .string();
}

// The SQLite file goes when the benchmark ends.
struct RemoveSqliteFileAtExit {
  ~RemoveSqliteFileAtExit() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(SqlitePath() + suffix, ignored);
    }
  }
} remove_sqlite_file_at_exit;

// A fresh database of the back end (0 SQLite, 1 PostgreSQL).
std::unique_ptr<store::Store> OpenFresh(int backend) {
  if (backend == 0) {
    std::string path = SqlitePath();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto opened = store::sqlite::SqliteStore::Open(path, Clock());
    if (!opened) Fail(opened.error());
    return std::move(*opened);
  }
  const char* conninfo = std::getenv("DEBRIEF_BENCH_POSTGRES");
  // The cluster's own database holds nothing else: every table is emptied for a fresh start.
  auto opened = store::postgres::PostgresStore::Open(conninfo, Clock());
  if (!opened) Fail(opened.error());
  auto connection = store::postgres::Connection::Open(conninfo);
  if (!connection) Fail(connection.error());
  auto emptied = (*connection)
                     ->Execute(
                         "TRUNCATE incidents, users, audit_log, incident_key_counters RESTART "
                         "IDENTITY CASCADE");
  if (!emptied) Fail(emptied.error());
  return std::move(*opened);
}

bool Available(benchmark::State& state) {
  if (state.range(0) == 1 && std::getenv("DEBRIEF_BENCH_POSTGRES") == nullptr) {
    state.SkipWithError("no PostgreSQL (run bench/store-backends.sh)");
    return false;
  }
  state.SetLabel(state.range(0) == 0 ? "sqlite" : "postgres");
  return true;
}

int64_t NewIncident(store::Store& store) {
  core::Incident incident;
  incident.title = "Checkout latency after a pool change";
  incident.started_at = *core::ParseRfc3339("2026-03-14T10:00:00Z");
  auto created = store.CreateIncident(incident, {});
  if (!created) Fail(created.error());
  return created->id;
}

core::TimelineEvent Event(int64_t incident_id, int64_t index) {
  static const char* services[] = {"checkout",  "payments", "search",
                                   "inventory", "shipping", "auth"};
  core::TimelineEvent event;
  event.incident_id = incident_id;
  event.at = *core::ParseRfc3339("2026-03-14T10:00:00Z") + std::chrono::seconds(index);
  event.kind = core::EventKind::kCommunication;
  event.text = std::string(services[index % 6]) + " error rate at " + std::to_string(index % 40) +
               "%, can you check the " + services[index % 6] + " dashboard? rollback if it stays";
  event.actor = "Responder " + std::to_string(index % 50 + 1);
  event.source = "import:slack:" + std::to_string(index);
  event.visible_to = {"all"};
  return event;
}

void Import(store::Store& store, int64_t incident_id, int64_t count) {
  auto import = store.BeginEventImport(incident_id);
  if (!import) Fail(import.error());
  std::vector<core::TimelineEvent> batch;
  for (int64_t index = 0; index < count; ++index) {
    batch.push_back(Event(incident_id, index));
    if (batch.size() == 5000 || index + 1 == count) {
      if (auto added = (*import)->Add(batch); !added) Fail(added.error());
      batch.clear();
    }
  }
  auto committed = (*import)->Commit({}, {"slack", "bench"});
  if (!committed) Fail(committed.error());
  if (committed->added != count) Fail(core::Error::Internal("the import lost events"));
}

// state.range(1) events imported into a new incident of a fresh database.
void BM_Import(benchmark::State& state) {
  if (!Available(state)) return;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = OpenFresh(static_cast<int>(state.range(0)));
    int64_t incident_id = NewIncident(*store);
    state.ResumeTiming();
    Import(*store, incident_id, state.range(1));
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}

// One event written and audited per transaction, committed before the next begins.
void BM_WriteEvent(benchmark::State& state) {
  if (!Available(state)) return;
  auto store = OpenFresh(static_cast<int>(state.range(0)));
  int64_t incident_id = NewIncident(*store);
  int64_t index = 0;
  for (auto _ : state) {
    core::TimelineEvent event = Event(incident_id, index++);
    event.source = "manual";
    if (auto written = store->events().Insert(event, {}); !written) Fail(written.error());
  }
  state.SetItemsProcessed(state.iterations());
}

// The back end's database as it is (0 SQLite, 1 PostgreSQL), on a connection of its own.
std::unique_ptr<store::Store> OpenExisting(int backend) {
  if (backend == 0) {
    auto opened = store::sqlite::SqliteStore::Open(SqlitePath(), Clock());
    if (!opened) Fail(opened.error());
    return std::move(*opened);
  }
  auto opened =
      store::postgres::PostgresStore::Open(std::getenv("DEBRIEF_BENCH_POSTGRES"), Clock());
  if (!opened) Fail(opened.error());
  return std::move(*opened);
}

int64_t shared_incident = 0;

void PrepareSharedIncident(const benchmark::State& state) {
  if (state.range(0) == 1 && std::getenv("DEBRIEF_BENCH_POSTGRES") == nullptr) return;
  auto store = OpenFresh(static_cast<int>(state.range(0)));
  shared_incident = NewIncident(*store);
}

// The same from 16 threads at once, each with a connection of its own, all writing one incident
// (as a server's request handlers would): PostgreSQL commits many waiting transactions with one
// flush of its log; SQLite takes them one at a time behind its write lock.
void BM_WriteEventsConcurrently(benchmark::State& state) {
  if (!Available(state)) return;
  std::unique_ptr<store::Store> store = OpenExisting(static_cast<int>(state.range(0)));
  int64_t index = 0;
  for (auto _ : state) {
    core::TimelineEvent event = Event(shared_incident, index++);
    event.source = "manual";
    while (true) {
      auto written = store->events().Insert(event, {});
      if (written) break;
      if (!written.error().busy()) Fail(written.error());
    }
  }
  state.SetItemsProcessed(state.iterations());
}

// An incident's 100,000 events read back on a store opened anew.
void BM_ListEvents(benchmark::State& state) {
  if (!Available(state)) return;
  int64_t incident_id = 0;
  {
    auto store = OpenFresh(static_cast<int>(state.range(0)));
    incident_id = NewIncident(*store);
    Import(*store, incident_id, 100'000);
  }
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<store::Store> store = OpenExisting(static_cast<int>(state.range(0)));
    state.ResumeTiming();
    auto listed = store->events().List(incident_id);
    if (!listed || listed->size() != 100'000u) Fail(core::Error::Internal("events went missing"));
  }
  state.SetItemsProcessed(state.iterations() * 100'000);
}

BENCHMARK(BM_Import)
    ->ArgsProduct({{0, 1}, {100'000}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK(BM_Import)
    ->ArgsProduct({{0, 1}, {1'000'000}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_WriteEvent)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_WriteEventsConcurrently)
    ->Arg(0)
    ->Arg(1)
    ->Setup(PrepareSharedIncident)
    ->Threads(16)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(BM_ListEvents)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
