#include "store/migrations.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "core/clock.h"
#include "store/sqlite/sqlite_store.h"

namespace debrief::store {
namespace {

TEST(Migrations, AreEmbeddedInVersionOrder) {
  auto migrations = MigrationsFor("sqlite");
  ASSERT_TRUE(migrations);
  ASSERT_FALSE(migrations->empty());
  EXPECT_EQ(migrations->front().version, 1);
  EXPECT_EQ(migrations->front().name, "0001_initial");
  for (size_t index = 1; index < migrations->size(); ++index) {
    EXPECT_LT((*migrations)[index - 1].version, (*migrations)[index].version);
  }
}

class SqliteMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("debrief-migrate-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }
  std::filesystem::path path_;
  core::FixedClock clock_{*core::ParseRfc3339("2026-03-14T12:00:00Z")};
};

TEST_F(SqliteMigrationTest, AppliesOnceAndRecordsTheVersion) {
  auto migrations = MigrationsFor("sqlite");
  {
    auto store = sqlite::SqliteStore::Open(path_.string(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    EXPECT_EQ((*store)->schema_version(), migrations->back().version);
  }
  auto again = sqlite::SqliteStore::Open(path_.string(), clock_);
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ((*again)->schema_version(), migrations->back().version);
}

TEST_F(SqliteMigrationTest, RefusesADatabaseFromANewerDebrief) {
  { ASSERT_TRUE(sqlite::SqliteStore::Open(path_.string(), clock_)); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (9999, '9999_future', 'x', 0)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = sqlite::SqliteStore::Open(path_.string(), clock_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(store.error().message().find("newer"), std::string::npos);
}

TEST_F(SqliteMigrationTest, RefusesAMigrationChangedAfterItWasApplied) {
  { ASSERT_TRUE(sqlite::SqliteStore::Open(path_.string(), clock_)); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE schema_migrations SET checksum = '0000' WHERE version = 1",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = sqlite::SqliteStore::Open(path_.string(), clock_);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("append-only"), std::string::npos);
}

TEST(MigrationChecksum, IsStableAndSensitive) {
  EXPECT_EQ(MigrationChecksum("CREATE TABLE a (x);"), MigrationChecksum("CREATE TABLE a (x);"));
  EXPECT_NE(MigrationChecksum("CREATE TABLE a (x);"), MigrationChecksum("CREATE TABLE a (y);"));
  EXPECT_EQ(MigrationChecksum("").size(), 16u);
}

TEST_F(SqliteMigrationTest, ReportsAnUnopenableFile) {
  auto store = sqlite::SqliteStore::Open("/nonexistent-dir/debrief.db", clock_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), core::ErrorCode::kUnavailable);
}

TEST_F(SqliteMigrationTest, UsesWalAndForeignKeys) {
  auto store = sqlite::SqliteStore::Open(path_.string(), clock_);
  ASSERT_TRUE(store);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)), "wal");
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

}  // namespace
}  // namespace debrief::store
