#include "store/open.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/clock.h"
#include "store/sqlite/connection.h"
#include "support/postgres_database.h"

namespace debrief::store {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class OpenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("debrief-open-" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  core::FixedClock clock_{*core::ParseRfc3339("2026-03-14T10:00:00Z")};
  fs::path directory_;
};

TEST_F(OpenStoreTest, APathOrAnSqliteUrlOpensTheSameFile) {
  fs::path file = directory_ / "debrief.db";
  {
    auto store = OpenStore(file.string(), clock_);
    ASSERT_TRUE(store) << store.error().message();
    EXPECT_GT((*store)->schema_version(), 0);
    core::Incident incident;
    incident.title = "Queue backlog";
    incident.severity = "SEV2";
    ASSERT_TRUE((*store)->CreateIncident(incident, {}));
  }
  for (std::string location : {"sqlite:" + file.string(), "sqlite://" + file.string()}) {
    auto store = OpenStore(location, clock_);
    ASSERT_TRUE(store) << location << ": " << store.error().message();
    auto listed = (*store)->ListIncidents({});
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->incidents.size(), 1u) << location;
  }
}

// The server's store never waits for another connection's write lock: a write that meets it
// fails at once as busy, having written nothing, and the same store writes again once the lock
// is free (the failed statement must not leave its transaction open behind it).
TEST_F(OpenStoreTest, AStoreThatDoesNotWaitForLocksSaysBusyAndWritesOnceTheyAreFree) {
  fs::path file = directory_ / "debrief.db";
  OpenOptions options;
  options.lock_wait = std::chrono::milliseconds(0);
  auto store = OpenStore(file.string(), clock_, options);
  ASSERT_TRUE(store) << store.error().message();
  core::Incident incident;
  incident.title = "Queue backlog";
  incident.severity = "SEV2";
  auto other = sqlite::Connection::Open(file.string(), {});
  ASSERT_TRUE(other) << other.error().message();
  ASSERT_TRUE((*other)->Execute("BEGIN IMMEDIATE"));
  int64_t writes = (*store)->WriteCount();
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto refused = (*store)->CreateIncident(incident, {});
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().busy()) << refused.error().message();
    EXPECT_EQ(refused.error().code(), core::ErrorCode::kUnavailable);
  }
  EXPECT_EQ((*store)->WriteCount(), writes);
  ASSERT_TRUE((*other)->Execute("COMMIT"));
  auto created = (*store)->CreateIncident(incident, {});
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_GT((*store)->WriteCount(), writes);
  EXPECT_EQ((*store)->ListIncidents({})->incidents.size(), 1u);
}

TEST_F(OpenStoreTest, OtherDatabasesAndNothingAreRefusedWithTheReason) {
  auto mysql = OpenStore("mysql://debrief@localhost/debrief", clock_);
  ASSERT_FALSE(mysql);
  EXPECT_THAT(mysql.error().message(), HasSubstr("cannot open a mysql database"));
  EXPECT_THAT(mysql.error().message(), HasSubstr("postgres://"));
  auto empty = OpenStore("sqlite:", clock_);
  ASSERT_FALSE(empty);
  EXPECT_THAT(empty.error().message(), HasSubstr("empty"));
  // A folder that does not exist is the database's error, said as such.
  EXPECT_FALSE(OpenStore((directory_ / "missing" / "deeper" / "x.db").string(), clock_));
}

// Whether a database is there is read from the location as OpenStore reads it, and asking
// creates nothing.
TEST_F(OpenStoreTest, ExistsReadsTheLocationAsOpeningDoesAndCreatesNothing) {
  fs::path file = directory_ / "here.db";
  for (const std::string& location :
       {file.string(), "sqlite:" + file.string(), "sqlite://" + file.string()}) {
    auto exists = StoreExists(location);
    ASSERT_TRUE(exists) << location;
    EXPECT_FALSE(*exists) << location;
  }
  EXPECT_FALSE(fs::exists(file));
  ASSERT_TRUE(OpenStore(file.string(), clock_));
  for (const std::string& location :
       {file.string(), "sqlite:" + file.string(), "sqlite://" + file.string()}) {
    auto exists = StoreExists(location);
    ASSERT_TRUE(exists) << location;
    EXPECT_TRUE(*exists) << location;
  }
  auto other = StoreExists("mysql://db.example/debrief");
  ASSERT_FALSE(other);
  EXPECT_THAT(other.error().message(), HasSubstr("mysql"));
}

