// `debrief export` as people run it: the real binary on a database with the example incident.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "support/child_process.h"

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;
using testing::RunCommand;

class ExportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-export-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    database_ = (directory_ / "debrief.db").string();
    ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "demo", "--db", database_}).first, 0);
  }
  void TearDown() override { fs::remove_all(directory_); }
  fs::path directory_;
  std::string database_;
};

TEST_F(ExportCommand, WritesMarkdownHtmlAndJson) {
  auto [code, markdown] =
      RunCommand({DEBRIEF_BINARY, "export", "INC-2026-0001", "--db", database_});
  EXPECT_EQ(code, 0);
  EXPECT_TRUE(markdown.starts_with("# INC-2026-0001: ")) << markdown;
  EXPECT_NE(markdown.find("## Timeline"), std::string::npos);
  EXPECT_NE(markdown.find("Priya Raman"), std::string::npos);

  auto [html_code, html] = RunCommand(
      {DEBRIEF_BINARY, "export", "INC-2026-0001", "--db", database_, "--format", "html"});
  EXPECT_EQ(html_code, 0);
  EXPECT_TRUE(html.starts_with("<!doctype html>"));

  auto [json_code, json] = RunCommand(
      {DEBRIEF_BINARY, "export", "INC-2026-0001", "--db", database_, "--format", "json"});
  EXPECT_EQ(json_code, 0);
  boost::json::value document = boost::json::parse(json);
  EXPECT_EQ(document.at("incident").at("key").as_string(), "INC-2026-0001");
  EXPECT_FALSE(document.at("events").as_array().empty());
}

TEST_F(ExportCommand, AnonymisedExportsNameNobody) {
  for (const char* format : {"md", "html", "json"}) {
    auto [code, output] = RunCommand({DEBRIEF_BINARY, "export", "INC-2026-0001", "--db", database_,
                                      "--format", format, "--anonymised"});
    EXPECT_EQ(code, 0) << format;
    for (const char* name :
         {"Priya", "Raman", "Marcus", "Chen", "Lena", "Fischer", "Sam ", "Okafor"}) {
      EXPECT_EQ(output.find(name), std::string::npos) << name << " in the " << format << " export";
    }
  }
}

TEST_F(ExportCommand, UnknownIncidentsAndFormatsAreErrors) {
  EXPECT_NE(RunCommand({DEBRIEF_BINARY, "export", "INC-1999-0001", "--db", database_}).first, 0);
  EXPECT_EQ(
      RunCommand({DEBRIEF_BINARY, "export", "INC-2026-0001", "--db", database_, "--format", "pdf"})
          .first,
      2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "export"}).first, 2);
}

// A backup written by `export --all`, restored by `import` into an empty database, exports again
// to the same bytes.
TEST_F(ExportCommand, ABackupRestoresIntoAnEmptyDatabaseByteForByte) {
  auto [code, backup] = RunCommand({DEBRIEF_BINARY, "export", "--all", "--db", database_});
  ASSERT_EQ(code, 0);
  EXPECT_EQ(boost::json::parse(backup).at("format").as_string(), "debrief-backup");
  std::string file = (directory_ / "backup.json").string();
  std::FILE* out = std::fopen(file.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  std::fwrite(backup.data(), 1, backup.size(), out);
  std::fclose(out);

  std::string restored = (directory_ / "restored.db").string();
  ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "import", file, "--db", restored}).first, 0);
  auto [again_code, again] = RunCommand({DEBRIEF_BINARY, "export", "--all", "--db", restored});
  EXPECT_EQ(again_code, 0);
  EXPECT_EQ(again, backup);
  // The restored database serves the review as before.
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "export", "INC-2026-0001", "--db", restored}),
            RunCommand({DEBRIEF_BINARY, "export", "INC-2026-0001", "--db", database_}));

  // A second import into a database that is no longer empty changes nothing.
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "import", file, "--db", restored}).first, 1);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "export", "--all", "--db", restored}).second, backup);
}

TEST_F(ExportCommand, BackupsThatCannotBeReadAreRefused) {
  std::string restored = (directory_ / "restored.db").string();
  auto write = [&](const std::string& name, const std::string& text) {
    std::string path = (directory_ / name).string();
    std::FILE* out = std::fopen(path.c_str(), "wb");
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
    return path;
  };
  EXPECT_EQ(
      RunCommand({DEBRIEF_BINARY, "import", write("a.json", "{\"format\": "), "--db", restored})
          .first,
      2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "import", write("b.json", R"({"format": "other"})"), "--db",
                        restored})
                .first,
            2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "import", (directory_ / "missing.json").string(), "--db",
                        restored})
                .first,
            2);
  EXPECT_EQ(RunCommand({DEBRIEF_BINARY, "export", "INC-2026-0001", "--all"}).first, 2);
  // A backup is read whole before the database is touched: nothing was created.
  EXPECT_FALSE(fs::exists(restored));
}

}  // namespace
}  // namespace debrief::cli
