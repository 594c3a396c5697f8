// Which engine should find the checker's phrases? The checker walks a trie of phrase words over
// its own tokens, because every match needs the words around it (a person before, a participle
// after, a heading, a quotation). This benchmark puts that next to the two regular-expression
// engines Debian packages, finding the same phrases in the same text with no context at all:
// - RE2: one case-insensitive alternation of every phrase, between word boundaries;
// - Hyperscan: every phrase as its own pattern in one database (caseless, word boundaries).
// The regex figures are a ceiling for "find candidates first, then tokenise around them".
#include <benchmark/benchmark.h>
#include <hs/hs.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "bench/review_text.h"
#include "language/checker.h"
#include "language/text.h"

using namespace debrief;

namespace {

const std::string& Document() {
  static const std::string document = bench::MakeReviewText(200'000);
  return document;
}

// Every phrase of the default pack as a regular expression: words separated by whitespace.
std::vector<std::string> PhrasePatterns() {
  std::vector<std::string> patterns;
  language::RulePack pack = *language::DefaultRulePack();
  for (const language::Rule& rule : pack.rules) {
    for (const std::string& phrase : rule.phrases) {
      std::string pattern = phrase.front() == '\'' ? "" : "\\b";
      for (char c : phrase) {
        if (c == ' ') {
          pattern += "\\s+";
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
          pattern += c;
        } else {
          pattern += '\\';
          pattern += c;
        }
      }
      patterns.push_back(pattern + "\\b");
    }
  }
  return patterns;
}

void BM_CheckerWithContext(benchmark::State& state) {
  language::Checker checker(*language::DefaultRulePack());
  language::CheckOptions options;
  options.participant_names = {"Priya Raman", "Marcus Chen", "Lena Fischer"};
  for (auto _ : state) benchmark::DoNotOptimize(checker.Check(Document(), options));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Document().size()));
}
BENCHMARK(BM_CheckerWithContext)->Unit(benchmark::kMillisecond);

void BM_TokenizeOnly(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(language::Tokenize(Document()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Document().size()));
}
BENCHMARK(BM_TokenizeOnly)->Unit(benchmark::kMillisecond);

void BM_Re2PhrasesOnly(benchmark::State& state) {
  std::string alternation = "(?i)(?:";
  for (const std::string& pattern : PhrasePatterns()) {
    if (alternation.size() > 7) alternation += '|';
    alternation += pattern;
  }
  RE2 regex(alternation + ")");
  if (!regex.ok()) state.SkipWithError(regex.error().c_str());
  for (auto _ : state) {
    size_t matches = 0;
    re2::StringPiece input(Document());
    while (RE2::FindAndConsume(&input, regex)) ++matches;
    benchmark::DoNotOptimize(matches);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Document().size()));
}
BENCHMARK(BM_Re2PhrasesOnly)->Unit(benchmark::kMillisecond);

void BM_HyperscanPhrasesOnly(benchmark::State& state) {
  std::vector<std::string> patterns = PhrasePatterns();
  std::vector<const char*> expressions;
  std::vector<unsigned> flags(patterns.size(), HS_FLAG_CASELESS);
  std::vector<unsigned> ids;
  for (size_t index = 0; index < patterns.size(); ++index) {
    expressions.push_back(patterns[index].c_str());
    ids.push_back(static_cast<unsigned>(index));
  }
  hs_database_t* database = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &database,
                       &error) != HS_SUCCESS) {
    state.SkipWithError(error->message);
    hs_free_compile_error(error);
    return;
  }
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(database, &scratch);
  for (auto _ : state) {
    size_t matches = 0;
    hs_scan(
        database, Document().data(), static_cast<unsigned>(Document().size()), 0, scratch,
        [](unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
          ++*static_cast<size_t*>(context);
          return 0;
        },
        &matches);
    benchmark::DoNotOptimize(matches);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Document().size()));
  hs_free_scratch(scratch);
  hs_free_database(database);
}
BENCHMARK(BM_HyperscanPhrasesOnly)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
