// The PostgreSQL store's connection on the tests' cluster: parameters apart from the text (a
// quote or a semicolon in a value is a value), NULL both ways, statements prepared once, and
// failures as the errors the store promises by SQLSTATE.
#include "store/postgres/connection.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

namespace debrief::store::postgres {
namespace {

std::string ClusterFolder() {
  const char* folder = std::getenv("DEBRIEF_TEST_POSTGRES");
  return folder == nullptr ? std::string() : std::string(folder);
}

class PostgresConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (ClusterFolder().empty()) GTEST_SKIP() << "no PostgreSQL cluster (DEBRIEF_TEST_POSTGRES)";
    auto admin = Connection::Open("host=" + ClusterFolder() + " user=debrief dbname=postgres");
    ASSERT_TRUE(admin) << admin.error().message();
    database_ = "connection_test_" + std::to_string(::getpid());
    ASSERT_TRUE((*admin)->Execute("DROP DATABASE IF EXISTS " + database_));
    ASSERT_TRUE((*admin)->Execute("CREATE DATABASE " + database_ + " TEMPLATE template0"));
    auto own = Connection::Open("host=" + ClusterFolder() + " user=debrief dbname=" + database_);
    ASSERT_TRUE(own) << own.error().message();
    connection_ = std::move(*own);
    admin_ = std::move(*admin);
  }
  void TearDown() override {
    connection_.reset();
    if (admin_) (void)admin_->Execute("DROP DATABASE IF EXISTS " + database_);
  }

  std::string database_;
  std::unique_ptr<Connection> admin_;
  std::unique_ptr<Connection> connection_;
};

TEST_F(PostgresConnectionTest, ValuesTravelApartFromTheText) {
  ASSERT_TRUE(connection_->Execute("CREATE TABLE notes (id bigint PRIMARY KEY, body text)"));
  std::string hostile = "x'); DROP TABLE notes; --";
  std::vector<std::optional<std::string>> row = {"1", hostile};
  auto inserted = connection_->Run("INSERT INTO notes (id, body) VALUES ($1, $2)", row);
  ASSERT_TRUE(inserted) << inserted.error().message();
  EXPECT_EQ(inserted->changed, 1);
  std::vector<std::optional<std::string>> empty_body = {"2", std::nullopt};
  ASSERT_TRUE(connection_->Run("INSERT INTO notes (id, body) VALUES ($1, $2)", empty_body));
  std::vector<std::optional<std::string>> none;
  auto read = connection_->Run("SELECT id, body FROM notes ORDER BY id", none);
  ASSERT_TRUE(read) << read.error().message();
  ASSERT_EQ(read->rows.size(), 2u);
  EXPECT_EQ(read->rows[0][1], hostile);
  EXPECT_FALSE(read->rows[1][1].has_value());  // NULL comes back as no value.
  // The same text again reuses its prepared statement.
  std::vector<std::optional<std::string>> third = {"3", "caf\xC3\xA9"};
  ASSERT_TRUE(connection_->Run("INSERT INTO notes (id, body) VALUES ($1, $2)", third));
}

TEST_F(PostgresConnectionTest, FailuresAreTheErrorsTheStorePromises) {
  ASSERT_TRUE(connection_->Execute("CREATE TABLE keys (id bigint PRIMARY KEY)"));
  std::vector<std::optional<std::string>> one = {"1"};
  ASSERT_TRUE(connection_->Run("INSERT INTO keys (id) VALUES ($1)", one));
  auto twice = connection_->Run("INSERT INTO keys (id) VALUES ($1)", one);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code(), core::ErrorCode::kAlreadyExists) << twice.error().message();
  std::vector<std::optional<std::string>> word = {"seven"};
  auto wrong = connection_->Run("INSERT INTO keys (id) VALUES ($1)", word);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), core::ErrorCode::kInvalidArgument) << wrong.error().message();
  // What a constraint refused stays out of the error: its message may reach a log.
  ASSERT_TRUE(connection_->Execute(
      "CREATE TABLE accounts (id bigint PRIMARY KEY, narrative text NOT NULL CHECK "
      "(length(narrative) < 20), owner text UNIQUE)"));
  std::vector<std::optional<std::string>> long_words = {"1", "I restarted the primary at 14:02",
                                                        "priya"};
  auto refused = connection_->Run("INSERT INTO accounts (id, narrative, owner) VALUES ($1, $2, $3)",
                                  long_words);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().message().find("restarted"), std::string::npos)
      << refused.error().message();
  std::vector<std::optional<std::string>> first = {"2", "short", "priya"};
  ASSERT_TRUE(
      connection_->Run("INSERT INTO accounts (id, narrative, owner) VALUES ($1, $2, $3)", first));
  std::vector<std::optional<std::string>> again = {"3", "short", "priya"};
  auto taken =
      connection_->Run("INSERT INTO accounts (id, narrative, owner) VALUES ($1, $2, $3)", again);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.error().message().find("priya"), std::string::npos) << taken.error().message();
  // A transaction a statement failed in cannot be committed: COMMIT rolls it back, which is an
  // error here, not a success.
  ASSERT_TRUE(connection_->Execute("BEGIN"));
  ASSERT_TRUE(connection_->Run("INSERT INTO keys (id) VALUES ($1)",
                               std::vector<std::optional<std::string>>{"5"}));
  ASSERT_FALSE(connection_->Run("INSERT INTO keys (id) VALUES ($1)", one));
  auto committed = connection_->Commit();
  ASSERT_FALSE(committed);
  EXPECT_NE(committed.error().message().find("rolled back"), std::string::npos);
  EXPECT_FALSE(connection_->InTransaction());
  auto five = connection_->Run("SELECT count(*) FROM keys WHERE id = 5", {});
  ASSERT_TRUE(five);
  EXPECT_EQ(five->rows[0][0], "0");
  auto unknown = connection_->Execute("SELECT * FROM no_such_table");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), core::ErrorCode::kInternal);
  // Nobody listens there: unavailable, with libpq's reason.
  auto nowhere = Connection::Open("host=/nonexistent user=debrief dbname=postgres");
  ASSERT_FALSE(nowhere);
  EXPECT_EQ(nowhere.error().code(), core::ErrorCode::kUnavailable);
}

TEST(PostgresErrors, SqlStatesMapToTheStoreErrors) {
  EXPECT_EQ(ErrorOfState("23505", "duplicate").code(), core::ErrorCode::kAlreadyExists);
  EXPECT_TRUE(ErrorOfState("40001", "serialization").busy());
  EXPECT_TRUE(ErrorOfState("40P01", "deadlock").busy());
  EXPECT_EQ(ErrorOfState("08006", "lost").code(), core::ErrorCode::kUnavailable);
  EXPECT_EQ(ErrorOfState("57P01", "shutdown").code(), core::ErrorCode::kUnavailable);
  EXPECT_EQ(ErrorOfState("22P02", "bad text").code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(ErrorOfState("42P01", "no table").code(), core::ErrorCode::kInternal);
}

}  // namespace
}  // namespace debrief::store::postgres
