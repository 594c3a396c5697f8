// Two instances on one PostgreSQL database with a seeded library (bench/library-instances.sh
// seeds it and names it in DEBRIEF_BENCH_POSTGRES): how long an instance takes to build its search
// index from PostgreSQL the first time (cold), and how long after another instance publishes a
// review the first one's next search finds it (the search that applies the change included).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/system_clock.h"
#include "store/postgres/postgres_store.h"

using namespace debrief;

namespace {

[[noreturn]] void Fail(const core::Error& error) {
  std::fprintf(stderr, "library_instances_bench: %s\n", error.message().c_str());
  std::exit(1);
}

const cli::SystemClock& Clock() {
  static cli::SystemClock clock;
  return clock;
}

std::unique_ptr<store::postgres::PostgresStore> Open() {
  const char* conninfo = std::getenv("DEBRIEF_BENCH_POSTGRES");
  if (conninfo == nullptr) Fail(core::Error::InvalidArgument("run bench/library-instances.sh"));
  auto opened = store::postgres::PostgresStore::Open(conninfo, Clock());
  if (!opened) Fail(opened.error());
  return std::move(*opened);
}

// A new instance's first search: the whole library read from PostgreSQL into its replica, and
// the named copy's word index built.
void BM_ColdIndexBuild(benchmark::State& state) {
  size_t reviews = 0;
  for (auto _ : state) {
    auto store = Open();
    auto warmed = store->WarmLibrary();
    if (!warmed) Fail(warmed.error());
    reviews = *warmed;
  }
  state.counters["reviews"] = static_cast<double>(reviews);
}

// Instance B publishes (writes the library entry); instance A's next search finds it.
void BM_PublishedElsewhereFound(benchmark::State& state) {
  auto reader = Open();
  auto writer = Open();
  if (auto warmed = reader->WarmLibrary(); !warmed) Fail(warmed.error());
  store::IncidentQuery newest;
  newest.limit = 1;
  auto listed = writer->ListIncidents(newest);
  if (!listed || listed->incidents.empty()) Fail(core::Error::NotFound("seed the library first"));
  core::Incident incident = listed->incidents.front();
  int64_t round = 0;
  double slowest_ms = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string word = "zqxround" + std::to_string(++round);
    store::LibraryEntry entry;
    entry.incident_id = incident.id;
    entry.key = incident.key;
    entry.version = 1;
    entry.severity = incident.severity;
    entry.published_at = Clock().Now();
    entry.named.title = entry.anonymised.title = incident.title + " " + word;
    if (auto indexed = writer->IndexForLibrary(entry); !indexed) Fail(indexed.error());
    store::LibraryQuery query;
    query.terms = {{{word}}};
    state.ResumeTiming();
    auto started = std::chrono::steady_clock::now();
    auto page = reader->SearchLibrary(query);
    slowest_ms = std::max(slowest_ms, std::chrono::duration<double, std::milli>(
                                          std::chrono::steady_clock::now() - started)
                                          .count());
    if (!page) Fail(page.error());
    if (page->total != 1) Fail(core::Error::Internal("the review was not found at once"));
  }
  state.counters["index_builds"] = static_cast<double>(reader->LibraryIndexBuilds());
  state.counters["slowest_ms"] = slowest_ms;
}

BENCHMARK(BM_ColdIndexBuild)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_PublishedElsewhereFound)->Unit(benchmark::kMillisecond)->Iterations(50)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
