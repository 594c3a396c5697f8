// `debrief lint`: the blameless-language checker over Markdown files, directories (every *.md
// below them) or standard input, for CI. Exit codes: 0 clean, 1 findings, 2 usage or read error.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "http/json/values.h"
#include "language/checker.h"
#include "language/text.h"

namespace debrief::cli {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;

struct LintOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string config;
  std::string participants;
  std::string min_severity = "info";
  bool list_rules = false;
};

struct Document {
  std::string name;
  std::string text;
};

core::Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::InvalidArgument(path.string() + ": cannot be read");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find('\0') != std::string::npos) {
    return core::Error::InvalidArgument(path.string() + ": looks like a binary file, not Markdown");
  }
  size_t bad = 0;
  if (!http::json::IsValidUtf8(text, &bad)) {
    return core::Error::InvalidArgument(path.string() + ": is not valid UTF-8 (byte " +
                                        std::to_string(bad) + ")");
  }
  return text;
}

core::Result<std::vector<Document>> ReadInputs(const std::vector<std::string>& inputs) {
  std::vector<Document> documents;
  for (const std::string& input : inputs) {
    if (input == "-") {
      std::string text((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
      size_t bad = 0;
      if (!http::json::IsValidUtf8(text, &bad)) {
        return core::Error::InvalidArgument("standard input is not valid UTF-8 (byte " +
                                            std::to_string(bad) + ")");
      }
      documents.push_back({"-", std::move(text)});
      continue;
    }
    std::error_code error;
    if (fs::is_directory(input, error)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(input, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file() && it->path().extension() == ".md") files.push_back(it->path());
      }
      if (error) return core::Error::InvalidArgument(input + ": " + error.message());
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) {
        DEBRIEF_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
        documents.push_back({file.string(), std::move(text)});
      }
      continue;
    }
    if (!fs::exists(input, error))
      return core::Error::InvalidArgument(input + ": no such file or directory");
    DEBRIEF_ASSIGN_OR_RETURN(std::string text, ReadFile(input));
    documents.push_back({input, std::move(text)});
  }
  return documents;
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
    std::printf("%s  [%s, %s]\n  %s\n  Instead: %s\n  Phrases: ", rule.id.c_str(),
                rule.category.c_str(), std::string(language::ToString(rule.severity)).c_str(),
                rule.message.c_str(), rule.suggestion.c_str());
    for (size_t index = 0; index < rule.phrases.size(); ++index) {
      std::printf("%s\"%s\"", index ? ", " : "", rule.phrases[index].c_str());
    }
    std::printf("\n\n");
  }
  return kExitOk;
}

int Lint(const LintOptions& options) {
  auto pack = language::DefaultRulePack();
  if (!pack) return Fail(pack.error());
  if (!options.config.empty()) {
    auto config = ReadFile(options.config);
    if (!config) return Fail(config.error());
    pack = language::LayerRulePack(std::move(*pack), *config, options.config);
    if (!pack) return Fail(pack.error());
  }
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
  auto documents = ReadInputs(options.inputs);
  if (!documents) return Fail(documents.error());

  language::Checker checker(std::move(*pack));
  bj::array all;
  size_t count = 0;
  for (const Document& document : *documents) {
    LineIndex lines(document.text);
    for (const language::Finding& finding : checker.Check(document.text, check)) {
      ++count;
      auto [line, column] = lines.At(finding.begin);
      auto [end_line, end_column] = lines.At(finding.end);
      std::string excerpt = document.text.substr(finding.begin, finding.end - finding.begin);
      const language::Rule& rule = *finding.rule;
      if (options.format == "json") {
        all.push_back({{"file", document.name},
                       {"line", line},
                       {"column", column},
                       {"end_line", end_line},
                       {"end_column", end_column},
                       {"rule", rule.id},
                       {"category", rule.category},
                       {"severity", language::ToString(rule.severity)},
                       {"message", rule.message},
                       {"suggestion", rule.suggestion},
                       {"excerpt", excerpt},
                       {"quoted", finding.quoted}});
      } else {
        std::printf("%s:%zu:%zu: %s [%s] \"%s\"%s\n  %s\n  Instead: %s\n", document.name.c_str(),
                    line, column, std::string(language::ToString(rule.severity)).c_str(),
                    rule.id.c_str(), excerpt.c_str(), finding.quoted ? " (in a quotation)" : "",
                    rule.message.c_str(), rule.suggestion.c_str());
      }
    }
  }
  if (options.format == "json") {
    std::printf("%s\n", bj::serialize(all).c_str());
  } else {
    std::fprintf(stderr, "%zu finding%s in %zu file%s\n", count, count == 1 ? "" : "s",
                 documents->size(), documents->size() == 1 ? "" : "s");
  }
  return count == 0 ? kExitOk : kExitFailure;
}

}  // namespace

void AddLint(CLI::App& command, Runner& run) {
  auto options = std::make_shared<LintOptions>();
  command.add_option("inputs", options->inputs,
                     "Markdown files, directories (every *.md below), or - for stdin");
  command.add_option("--format", options->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
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
