// Micro-benchmarks for the blameless-language checker: a 2,000-word review (the size the UI
// lints on each keystroke) and throughput in bytes per second on the same text.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "bench/review_text.h"
#include "language/checker.h"
#include "language/rule_pack.h"
#include "language/suppressions.h"

using namespace debrief;

namespace {

void BM_CheckReview(benchmark::State& state) {
  language::Checker checker(*language::DefaultRulePack());
  std::string document = bench::MakeReviewText(static_cast<size_t>(state.range(0)));
  language::CheckOptions options;
  options.participant_names = {"Priya Raman", "Marcus Chen", "Lena Fischer"};
  // The second argument: whether the learned classifier reads the sentences too.
  options.learned = state.range(1) != 0;
  for (auto _ : state) {
    auto findings = checker.Check(document, options);
    benchmark::DoNotOptimize(findings);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * document.size()));
}
BENCHMARK(BM_CheckReview)
    ->ArgNames({"words", "learned"})
    ->Args({2000, 0})
    ->Args({2000, 1})
    ->Args({200000, 0})
    ->Args({200000, 1})
    ->Unit(benchmark::kMicrosecond);

// The same review for an organisation that has said a lot is not blame: 5,000 dismissed
// sentences and 1,000 allow-entries (the most one person may dismiss, the most entries an
// organisation may have), none of which covers this text, so every finding is looked up and kept.
// Compare with BM_CheckReview/words:2000/learned:0.
void BM_CheckReviewWithSuppressions(benchmark::State& state) {
  language::Checker checker(*language::DefaultRulePack());
  std::string document = bench::MakeReviewText(2000);
  auto suppressions = std::make_shared<language::Suppressions>();
  for (int index = 0; index < 5000; ++index) {
    suppressions->Dismiss("counterfactual-should-have", std::to_string(index));
  }
  for (int index = 0; index < 1000; ++index) {
    suppressions->Allow(index % 2 ? "" : "judgmental-obviously",
                        language::NormalisePhrase("allowed phrase " + std::to_string(index)));
  }
  language::CheckOptions options;
  options.participant_names = {"Priya Raman", "Marcus Chen", "Lena Fischer"};
  options.learned = false;
  options.suppressions = suppressions;
  size_t findings_kept = 0;
  for (auto _ : state) {
    auto findings = checker.Check(document, options);
    findings_kept = findings.size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings_kept);
}
BENCHMARK(BM_CheckReviewWithSuppressions)->Unit(benchmark::kMicrosecond);

// Texts built to make each match read far: a chat log pasted with no sentence marks (every line
// a candidate), a verb repeated with nothing between, one infinitive chain, a run of capitals.
// The time per byte must stay flat as they grow (compare the two sizes of each).
std::string Repeated(std::string_view unit, size_t bytes) {
  std::string text;
  while (text.size() < bytes) text += unit;
  return text;
}

void BM_CheckHostileText(benchmark::State& state, std::string_view unit) {
  language::Checker checker(*language::DefaultRulePack());
  std::string document = Repeated(unit, static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    auto findings = checker.Check(document, {});
    benchmark::DoNotOptimize(findings);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * document.size()));
}
BENCHMARK_CAPTURE(BM_CheckHostileText, chat_without_marks,
                  "alice: clearly the cache is cold\nbob: ok restarting it now\n")
    ->Arg(50'000)
    ->Arg(200'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckHostileText, one_verb_repeated, "drop ")
    ->Arg(50'000)
    ->Arg(200'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckHostileText, infinitive_chain, "he forgot to ")
    ->Arg(50'000)
    ->Arg(200'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckHostileText, capitals, "Human Error ")
    ->Arg(50'000)
    ->Arg(200'000)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
