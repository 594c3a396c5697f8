// What the facilitator's belief questions cost on a large incident: 200 account entries beside
// a chat import of 1,000 to 50,000 messages over eight hours, against merging the same timeline
// (core::MergeTimeline), which every timeline request pays, as the baseline to compare with.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/belief_questions.h"
#include "core/timeline_merge.h"

namespace {

using debrief::core::BeliefItem;
using debrief::core::Timestamp;

const Timestamp kStart = *debrief::core::ParseRfc3339("2026-03-14T08:00:00Z");

const char* const kChat[] = {
    "checkout-api 5xx still climbing, p99 at 2.3 s",
    "rolling back payments-svc 4.8.2 now",
    "queue depth 41k on orders-consumer, lag growing",
    "db-primary-02 CPU pegged, replication lag 40 s",
    "anyone looking at the pool dashboard? wait time 4 s",
    "cache hit ratio back to 91%",
};

struct Incident {
  std::vector<BeliefItem> items;
  std::vector<debrief::core::EntryInput> entries;
  std::vector<debrief::core::TimelineEvent> events;
};

Incident Make(int messages) {
  Incident incident;
  constexpr int kEntries = 200;
  auto span = std::chrono::hours(8);
  for (int index = 0; index < kEntries; ++index) {
    BeliefItem item;
    item.ref = "entry:" + std::to_string(index);
    item.participant_id = 1 + index % 6;
    item.at = kStart + span * index / kEntries;
    item.did = "Restarted orders-consumer " + std::to_string(index % 9);
    item.saw = "lag at " + std::to_string(10 + index) + "k on the orders dashboard";
    item.expected = "lag drained within 10 minutes";
    item.assumed = index % 2 ? "retries are enabled on the payments client"
                             : "the payments client never retries";
    debrief::core::EntryInput entry;
    entry.participant_id = item.participant_id;
    entry.entry.id = index + 1;
    entry.entry.at = item.at;
    entry.entry.did = item.did;
    entry.entry.saw = item.saw;
    incident.entries.push_back(entry);
    incident.items.push_back(std::move(item));
  }
  for (int index = 0; index < messages; ++index) {
    BeliefItem item;
    item.ref = "event:" + std::to_string(index);
    item.at = kStart + span * index / messages;
    item.text = kChat[index % std::size(kChat)];
    debrief::core::TimelineEvent event;
    event.id = index + 1;
    event.at = item.at;
    event.text = item.text;
    incident.events.push_back(event);
    incident.items.push_back(std::move(item));
  }
  return incident;
}

void BM_BeliefQuestions(benchmark::State& state) {
  Incident incident = Make(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(debrief::core::FindBeliefQuestions(incident.items));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(incident.items.size()));
}
BENCHMARK(BM_BeliefQuestions)->Arg(1'000)->Arg(10'000)->Arg(50'000)->Unit(benchmark::kMillisecond);

void BM_MergeTimelineBaseline(benchmark::State& state) {
  Incident incident = Make(static_cast<int>(state.range(0)));
  debrief::core::Incident record;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        debrief::core::MergeTimeline(record, incident.entries, incident.events));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(incident.items.size()));
}
BENCHMARK(BM_MergeTimelineBaseline)
    ->Arg(1'000)
    ->Arg(10'000)
    ->Arg(50'000)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
