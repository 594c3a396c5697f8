// `debrief backup` and `debrief restore` as an operator runs them: the real binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/child_process.h"

namespace debrief::cli {
namespace {

namespace fs = std::filesystem;
using testing::RunCommand;

class BackupCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-backup-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
    database_ = Path("debrief.db");
    ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "demo", "--db", database_}).first, 0);
  }
  void TearDown() override { fs::remove_all(directory_); }
  std::string Path(const std::string& name) const { return (directory_ / name).string(); }
  std::string ExportAll(const std::string& database) {
    auto [code, out] = RunCommand({DEBRIEF_BINARY, "export", "--all", "--db", database});
    EXPECT_EQ(code, 0);
    return out;
  }
  fs::path directory_;
  std::string database_;
};

// Either form restores to the same data: its export is the same, byte for byte.
TEST_F(BackupCommand, BothFormsRestoreEverything) {
  std::string original = ExportAll(database_);
  for (const char* name : {"copy.db", "copy.json"}) {
    auto [backed_up, report] =
        RunCommand({DEBRIEF_BINARY, "backup", Path(name), "--db", database_});
    ASSERT_EQ(backed_up, 0) << report;
    std::string restored = Path(std::string("restored-") + name + ".db");
    auto [code, said] = RunCommand({DEBRIEF_BINARY, "restore", Path(name), "--db", restored});
    ASSERT_EQ(code, 0) << said;
    EXPECT_EQ(ExportAll(restored), original) << name;
  }
}

TEST_F(BackupCommand, NothingIsOverwrittenAndDamageIsRefused) {
  ASSERT_EQ(RunCommand({DEBRIEF_BINARY, "backup", Path("copy.db"), "--db", database_}).first, 0);
  // A backup never replaces a file, a copy never replaces a database.
  EXPECT_NE(RunCommand({DEBRIEF_BINARY, "backup", Path("copy.db"), "--db", database_}).first, 0);
  EXPECT_NE(RunCommand({DEBRIEF_BINARY, "restore", Path("copy.db"), "--db", database_}).first, 0);
  // A truncated copy is refused, and leaves no half-restored database behind.
  {
    std::ifstream in(Path("copy.db"), std::ios::binary);
    std::string head(200, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    std::ofstream(Path("truncated.db"), std::ios::binary) << head;
  }
  auto [code, said] =
      RunCommand({DEBRIEF_BINARY, "restore", Path("truncated.db"), "--db", Path("new.db")});
  EXPECT_NE(code, 0) << said;
  EXPECT_FALSE(fs::exists(Path("new.db")));
  std::ofstream(Path("junk.bin")) << "not a backup";
  EXPECT_NE(RunCommand({DEBRIEF_BINARY, "restore", Path("junk.bin"), "--db", Path("new.db")}).first,
            0);
  EXPECT_NE(
      RunCommand({DEBRIEF_BINARY, "restore", Path("missing.db"), "--db", Path("new.db")}).first, 0);
}

}  // namespace
}  // namespace debrief::cli