// What is shown of a location never holds a password.
TEST_F(OpenStoreTest, ADescribedLocationHoldsNoPassword) {
  EXPECT_EQ(DescribeLocation("postgres://debrief:s3cr%40t@db.example:5432/debrief?sslmode=require"),
            "postgres://debrief@db.example:5432/debrief?sslmode=require");
  EXPECT_EQ(DescribeLocation(
                "postgresql://db.example/debrief?user=d&password=s3cret&sslmode=verify-full"),
            "postgresql://db.example/debrief?user=d&password=***&sslmode=verify-full");
  EXPECT_EQ(DescribeLocation("postgresql://debrief@/demo?host=/run/pg"),
            "postgresql://debrief@/demo?host=/run/pg");
  EXPECT_EQ(DescribeLocation("postgres://u:pa?ss#w:rd@db.example/debrief"),
            "postgres://u@db.example/debrief");
  EXPECT_EQ(DescribeLocation("postgres://db.example/debrief?sslpassword=keypass&password=s3&x=1"),
            "postgres://db.example/debrief?sslpassword=***&password=***&x=1");
  EXPECT_EQ(DescribeLocation("postgres://u:secret@db.example"), "postgres://u@db.example");
  EXPECT_EQ(DescribeLocation("var/debrief.db"), "var/debrief.db");
  // A location libpq cannot read is refused without quoting it.
  core::FixedClock clock(*core::ParseRfc3339("2026-03-14T12:00:00Z"));
  auto unreadable = OpenStore("postgres://u:hunter2@[::1/debrief", clock);
  ASSERT_FALSE(unreadable);
  EXPECT_EQ(unreadable.error().message().find("hunter2"), std::string::npos)
      << unreadable.error().message();
}

// A postgres:// URL opens PostgreSQL (here the tests' own cluster, by its socket folder), and
// asking whether a database is there creates nothing; an unreachable server is an error.
TEST_F(OpenStoreTest, APostgresUrlOpensPostgreSQL) {
  if (!testing::PostgresCluster()) GTEST_SKIP() << "no PostgreSQL cluster here";
  std::string name = testing::PostgresDatabaseName("open-test-" + std::to_string(::getpid()));
  ASSERT_TRUE(testing::DropPostgresDatabase(name));
  ASSERT_TRUE(testing::PostgresDatabase(name, /*migrated=*/false));
  std::string url = "postgresql://debrief@/" + name + "?host=" + *testing::PostgresCluster();
  auto before = StoreExists(url);
  ASSERT_TRUE(before) << before.error().message();
  EXPECT_FALSE(*before);
  EXPECT_FALSE(*StoreExists(url));  // Asking made nothing.
  {
    auto store =
        OpenStore(url, clock_, {.query_observer = {}, .lock_wait = std::chrono::milliseconds(0)});
    ASSERT_TRUE(store) << store.error().message();
    core::Incident incident;
    incident.title = "Checkout errors";
    incident.severity = "SEV2";
    incident.created_by = 1;
    ASSERT_TRUE((*store)->CreateIncident(incident, {}));
  }
  EXPECT_TRUE(*StoreExists(url));
  auto reopened = OpenStore(url, clock_);
  ASSERT_TRUE(reopened);
  EXPECT_EQ((*reopened)->ListIncidents({})->incidents.size(), 1u);
  reopened->reset();
  (void)testing::DropPostgresDatabase(name);

  auto unreachable = StoreExists("postgresql://debrief@/nothing?host=/nonexistent-socket-folder");
  ASSERT_FALSE(unreachable);
  EXPECT_EQ(unreachable.error().code(), core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace debrief::store
