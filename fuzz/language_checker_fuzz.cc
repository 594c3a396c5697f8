// The blameless-language checker on any text, read as Markdown and as plain text, with
// participant names, and every suggested replacement taken from its finding's range.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "language/checker.h"
#include "language/rule_pack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;
  static const language::Checker kChecker(*language::DefaultRulePack());
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool markdown : {true, false}) {
    language::CheckOptions options;
    options.markdown = markdown;
    options.participant_names = {"Dana Lee", "Sam"};
    for (const language::Finding& finding : kChecker.Check(text, options)) {
      if (finding.begin > finding.end || finding.end > text.size()) __builtin_trap();
      language::Checker::Replacement(finding, text);
    }
  }
  return 0;
}
