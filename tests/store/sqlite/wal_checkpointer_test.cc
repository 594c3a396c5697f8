// The write-ahead log is copied into the database by the checkpointer's own thread: commits only
// report its size, and it stays bounded however many writes come.
#include "store/sqlite/wal_checkpointer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "store/sqlite/connection.h"

namespace debrief::store::sqlite {
namespace {

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("debrief-wal-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    path_ = (folder_ / "wal.db").string();
    auto connection = Connection::Open(path_, {});
    ASSERT_TRUE(connection) << connection.error().message();
    writer_ = std::move(*connection);
    ASSERT_TRUE(writer_->Execute("CREATE TABLE pages (body BLOB NOT NULL)"));
  }
  void TearDown() override {
    writer_.reset();
    std::filesystem::remove_all(folder_);
  }

  // One commit that adds about `pages` pages to the log.
  void Write(int pages) {
    ASSERT_TRUE(writer_->Execute("INSERT INTO pages (body) SELECT zeroblob(" +
                                 std::to_string(pages * kNewDatabasePageSize) + ")"));
  }

  uintmax_t WalPages() const {
    std::error_code error;
    uintmax_t bytes = std::filesystem::file_size(path_ + "-wal", error);
    return error ? 0 : bytes / kNewDatabasePageSize;
  }

  static bool WaitFor(const std::function<bool()>& done) {
    for (int i = 0; i < 500 && !done(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
  }

  std::filesystem::path folder_;
  std::string path_;
  std::unique_ptr<Connection> writer_;
};

TEST_F(WalCheckpointerTest, ChecksPointsOnItsOwnThreadOnceTheLogIsLong) {
  auto checkpointer = WalCheckpointer::Start(*writer_, path_);
  ASSERT_TRUE(checkpointer) << checkpointer.error().message();
  Write(100);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ((*checkpointer)->checkpoints(), 0) << "a short log is left alone";
  uintmax_t database_before = std::filesystem::file_size(path_);
  Write(WalCheckpointer::kPagesBeforeCheckpoint);
  ASSERT_TRUE(WaitFor([&] { return (*checkpointer)->checkpoints() >= 1; }));
  // The pages reached the database file.
  EXPECT_GT(std::filesystem::file_size(path_),
            database_before + 900 * static_cast<uintmax_t>(kNewDatabasePageSize));
}

TEST_F(WalCheckpointerTest, KeepsTheLogShortUnderManyCommits) {
  auto checkpointer = WalCheckpointer::Start(*writer_, path_);
  ASSERT_TRUE(checkpointer) << checkpointer.error().message();
  // Eight times the threshold in commits of 100 pages, each let finish its checkpoint as a
  // server's would between requests. Without checkpoints the log would hold all of it (the
  // writer's automatic checkpoint is replaced); with them, SQLite starts it over from its
  // beginning each time it has been copied.
  constexpr int kCommits = 8 * WalCheckpointer::kPagesBeforeCheckpoint / 100;
  for (int i = 0; i < kCommits; ++i) {
    Write(100);
    (*checkpointer)->WaitUntilIdle();
  }
  EXPECT_GE((*checkpointer)->checkpoints(), 4);
  EXPECT_LT(WalPages(), 2u * WalCheckpointer::kPagesBeforeCheckpoint);
  auto count = writer_->Prepare("SELECT count(*) FROM pages");
  ASSERT_TRUE(count);
  ASSERT_TRUE(*(*count)->Step());
  EXPECT_EQ((*count)->Int64(0), kCommits);
  (*count)->Reset();
}

TEST_F(WalCheckpointerTest, StoppingGivesCheckpointsBackToTheWriter) {
  {
    auto checkpointer = WalCheckpointer::Start(*writer_, path_);
    ASSERT_TRUE(checkpointer);
  }
  // The hook is gone with the checkpointer: commits still work and the log is checkpointed by
  // the writer itself again.
  for (int i = 0; i < 10; ++i) Write(WalCheckpointer::kPagesBeforeCheckpoint / 2);
  EXPECT_LT(WalPages(), 3u * WalCheckpointer::kPagesBeforeCheckpoint);
}

}  // namespace
}  // namespace debrief::store::sqlite
