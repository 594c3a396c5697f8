// How `debrief lint` prints its findings: for people (text), for scripts (json), for code
// scanning dashboards (SARIF 2.1.0) and as GitHub Actions annotations (github).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "language/rule_pack.h"

namespace debrief::cli {

enum class LintFormat { kText, kJson, kSarif, kGithub };

struct LintedFinding {
  std::string file;
  size_t line = 0;  // 1-based; columns count characters, the end is exclusive.
  size_t column = 0;
  size_t end_line = 0;
  size_t end_column = 0;
  const language::Rule* rule = nullptr;
  std::string excerpt;
  bool quoted = false;
};

void WriteLintReport(LintFormat format, const std::vector<LintedFinding>& findings,
                     const language::RulePack& pack, size_t file_count, std::FILE* out);

}  // namespace debrief::cli
