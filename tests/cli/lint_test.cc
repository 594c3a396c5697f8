// `debrief lint` as CI runs it: the real binary on real files.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "cli/process.h"

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

}  // namespace
}  // namespace debrief::cli
