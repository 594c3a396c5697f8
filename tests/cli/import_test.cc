// `debrief import jsonl|journald` as people run it: the real binary on a database with the
// example incident. Imports land whole or not at all, once, and Ctrl-C stores nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/clock.h"
#include "store/open.h"
#include "support/child_process.h"

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;
using testing::ChildProcess;
using testing::RunCommand;

constexpr char kIncident[] = "INC-2026-0001";

class ImportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-import-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    database_ = (directory_ / "debrief.db").string();
    ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "demo", "--db", database_}).first, 0);
    before_ = ImportedEvents();
  }
  void TearDown() override { fs::remove_all(directory_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (directory_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // The incident's imported events' sources.
  std::vector<std::string> ImportedEvents() {
    core::FixedClock clock{core::Timestamp{}};
    auto store = store::OpenStore(database_, clock);
    EXPECT_TRUE(store);
    auto incident = (*store)->GetIncident(kIncident);
    EXPECT_TRUE(incident);
    std::vector<std::string> sources;
    auto events = (*store)->events().List(incident->id);
    EXPECT_TRUE(events);
    for (const core::TimelineEvent& event : *events) {
      if (event.source.starts_with("import:")) sources.push_back(event.source);
    }
    return sources;
  }

  std::pair<int, std::string> Import(const std::string& kind, const std::string& file,
                                     std::vector<std::string> more = {}) {
    std::vector<std::string> arguments = {DEBRIEF_BINARY, "import",  kind,   file,
                                          "--incident",   kIncident, "--db", database_};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return RunCommand(arguments);
  }

  fs::path directory_;
  std::string database_;
  std::vector<std::string> before_;
};

std::string DeployLog(int lines, int first = 0) {
  std::string log;
  for (int at = first; at < first + lines; ++at) {
    log += R"({"time":")" + std::to_string(1773482400 + at) + R"(","message":"deploy )" +
           std::to_string(at) + R"(","id":")" + std::to_string(at) + "\"}\n";
  }
  return log;
}

TEST_F(ImportCommand, ADryRunCountsAndStoresNothingThenTheImportLandsOnce) {
  std::string file = Write("deploys.jsonl", DeployLog(3));
  auto [dry_code, dry] = Import("jsonl", file, {"--dry-run", "--id-field", "id"});
  EXPECT_EQ(dry_code, 0);
  EXPECT_NE(dry.find("3 events would be added to INC-2026-0001"), std::string::npos) << dry;
  EXPECT_EQ(ImportedEvents(), before_);

  auto [code, output] = Import("jsonl", file, {"--id-field", "id", "--event-kind", "change"});
  EXPECT_EQ(code, 0);
  EXPECT_NE(output.find("3 events added to INC-2026-0001, 0 already there"), std::string::npos)
      << output;
  EXPECT_EQ(ImportedEvents().size(), before_.size() + 3);

  // The same file and one more line: only the new line is added.
  Write("deploys.jsonl", DeployLog(4));
  auto [again_code, again] = Import("jsonl", file, {"--id-field", "id"});
  EXPECT_EQ(again_code, 0);
  EXPECT_NE(again.find("1 events added to INC-2026-0001, 3 already there"), std::string::npos)
      << again;
  EXPECT_EQ(ImportedEvents().size(), before_.size() + 4);
}

TEST_F(ImportCommand, AMalformedLineRejectsTheWholeFile) {
  std::string file = Write("bad.jsonl", DeployLog(5000) + "{\"time\": oops}\n" + DeployLog(5));
  EXPECT_EQ(Import("jsonl", file).first, 2);
  EXPECT_EQ(ImportedEvents(), before_);
  EXPECT_EQ(Import("jsonl", (directory_ / "missing.jsonl").string()).first, 2);
  EXPECT_EQ(Import("jsonl", file, {"--time-format", "fortnights"}).first, 2);
  auto [unknown_code, unknown] = RunCommand(
      {DEBRIEF_BINARY, "import", "jsonl", file, "--incident", "INC-1999-0001", "--db", database_});
  EXPECT_EQ(unknown_code, 2);
  EXPECT_EQ(ImportedEvents(), before_);
}

TEST_F(ImportCommand, JournaldOutputImportsWithItsPreset) {
  auto [code, output] = Import("journald", DEBRIEF_TESTDATA "/ingest/journald.jsonl");
  EXPECT_EQ(code, 0);
  EXPECT_NE(output.find("4 events added"), std::string::npos) << output;
  std::vector<std::string> sources = ImportedEvents();
  EXPECT_EQ(sources.size(), before_.size() + 4);
  EXPECT_TRUE(sources.back().starts_with("import:journald:s=")) << sources.back();
}

TEST_F(ImportCommand, CsvWithAnyDelimiterImports) {
  std::string file =
      Write("deploys.tsv", "when\tservice\tnote\n2026-03-14T10:00:00Z\tcheckout\t\"canary, 5%\"\n");
  auto [code, output] = Import("csv", file,
                               {"--delimiter", "tab", "--time-field", "when", "--text",
                                "{service}: {note}", "--event-kind", "change"});
  EXPECT_EQ(code, 0);
  EXPECT_NE(output.find("1 events added"), std::string::npos) << output;
  EXPECT_EQ(ImportedEvents().size(), before_.size() + 1);
  EXPECT_EQ(Import("csv", file, {"--delimiter", "ab"}).first, 2);
}

TEST_F(ImportCommand, JsonDocumentsImportTheirArrayOfRecords) {
  std::string file = Write("runs.json", R"({"total": 2, "runs": [
    {"finished": "2026-03-14T10:00:00Z", "name": "deploy checkout", "id": 7},
    {"finished": "2026-03-14T10:09:00Z", "name": "rollback checkout", "id": 8}]})");
  auto [code, output] = Import(
      "json", file,
      {"--records", "runs", "--time-field", "finished", "--text", "{name}", "--id-field", "id"});
  EXPECT_EQ(code, 0);
  EXPECT_NE(output.find("2 events added"), std::string::npos) << output;
  std::vector<std::string> sources = ImportedEvents();
  ASSERT_EQ(sources.size(), before_.size() + 2);
  EXPECT_EQ(sources.back(), "import:json:8");
  EXPECT_EQ(Import("json", file).first, 2);  // An object, and no --records: which array?
}

