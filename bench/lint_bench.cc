// Micro-benchmarks for the blameless-language checker: a 2,000-word review (the size the UI
// lints on each keystroke) and throughput in bytes per second on the same text.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

#include "language/checker.h"

using namespace debrief;

namespace {

// A review of about 2,000 words: incident prose with a few blameful phrasings, Markdown
// headings, a code block and links, repeated from a fixed set of sentences (reproducible).
std::string MakeDocument(size_t words) {
  static const char* kSentences[] = {
      "At 14:05 the payments error rate rose to six percent and the on-call engineer was paged. ",
      "Priya opened the dashboard and saw database CPU at thirty percent, which looked normal. ",
      "We should have checked the connection pool first, but the runbook pointed elsewhere. ",
      "The job failed to start because the image was missing from the registry. ",
      "Marcus took command and asked Lena to look at the deploy history at 14:31. ",
      "The root cause was a configuration change that lowered the pool size. ",
      "Rolling back only took five minutes once the change was found. ",
      "See https://example.com/runbooks/payments for the procedure as written. ",
      "The retry could have succeeded if the timeout had been longer. ",
  };
  std::string text =
      "# Payments outage\n\n## Timeline\n\n```\nkubectl rollout undo deploy/payments\n```\n\n";
  size_t count = 0;
  for (size_t index = 0; count < words; ++index) {
    std::string sentence = kSentences[index % std::size(kSentences)];
    text += sentence;
    count += static_cast<size_t>(std::count(sentence.begin(), sentence.end(), ' '));
    if (index % 5 == 4) text += "\n\n";
  }
  return text;
}

void BM_CheckReview(benchmark::State& state) {
  language::Checker checker(*language::DefaultRulePack());
  std::string document = MakeDocument(static_cast<size_t>(state.range(0)));
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
