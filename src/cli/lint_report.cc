#include "cli/lint_report.h"

#include <boost/json.hpp>
#include <map>

#ifndef DEBRIEF_VERSION
#define DEBRIEF_VERSION "dev"
#endif

namespace debrief::cli {
namespace {

namespace bj = boost::json;

std::string SeverityName(const language::Rule& rule) {
  return std::string(language::ToString(rule.severity));
}

void WriteText(const std::vector<LintedFinding>& findings, size_t file_count, std::FILE* out) {
  for (const LintedFinding& finding : findings) {
    const language::Rule& rule = *finding.rule;
    std::fprintf(out, "%s:%zu:%zu: %s [%s] \"%s\"%s\n  %s\n  Instead: %s\n", finding.file.c_str(),
                 finding.line, finding.column, SeverityName(rule).c_str(), rule.id.c_str(),
                 finding.excerpt.c_str(), finding.quoted ? " (in a quotation)" : "",
                 rule.message.c_str(), rule.suggestion.c_str());
  }
  std::fprintf(stderr, "%zu finding%s in %zu file%s\n", findings.size(),
               findings.size() == 1 ? "" : "s", file_count, file_count == 1 ? "" : "s");
}

void WriteJson(const std::vector<LintedFinding>& findings, std::FILE* out) {
  bj::array all;
  for (const LintedFinding& finding : findings) {
    const language::Rule& rule = *finding.rule;
    all.push_back({{"file", finding.file},
                   {"line", finding.line},
                   {"column", finding.column},
                   {"end_line", finding.end_line},
                   {"end_column", finding.end_column},
                   {"rule", rule.id},
                   {"category", rule.category},
                   {"severity", SeverityName(rule)},
                   {"message", rule.message},
                   {"suggestion", rule.suggestion},
                   {"excerpt", finding.excerpt},
                   {"quoted", finding.quoted}});
  }
  std::fprintf(out, "%s\n", bj::serialize(all).c_str());
}

std::string_view SarifLevel(language::Severity severity) {
  switch (severity) {
    case language::Severity::kError:
      return "error";
    case language::Severity::kWarning:
      return "warning";
    case language::Severity::kInfo:
      break;
  }
  return "note";
}

// SARIF 2.1.0, as GitHub code scanning and most dashboards read it. Every rule of the pack is
// listed with its explanation, so a viewer can show why a finding matters.
void WriteSarif(const std::vector<LintedFinding>& findings, const language::RulePack& pack,
                std::FILE* out) {
  bj::array rules;
  std::map<const language::Rule*, size_t> rule_index;
  for (const language::Rule& rule : pack.rules) {
    rule_index[&rule] = rules.size();
    rules.push_back({{"id", rule.id},
                     {"shortDescription", {{"text", rule.message}}},
                     {"help", {{"text", "Instead: " + rule.suggestion}}},
                     {"defaultConfiguration", {{"level", SarifLevel(rule.severity)}}},
                     {"properties", {{"category", rule.category}}}});
  }
  bj::array results;
  for (const LintedFinding& finding : findings) {
    const language::Rule& rule = *finding.rule;
    bj::object region{{"startLine", finding.line},
                      {"startColumn", finding.column},
                      {"endLine", finding.end_line},
                      {"endColumn", finding.end_column},
                      {"snippet", {{"text", finding.excerpt}}}};
    bj::object result{
        {"ruleId", rule.id},
        {"ruleIndex", rule_index[&rule]},
        {"level", SarifLevel(rule.severity)},
        {"message", {{"text", "\"" + finding.excerpt + "\": " + rule.message}}},
        {"locations",
         bj::array{{{"physicalLocation",
                     {{"artifactLocation", {{"uri", finding.file}}}, {"region", region}}}}}}};
    if (finding.quoted) result["properties"] = {{"quoted", true}};
    results.push_back(std::move(result));
  }
  bj::object driver{{"name", "debrief"}, {"version", DEBRIEF_VERSION}, {"rules", std::move(rules)}};
  bj::object run{{"tool", {{"driver", std::move(driver)}}},
                 {"columnKind", "unicodeCodePoints"},
                 {"results", std::move(results)}};
  bj::object log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                 {"version", "2.1.0"},
                 {"runs", bj::array{std::move(run)}}};
  std::fprintf(out, "%s\n", bj::serialize(log).c_str());
}

// GitHub's workflow commands need %, CR and LF escaped in messages, and also : and , in
// properties such as the file name.
std::string EscapeGithub(std::string_view text, bool property) {
  std::string escaped;
  for (char c : text) {
    if (c == '%') {
      escaped += "%25";
    } else if (c == '\r') {
      escaped += "%0D";
    } else if (c == '\n') {
      escaped += "%0A";
    } else if (property && c == ':') {
      escaped += "%3A";
    } else if (property && c == ',') {
      escaped += "%2C";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

void WriteGithub(const std::vector<LintedFinding>& findings, std::FILE* out) {
  for (const LintedFinding& finding : findings) {
    const language::Rule& rule = *finding.rule;
    std::string_view command = rule.severity == language::Severity::kError     ? "error"
                               : rule.severity == language::Severity::kWarning ? "warning"
                                                                               : "notice";
    std::string message =
        "\"" + finding.excerpt + "\": " + rule.message + "\nInstead: " + rule.suggestion;
    std::fprintf(
        out, "::%.*s file=%s,line=%zu,col=%zu,endLine=%zu,endColumn=%zu,title=%s::%s\n",
        static_cast<int>(command.size()), command.data(), EscapeGithub(finding.file, true).c_str(),
        finding.line, finding.column, finding.end_line, finding.end_column,
        EscapeGithub("debrief " + rule.id, true).c_str(), EscapeGithub(message, false).c_str());
  }
}

}  // namespace

void WriteLintReport(LintFormat format, const std::vector<LintedFinding>& findings,
                     const language::RulePack& pack, size_t file_count, std::FILE* out) {
  switch (format) {
    case LintFormat::kText:
      return WriteText(findings, file_count, out);
    case LintFormat::kJson:
      return WriteJson(findings, out);
    case LintFormat::kSarif:
      return WriteSarif(findings, pack, out);
    case LintFormat::kGithub:
      return WriteGithub(findings, out);
  }
}

}  // namespace debrief::cli
