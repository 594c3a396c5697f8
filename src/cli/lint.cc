// `debrief lint`: the blameless-language checker over Markdown files, directories (every *.md
// below them) or standard input, for CI. Exit codes: 0 clean, 1 findings, 2 usage or read error.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/lint_report.h"
#include "cli/text_files.h"
#include "core/utf8.h"
#include "language/checker.h"
#include "language/directives.h"

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;

struct LintOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string config;
  std::string participants;
  std::string min_severity = "info";
  bool list_rules = false;
};

// The files to check: named files as given, directories walked for *.md in name order.
core::Result<std::vector<std::string>> ListInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> names;
  for (const std::string& input : inputs) {
    std::error_code error;
    if (input != "-" && fs::is_directory(input, error)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(input, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file() && it->path().extension() == ".md") {
          files.push_back(it->path().string());
        }
      }
      if (error) return core::Error::InvalidArgument(input + ": " + error.message());
      std::sort(files.begin(), files.end());
      names.insert(names.end(), files.begin(), files.end());
    } else {
      names.push_back(input);
    }
  }
  return names;
}

core::Result<std::string> ReadInput(const std::string& name) {
  if (name != "-") {
    std::error_code error;
    if (!fs::exists(name, error)) {
      return core::Error::InvalidArgument(name + ": no such file or directory");
    }
    return ReadTextFile(name);
  }
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  size_t bad = 0;
  if (!core::IsValidUtf8(text, &bad)) {
    return core::Error::InvalidArgument("standard input is not valid UTF-8 (byte " +
                                        std::to_string(bad) + ")");
  }
  return text;
}

// Turns byte offsets into 1-based lines and columns (in characters). The line starts are found
// once per document, so a file with many findings is not rescanned for each.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (size_t index = 0; index < text.size(); ++index) {
      if (text[index] == '\n') starts_.push_back(index + 1);
    }
  }
  std::pair<size_t, size_t> At(size_t offset) const {
    size_t line = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                      starts_.begin());
    size_t column = 1;
    for (size_t index = starts_[line - 1]; index < offset && index < text_.size(); ++index) {
      if ((static_cast<unsigned char>(text_[index]) & 0xC0) != 0x80) ++column;
    }
    return {line, column};
  }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

std::vector<std::string> SplitNames(const std::string& list) {
  std::vector<std::string> names;
  std::stringstream stream(list);
  for (std::string name; std::getline(stream, name, ',');) {
    size_t first = name.find_first_not_of(' ');
    if (first != std::string::npos)
      names.push_back(name.substr(first, name.find_last_not_of(' ') - first + 1));
  }
  return names;
}

int ListRules(const language::RulePack& pack) {
  for (const language::Rule& rule : pack.rules) {
    std::printf("%s  [%s, %s]\n  %s\n  Instead: %s\n", rule.id.c_str(), rule.category.c_str(),
                std::string(language::ToString(rule.severity)).c_str(), rule.message.c_str(),
                rule.suggestion.c_str());
    if (rule.learned) {
      std::printf("  Learned: whole sentences the classifier is at least %.2f sure of\n\n",
                  rule.min_probability);
      continue;
    }
    std::printf("  Phrases: ");
    for (size_t index = 0; index < rule.phrases.size(); ++index) {
      std::printf("%s\"%s\"", index ? ", " : "", rule.phrases[index].c_str());
    }
    std::printf("\n\n");
  }
  return kExitOk;
}

// One file's outcome: its findings, warnings about its directives, or why it was not read.
struct FileResult {
  std::vector<LintedFinding> findings;
  std::vector<std::string> warnings;
  std::string error;
};

