// `debrief lint` as CI runs it: the real binary on real files.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "support/child_process.h"

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;
using testing::RunCommand;

class LintCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-lint-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_ / "reviews" / "2026");
  }
  void TearDown() override { fs::remove_all(directory_); }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path path = directory_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  fs::path directory_;
};

TEST_F(LintCommand, CleanFilesExitZero) {
  std::string file = Write("clean.md", "# Timeline\n\nThe job failed to start at 14:02.\n");
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", file}).first, 0);
}

TEST_F(LintCommand, FindingsExitOneWithLineColumnAndEveryField) {
  std::string file = Write("review.md", "# Summary\n\nAt 14:05 Priya forgot to page the DBA.\n");
  auto [code, output] = RunCommand(
      {DEBRIEF_BINARY, "lint", "--format", "json", "--participants", "Priya Raman", file});
  EXPECT_EQ(code, 1);
  boost::json::value findings = boost::json::parse(output);
  ASSERT_EQ(findings.as_array().size(), 1u);
  const boost::json::object& finding = findings.at(0).as_object();
  EXPECT_EQ(finding.at("line").as_int64(), 3);
  EXPECT_EQ(finding.at("column").as_int64(), 16);
  EXPECT_EQ(finding.at("end_column").as_int64(), 25);  // Exclusive.
  EXPECT_EQ(finding.at("rule").as_string(), "counterfactual-failed-to");
  EXPECT_EQ(finding.at("excerpt").as_string(), "forgot to");
  for (const char* field : {"file", "end_line", "category", "severity", "message", "suggestion"}) {
    EXPECT_TRUE(finding.contains(field)) << field;
  }
}

TEST_F(LintCommand, WalksDirectoriesForMarkdownOnly) {
  Write("reviews/2026/a.md", "It was human error.\n");
  Write("reviews/b.md", "The root cause was a full disk.\n");
  Write("reviews/notes.txt", "human error\n");
  auto [code, output] =
      RunCommand({DEBRIEF_BINARY, "lint", "--format", "json", (directory_ / "reviews").string()});
  EXPECT_EQ(code, 1);
  EXPECT_EQ(boost::json::parse(output).as_array().size(), 2u);
}

TEST_F(LintCommand, ReadErrorsExitTwoNamingTheFile) {
  std::string binary = Write("image.md", std::string("PNG\0\x01\x02", 6));
  std::string latin1 = Write("latin1.md", "caf\xe9 human error\n");
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", binary}).first, 2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", latin1}).first, 2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", (directory_ / "missing.md").string()}).first, 2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", "--format", "xml", latin1}).first, 2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint"}).first, 2);
}

TEST_F(LintCommand, AnOrganisationPackLayersOnTheDefault) {
  std::string config = Write(".debrief.toml", "[overrides]\ndisable = [\"human-error\"]\n");
  std::string file = Write("review.md", "It was human error.\n");
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", file}).first, 1);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", "--config", config, file}).first, 0);
  std::string broken = Write("broken.toml", "[overrides\n");
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", "--config", broken, file}).first, 2);
}

TEST_F(LintCommand, ListsEveryRuleWithItsExplanation) {
  auto [code, output] = RunCommand({DEBRIEF_BINARY, "lint", "--list-rules"});
  EXPECT_EQ(code, 0);
  EXPECT_NE(output.find("counterfactual-should-have"), std::string::npos);
  EXPECT_NE(output.find("Instead:"), std::string::npos);
}

TEST_F(LintCommand, SarifListsRulesAndLocatesEachResult) {
  std::string file =
      Write("review.md", "Intro.\n\nIt was human error, and we should have paged.\n");
  auto [code, output] = RunCommand({DEBRIEF_BINARY, "lint", "--format", "sarif", file});
  EXPECT_EQ(code, 1);
  boost::json::value log = boost::json::parse(output);
  EXPECT_EQ(log.at("version").as_string(), "2.1.0");
  const boost::json::object& run = log.at("runs").at(0).as_object();
  const boost::json::array& rules = run.at("tool").at("driver").at("rules").as_array();
  const boost::json::array& results = run.at("results").as_array();
  ASSERT_EQ(results.size(), 2u);
  const boost::json::object& first = results.at(0).as_object();
  EXPECT_EQ(first.at("ruleId").as_string(), "human-error");
  auto rule_index = static_cast<size_t>(first.at("ruleIndex").as_int64());
  EXPECT_EQ(rules.at(rule_index).at("id").as_string(), "human-error");
  const boost::json::value& region =
      first.at("locations").at(0).at("physicalLocation").at("region");
  EXPECT_EQ(region.at("startLine").as_int64(), 3);
  EXPECT_EQ(region.at("startColumn").as_int64(), 8);
  EXPECT_EQ(region.at("endColumn").as_int64(), 19);
  EXPECT_EQ(region.at("snippet").at("text").as_string(), "human error");
}

TEST_F(LintCommand, GithubAnnotationsEscapeWhatWorkflowCommandsReserve) {
  std::string file = Write("a,b:c.md", "It was human error.\n");
  auto [code, output] = RunCommand({DEBRIEF_BINARY, "lint", "--format", "github", file});
  EXPECT_EQ(code, 1);
  EXPECT_TRUE(output.starts_with("::error file=")) << output;
  EXPECT_NE(
      output.find("a%2Cb%3Ac.md,line=1,col=8,endLine=1,endColumn=19,title=debrief human-error::"),
      std::string::npos)
      << output;
  EXPECT_NE(output.find("%0AInstead: "), std::string::npos);
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1);
}

TEST_F(LintCommand, ADirectoryOfManyFilesIsReportedInNameOrder) {
  for (int index = 0; index < 40; ++index) {
    char name[32];
    std::snprintf(name, sizeof name, "reviews/%02d.md", index);
    Write(name, "Clean line.\nIt was human error.\n");
  }
  auto [code, output] =
      RunCommand({DEBRIEF_BINARY, "lint", "--format", "json", (directory_ / "reviews").string()});
  EXPECT_EQ(code, 1);
  const boost::json::array findings = boost::json::parse(output).as_array();
  ASSERT_EQ(findings.size(), 40u);
  for (size_t index = 1; index < findings.size(); ++index) {
    EXPECT_LT(findings[index - 1].at("file").as_string(), findings[index].at("file").as_string());
  }
}

TEST_F(LintCommand, AnUnreadableFileStillLetsTheOthersBeChecked) {
  std::string good = Write("good.md", "It was human error.\n");
  std::string bad = Write("bad.md", "caf\xe9\n");
  auto [code, output] = RunCommand({DEBRIEF_BINARY, "lint", "--format", "json", bad, good});
  EXPECT_EQ(code, 2);
  EXPECT_EQ(boost::json::parse(output).as_array().size(), 1u);
}

TEST_F(LintCommand, InlineDirectivesSwitchRulesOff) {
  std::string file = Write("review.md",
                           "<!-- debrief-disable-next-line human-error -->\n"
                           "It was human error.\n"
                           "<!-- debrief-disable -->\n"
                           "We should have paged. It was human error.\n");
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "lint", file}).first, 0);
}

}  // namespace
}  // namespace debrief::cli
