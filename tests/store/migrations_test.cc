#include "store/migrations.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

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

// Reads every byte the database keeps on disk: the file, and its write-ahead log if any.
std::string DatabaseBytes(const std::filesystem::path& path) {
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream file(path.string() + suffix, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  return bytes;
}

std::string QueryText(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK) << sql;
  std::string text;
  if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
    text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  return text;
}

// A database as a debrief that knew migrations up to `version` left it: those migrations
// applied and recorded, nothing after them.
void CreateDatabaseAtVersion(const std::filesystem::path& path, int version) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "PRAGMA journal_mode = WAL; CREATE TABLE schema_migrations (version "
                         "INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
                         "applied_at INTEGER NOT NULL)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto migrations = MigrationsFor("sqlite");
  ASSERT_TRUE(migrations);
  for (const Migration& migration : *migrations) {
    if (migration.version > version) break;
    std::string sql(migration.sql);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << migration.name << ": " << sqlite3_errmsg(db);
    std::string record = "INSERT INTO schema_migrations VALUES (" +
                         std::to_string(migration.version) + ", '" + std::string(migration.name) +
                         "', '" + MigrationChecksum(migration.sql) + "', 0)";
    ASSERT_EQ(sqlite3_exec(db, record.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  }
  sqlite3_close(db);
}

// A database from before migration 0009 held the words of private accounts in its audit log.
TEST_F(SqliteMigrationTest, Issue19ACleansPrivateWordsOutOfAnOlderAuditLog) {
  ASSERT_NO_FATAL_FAILURE(CreateDatabaseAtVersion(path_, 8));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  const char* older = R"sql(
    INSERT INTO audit_log (at, actor_id, action, entity, entity_id, incident_id, diff) VALUES
      (1, 2, 'update', 'accounts', 1, 1,
       '{"narrative":{"from":"draft-about-the-outage","to":"rewritten-draft"},"visibility":{"from":"private","to":"shared"}}'),
      (2, 2, 'create', 'account_entries', 1, 1,
       '{"did":{"from":null,"to":"restarted-the-wrong-node"},"at":{"from":null,"to":"2026-03-14T10:05:00Z"}}'),
      (3, 2, 'create', 'review_comments', 1, 1,
       '{"body":{"from":null,"to":"a-note-on-my-account"},"anchor":{"from":null,"to":"account:1"}}'),
      (4, 2, 'update', 'account_entries', 2, 1, 'not json at all: words-of-a-broken-row'),
      (5, 2, 'update', 'incidents', 1, 1, '{"title":{"from":"Old title","to":"New title"}}');
  )sql";
  ASSERT_EQ(sqlite3_exec(db, older, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
  ASSERT_NE(DatabaseBytes(path_).find("draft-about-the-outage"), std::string::npos);

  { ASSERT_TRUE(sqlite::SqliteStore::Open(path_.string(), clock_)); }

  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  EXPECT_EQ(QueryText(db, "SELECT diff FROM audit_log WHERE at = 1"),
            R"({"narrative":{"changed":true},"visibility":{"from":"private","to":"shared"}})");
  EXPECT_EQ(QueryText(db, "SELECT diff FROM audit_log WHERE at = 2"),
            R"({"did":{"changed":true},"at":{"changed":true}})");
  EXPECT_EQ(QueryText(db, "SELECT diff FROM audit_log WHERE at = 3"),
            R"({"body":{"changed":true},"anchor":{"from":null,"to":"account:1"}})");
  EXPECT_EQ(QueryText(db, "SELECT diff FROM audit_log WHERE at = 4"), "{}");
  EXPECT_EQ(QueryText(db, "SELECT diff FROM audit_log WHERE at = 5"),
            R"({"title":{"from":"Old title","to":"New title"}})");
  sqlite3_close(db);
  // Not in a row, nor in the file's free space or its write-ahead log.
  std::string bytes = DatabaseBytes(path_);
  for (std::string_view words :
       {"draft-about-the-outage", "rewritten-draft", "restarted-the-wrong-node",
        "a-note-on-my-account", "words-of-a-broken-row"}) {
    EXPECT_EQ(bytes.find(words), std::string::npos) << words;
  }
}

// A database from before migration 0016 keyed an incident's generation by its latest audit id.
// After it, each incident's counter goes on from there: a snapshot taken at the old generation
// is brought up to date from the log, and generations keep growing.
TEST_F(SqliteMigrationTest, IncidentGenerationsGoOnFromTheAuditIdsOfAnOlderDatabase) {
  ASSERT_NO_FATAL_FAILURE(CreateDatabaseAtVersion(path_, 15));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.string().c_str(), &db), SQLITE_OK);
  const char* older = R"sql(
    INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, incident_id, diff) VALUES
      (10, 1, 2, 'create', 'timeline_events', 1, 1, '{}'),
      (11, 2, 2, 'create', 'timeline_events', 2, 2, '{}'),
      (14, 3, 2, 'update', 'timeline_events', 1, 1, '{}'),
      (15, 4, 2, 'create', 'users', 5, NULL, '{}');
  )sql";
  ASSERT_EQ(sqlite3_exec(db, older, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);

  auto store = sqlite::SqliteStore::Open(path_.string(), clock_);
  ASSERT_TRUE(store) << store.error().message();
  EXPECT_EQ(*(*store)->IncidentGeneration(1), 14);
  EXPECT_EQ(*(*store)->IncidentGeneration(2), 11);
  EXPECT_EQ(*(*store)->IncidentGeneration(3), 0);
  auto since_first = (*store)->EventChangesSince(1, 10);
  ASSERT_TRUE(since_first && since_first->has_value());
  EXPECT_EQ((*since_first)->written, std::vector<int64_t>{1});
  auto none = (*store)->EventChangesSince(1, 14);
  ASSERT_TRUE(none && none->has_value());
  EXPECT_TRUE((*none)->empty());
}

}  // namespace
}  // namespace debrief::store
