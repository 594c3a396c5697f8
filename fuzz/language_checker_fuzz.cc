// The blameless-language checker on any text, read as Markdown and as plain text, with
// participant names, and every suggested replacement taken from its finding's range. Each
// finding's sentence must hold it; dismissing it by its sentence's hash, or allowing its own
// words, must make it go.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "language/checker.h"
#include "language/rule_pack.h"
#include "language/suppressions.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  static const language::Checker kChecker(*language::DefaultRulePack());
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool markdown : {true, false}) {
    language::CheckOptions options;
    options.markdown = markdown;
    options.participant_names = {"Dana Lee", "Sam"};
    std::vector<language::Finding> findings = kChecker.Check(text, options);
    for (const language::Finding& finding : findings) {
      if (finding.begin > finding.end || finding.end > text.size()) __builtin_trap();
      if (finding.sentence_begin > finding.begin || finding.sentence_end < finding.end ||
          finding.sentence_end > text.size()) {
        __builtin_trap();
      }
      language::Checker::Replacement(finding, text);
    }
    if (findings.empty()) continue;
    // The first finding dismissed, and the last one's words allowed for its rule.
    auto suppressions = std::make_shared<language::Suppressions>();
    suppressions->Dismiss(findings.front().rule->id,
                          language::SentenceHash(text, findings.front()));
    suppressions->Allow(findings.back().rule->id, language::FindingPhrase(text, findings.back()));
    if (!suppressions->Covers(text, findings.front())) __builtin_trap();
    options.suppressions = suppressions;
    if (kChecker.Check(text, options).size() > findings.size()) __builtin_trap();
  }
  return 0;
}