TEST_F(ImportCommand, ChatLogsNeedTheirDayAndZone) {
  std::string file = Write("inc.log", "[09:59] <priya> 5xx up\n[10:00] <marcus> on it\n");
  EXPECT_EQ(Import("chat", file).first, 2);  // Times without a date.
  EXPECT_EQ(Import("chat", file, {"--date", "2026-03-14", "--time-zone", "Nowhere/Else"}).first, 2);
  auto [code, output] =
      Import("chat", file, {"--date", "2026-03-14", "--time-zone", "Europe/Berlin"});
  EXPECT_EQ(code, 0);
  EXPECT_NE(output.find("2 events added"), std::string::npos) << output;
  EXPECT_EQ(ImportedEvents().size(), before_.size() + 2);
}

TEST_F(ImportCommand, CtrlCLeavesTheDatabaseAsItWas) {
  // Events arrive on a pipe that never ends, so the import can only stop by the signal.
  ChildProcess child(
      {DEBRIEF_BINARY, "import", "jsonl", "-", "--incident", kIncident, "--db", database_},
      /*feed_stdin=*/true);
  ASSERT_TRUE(child.WriteInput(DeployLog(20'000)));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  child.Signal(SIGINT);
  EXPECT_EQ(child.Wait(), 130);
  child.CloseInput();
  EXPECT_EQ(ImportedEvents(), before_);
}

}  // namespace
}  // namespace debrief::cli

namespace debrief::cli {
namespace {

TEST_F(ImportCommand, ASlackExportLandsOnceWithPeopleAsTheIncidentsParticipants) {
  std::string export_folder = DEBRIEF_TESTDATA "/ingest/slack-export";
  auto [dry_code, dry_output] =
      Import("slack", export_folder, {"--channel", "incident-142", "--dry-run"});
  EXPECT_EQ(dry_code, 0);
  EXPECT_NE(dry_output.find("3 events would be added"), std::string::npos) << dry_output;

  auto [code, output] =
      Import("slack", export_folder, {"--channel", "incident-142", "--all-messages"});
  EXPECT_EQ(code, 0);
  EXPECT_NE(output.find("6 events added"), std::string::npos) << output;
  auto [again_code, again] =
      Import("slack", export_folder, {"--channel", "#incident-142", "--all-messages"});
  EXPECT_EQ(again_code, 0);
  EXPECT_NE(again.find("0 events added to INC-2026-0001, 6 already there"), std::string::npos)
      << again;

  // Sam's Slack email is the demo participant's: the events name the participant.
  core::FixedClock clock{core::Timestamp{}};
  auto store = store::OpenStore(database_, clock);
  ASSERT_TRUE(store);
  auto incident = (*store)->GetIncident(kIncident);
  ASSERT_TRUE(incident);
  int by_sam = 0;
  auto events = (*store)->events().List(incident->id);
  ASSERT_TRUE(events);
  for (const core::TimelineEvent& event : *events) {
    if (!event.source.starts_with("import:slack:")) continue;
    EXPECT_NE(event.actor, "Sam O.");
    by_sam += event.actor == "Sam Okafor";
  }
  EXPECT_EQ(by_sam, 2);

  auto [missing_code, missing] = Import("slack", export_folder, {"--channel", "nope"});
  EXPECT_EQ(missing_code, 2);
  EXPECT_EQ(ImportedEvents().size(), before_.size() + 6);
}

}  // namespace
}  // namespace debrief::cli
