// Library search without HTTP: the 28 queries of bench/library-load.sh against a seeded library
// (bench/seed_library), from 1 and 2 threads with a searcher each, as the server's search
// workers run them. Shows what a search costs and how it scales across cores.
// Usage: LIBRARY_DB=/tmp/library.db build/bench/library_search_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include "core/clock.h"
#include "search/query_text.h"
#include "store/open.h"

namespace {

using namespace debrief;

struct Library {
  core::FixedClock clock{core::Timestamp{}};
  std::unique_ptr<store::Store> store;
  std::vector<std::unique_ptr<store::LibrarySearcher>> searchers;
  std::vector<store::LibraryQuery> queries;
};

store::LibraryQuery Query(std::string_view words, bool anonymised = false) {
  store::LibraryQuery query;
  query.terms = *search::ParseSearchTerms(words);
  query.anonymised = anonymised;
  return query;
}

Library* Open() {
  static std::once_flag once;
  static Library* library = nullptr;
  std::call_once(once, []() {
    const char* path = std::getenv("LIBRARY_DB");
    if (path == nullptr) return;
    auto opened = new Library();
    auto store = store::OpenStore(path, opened->clock);
    if (!store) return;
    opened->store = std::move(*store);
    for (bool anonymised : {false, true}) {
      store::LibraryQuery with_words = Query("disk", anonymised);
      if (!opened->store->PrepareLibrarySearch(with_words)) return;
    }
    for (int thread = 0; thread < 2; ++thread) {
      opened->searchers.push_back(std::move(*opened->store->OpenLibrarySearcher()));
    }
    for (const char* words :
         {"certificate expiry", "connection pool", "\"replication lag\"", "dns", "kafka backlog",
          "oom", "retry storm", "deadlock", "certif*", "latency -mobile", "vault seal", "checkout",
          "deploy", "clock skew", "webhook delivery", "noisy neighbour", "load balancer health"}) {
      opened->queries.push_back(Query(words));
    }
    opened->queries.push_back(Query("cache", true));
    store::LibraryQuery browse;
    browse.filters.services = {"checkout"};
    opened->queries.push_back(browse);
    browse.filters.services.clear();
    browse.filters.severities = {"SEV1", "SEV2"};
    browse.sort = store::LibrarySort::kNewest;
    opened->queries.push_back(browse);
    library = opened;
  });
  return library;
}

void BM_Search(benchmark::State& state) {
  Library* library = Open();
  if (library == nullptr) {
    state.SkipWithError("set LIBRARY_DB to a library seeded by bench/seed_library");
    return;
  }
  store::LibrarySearcher& searcher = *library->searchers[state.thread_index()];
  size_t next = static_cast<size_t>(state.thread_index());
  for (auto _ : state) {
    auto page = searcher.Search(library->queries[next++ % library->queries.size()]);
    if (!page) state.SkipWithError(page.error().message().c_str());
    benchmark::DoNotOptimize(page);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Search)->Threads(1)->Threads(2)->UseRealTime()->MinTime(3);

// The same searches on the store's own connection and thread, as without search workers.
void BM_SearchOnTheStore(benchmark::State& state) {
  Library* library = Open();
  if (library == nullptr) {
    state.SkipWithError("set LIBRARY_DB to a library seeded by bench/seed_library");
    return;
  }
  size_t next = 0;
  for (auto _ : state) {
    auto page = library->store->SearchLibrary(library->queries[next++ % library->queries.size()]);
    if (!page) state.SkipWithError(page.error().message().c_str());
    benchmark::DoNotOptimize(page);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SearchOnTheStore)->UseRealTime()->MinTime(3);

// One query at a time, to see which kinds of search cost most.
void BM_EachQuery(benchmark::State& state) {
  Library* library = Open();
  if (library == nullptr) {
    state.SkipWithError("set LIBRARY_DB to a library seeded by bench/seed_library");
    return;
  }
  const store::LibraryQuery& query = library->queries[static_cast<size_t>(state.range(0))];
  store::LibrarySearcher& searcher = *library->searchers[0];
  for (auto _ : state) {
    auto page = searcher.Search(query);
    if (!page) state.SkipWithError(page.error().message().c_str());
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_EachQuery)->DenseRange(0, 19)->MinTime(0.3);

}  // namespace

BENCHMARK_MAIN();
