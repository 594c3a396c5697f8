// Micro-benchmarks for the merged timeline: the merge itself at 50 to 100,000 items, and the
// JSON encoding of one entry, the per-item cost the timeline endpoint pays on top.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include "core/timeline_merge.h"
#include "formats/json/record_json.h"

using namespace debrief;

namespace {

struct Input {
  core::Incident incident;
  std::vector<core::EntryInput> entries;
  std::vector<core::TimelineEvent> events;
};

Input MakeInput(int items) {
  Input input;
  core::Timestamp start = *core::ParseRfc3339("2026-03-14T10:00:00Z");
  input.incident.started_at = start;
  input.incident.resolved_at = start + std::chrono::minutes(items + 30);
  for (int index = 0; index < items; ++index) {
    core::Timestamp at = start + std::chrono::minutes(index) + std::chrono::seconds(index % 50);
    if (index % 2 == 0) {
      core::TimelineEvent event;
      event.id = index + 1;
      event.at = at;
      event.kind = index % 4 == 0 ? core::EventKind::kAlert : core::EventKind::kCommunication;
      event.text = "PaymentsHighErrorRate firing";
      event.visible_to = {"all"};
      input.events.push_back(event);
    } else {
      core::EntryInput entry;
      entry.participant_id = index % 3;
      entry.account_id = index % 3;
      entry.entry.id = index + 1;
      entry.entry.at = at;
      entry.entry.uncertainty_minutes = 2;
      entry.entry.did = "Checked the pool dashboard";
      if (index > 2) entry.entry.same_as = {"entry:" + std::to_string(index - 1)};
      if (index > 1) entry.entry.seen_event_ids = {index - 1};
      input.entries.push_back(entry);
    }
  }
  return input;
}

void BM_MergeTimeline(benchmark::State& state) {
  Input input = MakeInput(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    core::MergedTimeline timeline =
        core::MergeTimeline(input.incident, input.entries, input.events);
    benchmark::DoNotOptimize(timeline);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_MergeTimeline)
    ->Arg(50)
    ->Arg(500)
    ->Arg(5000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond);

void BM_EncodeEntry(benchmark::State& state) {
  Input input = MakeInput(2);
  for (auto _ : state) {
    std::string text = boost::json::serialize(formats::json::Encode(input.entries[0].entry));
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_EncodeEntry);

}  // namespace

BENCHMARK_MAIN();
