// Micro-benchmarks for the blameless-language checker: a 2,000-word review (the size the UI
// lints on each keystroke) and throughput in bytes per second on the same text.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

#include "bench/review_text.h"
#include "language/checker.h"

using namespace debrief;

namespace {

void BM_CheckReview(benchmark::State& state) {
  language::Checker checker(*language::DefaultRulePack());
  std::string document = bench::MakeReviewText(static_cast<size_t>(state.range(0)));
  language::CheckOptions options;
  options.participant_names = {"Priya Raman", "Marcus Chen", "Lena Fischer"};
  for (auto _ : state) {
    auto findings = checker.Check(document, options);
    benchmark::DoNotOptimize(findings);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * document.size()));
}
BENCHMARK(BM_CheckReview)->Arg(2000)->Arg(200000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