FileResult LintFile(const std::string& name, const language::Checker& checker,
                    const language::CheckOptions& options) {
  FileResult result;
  auto text = ReadInput(name);
  if (!text) {
    result.error = text.error().message();
    return result;
  }
  LineIndex lines(*text);
  for (const language::Finding& finding : checker.Check(*text, options)) {
    auto [line, column] = lines.At(finding.begin);
    auto [end_line, end_column] = lines.At(finding.end);
    result.findings.push_back({name, line, column, end_line, end_column, finding.rule,
                               text->substr(finding.begin, finding.end - finding.begin),
                               finding.quoted});
  }
  // A misspelt rule id in a directive would silently switch nothing off.
  for (const language::Directive& directive : language::FindDirectives(*text)) {
    for (const std::string& id : directive.rules) {
      const auto& rules = checker.pack().rules;
      if (std::none_of(rules.begin(), rules.end(),
                       [&](const auto& rule) { return rule.id == id; })) {
        auto [line, column] = lines.At(directive.begin);
        result.warnings.push_back(name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                  ": unknown rule \"" + id +
                                  "\" in a debrief directive (see debrief lint --list-rules)");
      }
    }
  }
  return result;
}

// Checks every file, on every core: files are handed out one at a time, results kept in input
// order so the report does not depend on scheduling.
std::vector<FileResult> LintFiles(const std::vector<std::string>& names,
                                  const language::Checker& checker,
                                  const language::CheckOptions& options) {
  std::vector<FileResult> results(names.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t index = next++; index < names.size(); index = next++) {
      results[index] = LintFile(names[index], checker, options);
    }
  };
  size_t thread_count =
      std::min<size_t>(names.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::jthread> threads;
  for (size_t index = 1; index < thread_count; ++index) threads.emplace_back(work);
  work();
  return results;
}

int Lint(const LintOptions& options) {
  auto pack = LoadRulePack(options.config);
  if (!pack) return Fail(pack.error());
  if (options.list_rules) return ListRules(*pack);
  if (options.inputs.empty()) {
    return Fail(core::Error::InvalidArgument(
        "name files or directories to check, or - for standard input"));
  }
  language::CheckOptions check;
  check.participant_names = SplitNames(options.participants);
  check.min_severity = options.min_severity == "error"     ? language::Severity::kError
                       : options.min_severity == "warning" ? language::Severity::kWarning
                                                           : language::Severity::kInfo;
  auto names = ListInputs(options.inputs);
  if (!names) return Fail(names.error());

  language::Checker checker(std::move(*pack));
  std::vector<FileResult> results = LintFiles(*names, checker, check);
  std::vector<LintedFinding> findings;
  bool read_error = false;
  for (FileResult& result : results) {
    for (const std::string& warning : result.warnings) {
      std::fprintf(stderr, "warning: %s\n", warning.c_str());
    }
    if (!result.error.empty()) {
      std::fprintf(stderr, "error: %s\n", result.error.c_str());
      read_error = true;
    }
    std::move(result.findings.begin(), result.findings.end(), std::back_inserter(findings));
  }
  static const std::map<std::string, LintFormat> kFormats = {{"text", LintFormat::kText},
                                                             {"json", LintFormat::kJson},
                                                             {"sarif", LintFormat::kSarif},
                                                             {"github", LintFormat::kGithub}};
  WriteLintReport(kFormats.at(options.format), findings, checker.pack(), names->size(), stdout);
  if (read_error) return kExitUsage;
  return findings.empty() ? kExitOk : kExitFailure;
}

}  // namespace

void AddLint(CLI::App& command, Runner& run) {
  auto options = std::make_shared<LintOptions>();
  command.add_option("inputs", options->inputs,
                     "Markdown files, directories (every *.md below), or - for stdin");
  command.add_option("--format", options->format, "text, json, sarif or github (annotations)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->capture_default_str();
  command.add_option("--config", options->config,
                     "An organisation rule pack (.debrief.toml) layered on the default");
  command.add_option("--participants", options->participants,
                     "Names of the people involved, comma-separated");
  command.add_option("--min-severity", options->min_severity, "info, warning or error")
      ->check(CLI::IsMember({"info", "warning", "error"}))
      ->capture_default_str();
  command.add_flag("--list-rules", options->list_rules, "Print every rule with its explanation");
  command.callback([options, &run]() { run = [options]() { return Lint(*options); }; });
}

}  // namespace debrief::cli
